// SPDX-License-Identifier: Apache-2.0
import { z } from 'zod';
import { GatewayError } from '../errors.js';

/** Which OpenAI endpoint a body was sent to; each has its own shape and its own text fields. */
export type Endpoint = 'chat' | 'completions' | 'embeddings';

/** Hard caps on the parts of a request body the gateway walks (besides the byte limit). */
export interface BodyLimits {
  readonly maxJsonDepth: number;
  readonly maxMessages: number;
}

/** Content parts per message, tool calls per message and tools per request. */
const MAX_PARTS = 1024;
const MAX_STRINGS = 100_000;

const model = z.string().min(1).max(256);
const textOrTokens = z.union([z.string(), z.array(z.string()).max(MAX_STRINGS), z.array(z.number()).max(MAX_STRINGS * 10), z.array(z.array(z.number())).max(MAX_STRINGS)]);
const contentPart = z.looseObject({ type: z.string().max(64), text: z.string().optional() });
const toolCall = z.looseObject({ function: z.looseObject({ name: z.string().max(256).optional(), arguments: z.string().optional() }).optional() });
const message = z.looseObject({
  role: z.string().min(1).max(64),
  content: z.union([z.string(), z.array(contentPart).max(MAX_PARTS), z.null()]).optional(),
  name: z.string().max(256).optional(),
  tool_calls: z.array(toolCall).max(MAX_PARTS).nullish(),
});
const tool = z.looseObject({ function: z.looseObject({ description: z.string().optional() }).optional() });
const streamFlag = z.boolean().nullish();

function toChatSchema(maxMessages: number) {
  return z.looseObject({ model, messages: z.array(message).min(1).max(maxMessages), stream: streamFlag, tools: z.array(tool).max(MAX_PARTS).nullish() });
}
type ChatSchema = ReturnType<typeof toChatSchema>;
const chatSchemas = new Map<number, ChatSchema>();

/** @returns the chat schema for a message bound, built once per bound. */
function getChatSchema(maxMessages: number): ChatSchema {
  let schema = chatSchemas.get(maxMessages);
  if (!schema) {
    schema = toChatSchema(maxMessages);
    if (chatSchemas.size < 16) chatSchemas.set(maxMessages, schema);
  }
  return schema;
}
const completionsSchema = z.looseObject({ model, prompt: textOrTokens.nullish(), suffix: z.string().nullish(), stream: streamFlag });
const embeddingsSchema = z.looseObject({ model, input: textOrTokens });

export type ChatBody = z.output<ChatSchema>;
export type CompletionsBody = z.output<typeof completionsSchema>;
export type EmbeddingsBody = z.output<typeof embeddingsSchema>;
/** A parsed request body; fields the gateway does not read travel unchanged. */
export type RequestBody = (ChatBody | CompletionsBody | EmbeddingsBody) & { stream?: boolean | null };

/**
 * @returns the deepest nesting of arrays and objects in a JSON text, stopping early past `max`,
 * so a `[[[[...` bomb is refused before JSON.parse and before any recursive walk.
 */
export function toJsonDepth(text: string, max: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > deepest) deepest = depth;
      if (deepest > max) return deepest;
    } else if (c === 93 || c === 125) depth--;
  }
  return deepest;
}

/** @returns the first issue of a zod error as "field: problem". */
function toIssueText(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid body';
  const path = issue.path.map(String).join('.') || 'body';
  return `${path}: ${issue.message.toLowerCase()}`;
}

/**
 * Parses and validates a request body for `endpoint`.
 * @throws GatewayError GATEWAY_BAD_REQUEST for malformed JSON, a body nested past the limit or a
 * body that is not the endpoint's shape (the message names the field).
 * @returns the parsed body.
 */
export function parseRequestBody(raw: Buffer, endpoint: Endpoint, limits: BodyLimits): RequestBody {
  const text = raw.toString('utf8');
  const depth = toJsonDepth(text, limits.maxJsonDepth);
  if (depth > limits.maxJsonDepth) throw new GatewayError('GATEWAY_BAD_REQUEST', `expected json nested at most ${limits.maxJsonDepth} deep, got deeper`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new GatewayError('GATEWAY_BAD_REQUEST', `expected a json body: ${(error as Error).message.slice(0, 200).toLowerCase()}`, { cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new GatewayError('GATEWAY_BAD_REQUEST', 'expected a json object body');
  const schema = endpoint === 'chat' ? getChatSchema(limits.maxMessages) : endpoint === 'completions' ? completionsSchema : embeddingsSchema;
  const result = schema.safeParse(value);
  if (!result.success) throw new GatewayError('GATEWAY_BAD_REQUEST', `invalid ${endpoint} request: ${toIssueText(result.error)}`);
  return result.data;
}
