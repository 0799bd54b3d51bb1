// SPDX-License-Identifier: Apache-2.0
import * as nodeCrypto from 'node:crypto';
import { createCanary, embedCanary, redact, scanLeaks } from '../../detect/index.js';
import type { GatewayConfig, Policy } from '../config/schema.js';
import { GatewayError } from '../errors.js';
import { judgeRequest, type Judgement } from '../inspect/judge.js';
import type { Endpoint, RequestBody } from '../inspect/request-body.js';
import { setSlotText, toRequestSlots, type TextSlot } from '../inspect/text-slots.js';
import { isModelMatch } from '../upstream/model-router.js';

/**
 * @returns the hex SHA-256 of `raw`: one-shot `crypto.hash` where Node has it (20.12 and later),
 * which skips the Hash object a streaming digest builds; `createHash` on older releases.
 */
const toSha256Hex: (raw: Buffer) => string = typeof nodeCrypto.hash === 'function'
  ? (raw) => nodeCrypto.hash('sha256', raw, 'hex')
  : (raw) => nodeCrypto.createHash('sha256').update(raw).digest('hex');

/** Longest prompt text kept in an audit entry. */
const MAX_AUDIT_PROMPT = 16 * 1024;

/** A request after the inbound checks: what to forward and what was found. */
export interface InspectedRequest {
  readonly body: RequestBody;
  /** The bytes to send upstream: the caller's own bytes when nothing changed. */
  readonly outgoing: Buffer | string;
  readonly judgement: Judgement;
  readonly canaries: readonly string[];
  readonly promptChars: number;
  readonly digest: string;
  readonly stream: boolean;
}

/** @throws GatewayError GATEWAY_MODEL_FORBIDDEN when the key's policy does not list `model`. */
export function checkModel(policy: Policy, model: string): void {
  if (!isModelMatch(policy.models, model)) throw new GatewayError('GATEWAY_MODEL_FORBIDDEN', `this key may not use model ${JSON.stringify(model.slice(0, 200))}`);
}

/**
 * Plants a canary in the system prompt (the first system or developer message, or a new one), so
 * a model repeating its instructions is caught on the way out. @returns the canary.
 */
function plantCanary(body: Record<string, unknown>): string {
  const canary = createCanary();
  const messages = body['messages'] as Record<string, unknown>[];
  const system = messages.find((m) => (m['role'] === 'system' || m['role'] === 'developer') && typeof m['content'] === 'string');
  if (system) system['content'] = embedCanary(system['content'] as string, canary);
  else messages.unshift({ role: 'system', content: embedCanary('', canary) });
  return canary;
}

/** @returns the prompt for the audit entry as configured: none, redacted (every leak category) or raw. */
export function toAuditPrompt(slots: readonly TextSlot[], mode: GatewayConfig['audit']['prompts']): string | undefined {
  if (mode === 'none' || !slots.length) return undefined;
  let text = slots.map((s) => `${s.role}: ${s.text}`).join('\n');
  if (text.length > MAX_AUDIT_PROMPT) text = text.slice(0, MAX_AUDIT_PROMPT);
  return mode === 'raw' ? text : redact(text, scanLeaks(text));
}

/**
 * Runs every detector on every text of a parsed body, applies the policy's redactions and plants
 * the canary. Nothing here calls the upstream.
 * @returns the request to forward, with the judgement (the caller acts on a block).
 */
export function inspectRequest(raw: Buffer, body: RequestBody, options: { endpoint: Endpoint; config: GatewayConfig; policy: Policy; keyId: string }): InspectedRequest & { slots: TextSlot[] } {
  const endpoint = options.endpoint;
  const digest = toSha256Hex(raw);
  const slots = toRequestSlots(endpoint, body);
  const judgement = judgeRequest(slots, options.policy, options.keyId);
  const promptChars = slots.reduce((n, s) => n + s.text.length, 0);
  const stream = endpoint !== 'embeddings' && body.stream === true;
  const canaries: string[] = [];
  if (judgement.verdict === 'block') return { body, outgoing: raw, judgement, canaries, promptChars, digest, stream, slots };
  for (const rewrite of judgement.rewrites) setSlotText(body, rewrite.path, rewrite.text);
  if (options.policy.canary && endpoint === 'chat') canaries.push(plantCanary(body));
  const changed = judgement.rewrites.length > 0 || canaries.length > 0;
  return { body, outgoing: changed ? JSON.stringify(body) : raw, judgement, canaries, promptChars, digest, stream, slots };
}
