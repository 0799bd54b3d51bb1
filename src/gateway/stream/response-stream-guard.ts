// SPDX-License-Identifier: Apache-2.0
import { createStreamScanner, type StreamScanner } from '../../detect/index.js';
import type { Policy } from '../config/schema.js';
import { GatewayError } from '../errors.js';
import type { JudgedDetection } from '../inspect/judge.js';
import { toDetectionAction, toGuardedLeakCategories, toMonitoredLeakCategories } from '../keys/policy.js';
import { toSseText, type SseEvent } from './sse-reader.js';

type Json = Record<string, unknown>;

/** One streamed text field (a choice's content, refusal, text, or one tool call's arguments). */
interface FieldScanners {
  /** Redacts and finds what the policy redacts or blocks; its output is what the caller sees. */
  readonly guard: StreamScanner | undefined;
  /** Finds what the policy only counts; its output is discarded. */
  readonly monitor: StreamScanner | undefined;
  flushed: boolean;
}

/** Choices times fields per stream; an upstream sending more is broken or hostile. */
const MAX_FIELDS = 512;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface StreamGuardOptions {
  readonly endpoint: 'chat' | 'completions';
  readonly policy: Policy;
  readonly canaries: readonly string[];
  /** Called for each detection as it is found (the audit entry must have it before the stream ends). */
  readonly onDetection?: (detection: JudgedDetection) => void;
}

/**
 * Scans a streamed completion as it flows (issue: output guardrails silently skipped on
 * `stream: true`). Each text field goes through detect's stream scanner, which releases only text
 * no later chunk can turn into part of a match, so redaction is identical however the upstream
 * splits the text; the held tail is flushed when the choice finishes. A detection whose action is
 * block stops the stream before the matched text is written.
 */
export class ResponseStreamGuard {
  readonly detections: JudgedDetection[] = [];
  /** Characters of text received from the upstream, for token accounting without a usage chunk. */
  outputChars = 0;
  /** total_tokens from the upstream's usage chunk, when it sent one. */
  usageTokens: number | undefined;
  private readonly fields = new Map<string, FieldScanners>();
  private readonly guarded: ReturnType<typeof toGuardedLeakCategories>;
  private readonly monitored: ReturnType<typeof toMonitoredLeakCategories>;
  private blockedBy: JudgedDetection | undefined;
  private template: Json = {};

  constructor(private readonly options: StreamGuardOptions) {
    this.guarded = options.policy.scanOutput ? toGuardedLeakCategories(options.policy) : [];
    this.monitored = options.policy.scanOutput ? toMonitoredLeakCategories(options.policy) : [];
  }

  /** @returns the detection that blocked the stream, if one did. */
  get blocked(): JudgedDetection | undefined {
    return this.blockedBy;
  }

  /**
   * @returns the SSE text to send for one upstream event (empty when it carried nothing to send yet,
   * or when it blocked the stream: check `blocked`).
   * @throws GatewayError GATEWAY_UPSTREAM_UNAVAILABLE for an event that is not JSON.
   */
  transform(event: SseEvent): string {
    if (this.blockedBy) return '';
    if (event.data === '[DONE]') return this.finish() + (this.blockedBy ? '' : toSseText('[DONE]'));
    let chunk: unknown;
    try {
      chunk = JSON.parse(event.data);
    } catch (error) {
      throw new GatewayError('GATEWAY_UPSTREAM_UNAVAILABLE', 'upstream sent a stream event that is not json', { cause: error });
    }
    if (!isRecord(chunk) || !Array.isArray(chunk['choices'])) {
      this.noteUsage(chunk);
      return toSseText(event.data);
    }
    this.template = { id: chunk['id'], object: chunk['object'], created: chunk['created'], model: chunk['model'] };
    const choices = chunk['choices'] as unknown[];
    for (const choice of choices) if (isRecord(choice)) this.transformChoice(choice);
    this.noteUsage(chunk);
    if (this.blockedBy) return '';
    // A chunk whose text is all held back and that carries nothing else is not sent: fewer events
    // and socket writes, the same text.
    if (chunk['usage'] == null && choices.length > 0 && choices.every(isEmptyChoice)) return '';
    return toSseText(JSON.stringify(chunk));
  }

  /** Flushes every field still open (the stream ended without finish reasons). @returns SSE text */
  finish(): string {
    let out = '';
    for (const [key, field] of this.fields) {
      if (field.flushed) continue;
      const text = this.flushField(field);
      if (this.blockedBy) return '';
      if (text) out += toSseText(JSON.stringify(this.toSyntheticChunk(key, text)));
    }
    return out;
  }

  private transformChoice(choice: Json): void {
    const index = typeof choice['index'] === 'number' ? choice['index'] : 0;
    if (this.options.endpoint === 'completions') {
      if (typeof choice['text'] === 'string') choice['text'] = this.push(`${index}:text`, choice['text']);
    } else if (isRecord(choice['delta'])) {
      this.transformDelta(index, choice['delta']);
    }
    if (typeof choice['finish_reason'] === 'string') this.flushChoice(index, choice);
  }

