// SPDX-License-Identifier: Apache-2.0
import type { Endpoint } from './request-body.js';

/** Where a piece of text sits in a JSON body, so a redaction can be written back in place. */
export type JsonPath = readonly (string | number)[];

/** One text the detectors must see, with the role of whoever put it there. */
export interface TextSlot {
  readonly path: JsonPath;
  readonly text: string;
  /** `user`, `system`, `tool`, `assistant`, `tool-definition`, `prompt`, `input`, `output`. */
  readonly role: string;
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pushString(out: TextSlot[], value: unknown, where: { path: JsonPath; role: string }): void {
  if (typeof value === 'string' && value.length) out.push({ path: where.path, text: value, role: where.role });
}

function collectMessage(out: TextSlot[], message: Json, index: number): void {
  const role = typeof message['role'] === 'string' ? message['role'] : 'user';
  const content = message['content'];
  if (typeof content === 'string') pushString(out, content, { path: ['messages', index, 'content'], role: role });
  else if (Array.isArray(content)) {
    content.forEach((part: unknown, p) => {
      if (isRecord(part)) pushString(out, part['text'], { path: ['messages', index, 'content', p, 'text'], role: role });
    });
  }
  pushString(out, message['name'], { path: ['messages', index, 'name'], role: role });
  const calls = message['tool_calls'];
  if (Array.isArray(calls)) {
    calls.forEach((call: unknown, c) => {
      const fn = isRecord(call) ? call['function'] : undefined;
      if (isRecord(fn)) pushString(out, fn['arguments'], { path: ['messages', index, 'tool_calls', c, 'function', 'arguments'], role: role });
    });
  }
}

function collectStrings(out: TextSlot[], value: unknown, field: string): void {
  if (typeof value === 'string') pushString(out, value, { path: [field], role: field });
  else if (Array.isArray(value)) value.forEach((v: unknown, i) => { pushString(out, v, { path: [field, i], role: field }); });
}

/**
 * Every text in a request that a model will read: each message's content and content parts,
 * names, tool-call arguments and tool results (indirect injection arrives there), tool
 * descriptions, completion prompts and embedding inputs. Token-id arrays carry no text to scan.
 * @returns the slots in body order.
 */
export function toRequestSlots(endpoint: Endpoint, body: Json): TextSlot[] {
  const out: TextSlot[] = [];
  if (endpoint === 'chat') {
    const messages = body['messages'];
    if (Array.isArray(messages)) messages.forEach((m: unknown, i) => { if (isRecord(m)) collectMessage(out, m, i); });
    const tools = body['tools'];
    if (Array.isArray(tools)) {
      tools.forEach((t: unknown, i) => {
        const fn = isRecord(t) ? t['function'] : undefined;
        if (isRecord(fn)) pushString(out, fn['description'], { path: ['tools', i, 'function', 'description'], role: 'tool-definition' });
      });
    }
  } else if (endpoint === 'completions') {
    collectStrings(out, body['prompt'], 'prompt');
    pushString(out, body['suffix'], { path: ['suffix'], role: 'prompt' });
  } else {
    collectStrings(out, body['input'], 'input');
  }
  return out;
}

/**
 * Texts of a non-streamed response that reach the caller: chat message content, refusals and
 * tool-call arguments, and completion texts.
 * @returns the slots in body order.
 */
export function toResponseSlots(body: Json): TextSlot[] {
  const out: TextSlot[] = [];
  const choices = body['choices'];
  if (!Array.isArray(choices)) return out;
  choices.forEach((choice: unknown, i) => {
    if (!isRecord(choice)) return;
    pushString(out, choice['text'], { path: ['choices', i, 'text'], role: 'output' });
    const message = choice['message'];
    if (!isRecord(message)) return;
    pushString(out, message['content'], { path: ['choices', i, 'message', 'content'], role: 'output' });
    pushString(out, message['refusal'], { path: ['choices', i, 'message', 'refusal'], role: 'output' });
    const calls = message['tool_calls'];
    if (Array.isArray(calls)) {
      calls.forEach((call: unknown, c) => {
        const fn = isRecord(call) ? call['function'] : undefined;
        if (isRecord(fn)) pushString(out, fn['arguments'], { path: ['choices', i, 'message', 'tool_calls', c, 'function', 'arguments'], role: 'output' });
      });
    }
  });
  return out;
}

/** Writes `text` at `path` inside `body`, which toRequestSlots or toResponseSlots walked. */
export function setSlotText(body: Json, path: JsonPath, text: string): void {
  let node: unknown = body;
  for (let i = 0; i < path.length - 1; i++) node = (node as Record<string | number, unknown>)[path[i] as string | number];
  (node as Record<string | number, unknown>)[path[path.length - 1] as string | number] = text;
}