  private transformDelta(index: number, delta: Json): void {
    if (typeof delta['content'] === 'string') delta['content'] = this.push(`${index}:content`, delta['content']);
    if (typeof delta['refusal'] === 'string') delta['refusal'] = this.push(`${index}:refusal`, delta['refusal']);
    const calls = delta['tool_calls'];
    if (!Array.isArray(calls)) return;
    calls.forEach((call: unknown, j) => {
      const fn = isRecord(call) ? call['function'] : undefined;
      if (!isRecord(call) || !isRecord(fn) || typeof fn['arguments'] !== 'string') return;
      const tool = typeof call['index'] === 'number' ? call['index'] : j;
      fn['arguments'] = this.push(`${index}:tool:${tool}`, fn['arguments']);
    });
  }

  /** Appends each field's held tail to the finishing chunk of its choice. */
  private flushChoice(index: number, choice: Json): void {
    for (const [key, field] of this.fields) {
      if (field.flushed || !key.startsWith(`${index}:`)) continue;
      const text = this.flushField(field);
      if (!text || this.blockedBy) continue;
      appendText(choice, key.slice(String(index).length + 1), text);
    }
  }

  private push(key: string, text: string): string {
    this.outputChars += text.length;
    const field = this.getField(key);
    const out = field.guard ? field.guard.push(text) : text;
    field.monitor?.push(text);
    this.collect(field);
    return out;
  }

  private flushField(field: FieldScanners): string {
    field.flushed = true;
    const out = field.guard ? field.guard.flush() : '';
    field.monitor?.flush();
    this.collect(field);
    return out;
  }

  private collect(field: FieldScanners): void {
    for (const scanner of [field.guard, field.monitor]) {
      if (!scanner) continue;
      for (const d of scanner.takeDetections()) {
        const judged: JudgedDetection = { ruleId: d.ruleId, category: d.category, score: Math.round(d.score * 1000) / 1000, action: toDetectionAction(this.options.policy, d), direction: 'response', role: 'output' };
        this.detections.push(judged);
        this.options.onDetection?.(judged);
        if (judged.action === 'block') this.blockedBy ??= judged;
      }
    }
  }

  private getField(key: string): FieldScanners {
    let field = this.fields.get(key);
    if (field) return field;
    if (this.fields.size >= MAX_FIELDS) throw new GatewayError('GATEWAY_UPSTREAM_UNAVAILABLE', `upstream stream has more than ${MAX_FIELDS} text fields`);
    const canaries = this.options.canaries;
    field = {
      guard: this.guarded.length ? createStreamScanner({ categories: this.guarded, canaries }) : undefined,
      monitor: this.monitored.length ? createStreamScanner({ categories: this.monitored, canaries }) : undefined,
      flushed: false,
    };
    this.fields.set(key, field);
    return field;
  }

  private noteUsage(chunk: unknown): void {
    const usage = isRecord(chunk) ? chunk['usage'] : undefined;
    if (isRecord(usage) && typeof usage['total_tokens'] === 'number') this.usageTokens = usage['total_tokens'];
  }

  private toSyntheticChunk(key: string, text: string): Json {
    const [index, ...field] = key.split(':');
    const choice: Json = { index: Number(index), finish_reason: null };
    if (this.options.endpoint === 'chat') choice['delta'] = {};
    appendText(choice, field.join(':'), text);
    return { ...this.template, choices: [choice] };
  }
}

/** @returns true for a choice with no text left, no finish reason, no logprobs and no other delta field. */
function isEmptyChoice(choice: unknown): boolean {
  if (!isRecord(choice) || choice['finish_reason'] != null || choice['logprobs'] != null) return false;
  if ('text' in choice) return choice['text'] === '';
  const delta = choice['delta'];
  if (!isRecord(delta)) return false;
  for (const [key, value] of Object.entries(delta)) if (!((key === 'content' || key === 'refusal') && (value === '' || value === null))) return false;
  return true;
}

/** Appends `text` to a choice's field: `content`, `refusal`, `text` or `tool:<index>`. */
function appendText(choice: Json, field: string, text: string): void {
  if (field === 'text') {
    choice['text'] = (typeof choice['text'] === 'string' ? choice['text'] : '') + text;
    return;
  }
  const delta = isRecord(choice['delta']) ? choice['delta'] : (choice['delta'] = {});
  if (field === 'content' || field === 'refusal') {
    delta[field] = (typeof delta[field] === 'string' ? delta[field] : '') + text;
    return;
  }
  const tool = Number(field.slice('tool:'.length));
  const calls = Array.isArray(delta['tool_calls']) ? (delta['tool_calls'] as Json[]) : (delta['tool_calls'] = []) as Json[];
  let call = calls.find((c) => isRecord(c) && c['index'] === tool);
  if (!call) calls.push((call = { index: tool, function: { arguments: '' } }));
  const fn = isRecord(call['function']) ? call['function'] : (call['function'] = {});
  fn['arguments'] = (typeof fn['arguments'] === 'string' ? fn['arguments'] : '') + text;
}
