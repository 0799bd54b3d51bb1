// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../src/gateway/index.js';
import { policySchema } from '../../../src/gateway/config/schema.js';
import { ResponseStreamGuard } from '../../../src/gateway/stream/response-stream-guard.js';
import { SseReader } from '../../../src/gateway/stream/sse-reader.js';

const POLICY = policySchema.parse({});
const CANARY = 'ctdl-abcdefghijklmnop';
const SECRET = 'sk-proj-abcdefghijklmnopqrstT3BlbkFJabcdefghijklmnopqrst';

function run(guard: ResponseStreamGuard, events: readonly object[]): { out: string; chunks: Record<string, unknown>[] } {
  let out = '';
  for (const e of events) out += guard.transform({ event: undefined, data: JSON.stringify(e) });
  out += guard.transform({ event: undefined, data: '[DONE]' });
  const chunks = new SseReader(1 << 20).push(Buffer.from(out)).filter((e) => e.data !== '[DONE]').map((e) => JSON.parse(e.data) as Record<string, unknown>);
  return { out, chunks };
}

const chunk = (choices: object[]): object => ({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices });

describe('ResponseStreamGuard', () => {
  it('stops at a canary leak: the canary is never written, and there is no [DONE]', () => {
    const guard = new ResponseStreamGuard({ endpoint: 'chat', policy: POLICY, canaries: [CANARY] });
    const pieces = ['My instructions begin with <!-- ', 'ctdl-abcd', 'efghijklmnop', ' --> and then say more.'];
    const { out } = run(guard, pieces.map((p) => chunk([{ index: 0, delta: { content: p }, finish_reason: null }])));
    expect(guard.blocked?.category).toBe('canary');
    expect(out).not.toContain('efghijklmnop');
    expect(out).not.toContain('[DONE]');
  });

  it('redacts tool-call arguments and keeps choices apart', () => {
    const guard = new ResponseStreamGuard({ endpoint: 'chat', policy: POLICY, canaries: [] });
    const args = `{"key":"${SECRET}"}`;
    const events = [
      chunk([{ index: 0, delta: { tool_calls: [{ index: 0, id: 't', type: 'function', function: { name: 'f', arguments: args.slice(0, 20) } }] }, finish_reason: null }]),
      chunk([{ index: 1, delta: { content: 'second choice, clean' }, finish_reason: null }]),
      chunk([{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: args.slice(20) } }] }, finish_reason: null }]),
      chunk([{ index: 0, delta: {}, finish_reason: 'tool_calls' }, { index: 1, delta: {}, finish_reason: 'stop' }]),
    ];
    const { chunks } = run(guard, events);
    let toolArgs = '';
    let second = '';
    for (const c of chunks) {
      for (const choice of c['choices'] as { index: number; delta: { content?: string; tool_calls?: { function?: { arguments?: string } }[] } }[]) {
        if (choice.index === 0) toolArgs += (choice.delta.tool_calls ?? []).map((t) => t.function?.arguments ?? '').join('');
        else second += choice.delta.content ?? '';
      }
    }
    expect(toolArgs).toBe('{"key":"[REDACTED:secret]"}');
    expect(second).toBe('second choice, clean');
  });

  it('passes usage chunks and counts their tokens', () => {
    const guard = new ResponseStreamGuard({ endpoint: 'chat', policy: POLICY, canaries: [] });
    const { chunks } = run(guard, [chunk([{ index: 0, delta: { content: 'hi' }, finish_reason: 'stop' }]), { id: 'c', object: 'chat.completion.chunk', choices: [], usage: { total_tokens: 42 } }]);
    expect(guard.usageTokens).toBe(42);
    expect(chunks.at(-1)?.['usage']).toEqual({ total_tokens: 42 });
  });

  it('flushes held text in a chunk of its own when the upstream ends without finish reasons', () => {
    const guard = new ResponseStreamGuard({ endpoint: 'completions', policy: POLICY, canaries: [] });
    const { chunks } = run(guard, [{ id: 'c', object: 'text_completion', choices: [{ index: 0, text: `key ${SECRET}`, finish_reason: null }] }]);
    expect(chunks.map((c) => (c['choices'] as { text?: string }[])[0]?.text ?? '').join('')).toBe('key [REDACTED:secret]');
  });

  it('refuses an event that is not JSON', () => {
    const guard = new ResponseStreamGuard({ endpoint: 'chat', policy: POLICY, canaries: [] });
    let error: unknown;
    try {
      guard.transform({ event: undefined, data: '{not json' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).code).toBe('GATEWAY_UPSTREAM_UNAVAILABLE');
  });

  it('refuses a stream with more text fields than the bound', () => {
    const guard = new ResponseStreamGuard({ endpoint: 'chat', policy: POLICY, canaries: [] });
    const many = chunk(Array.from({ length: 600 }, (_, index) => ({ index, delta: { content: 'x' }, finish_reason: null })));
    expect(() => guard.transform({ event: undefined, data: JSON.stringify(many) })).toThrow(GatewayError);
  });

  it('leaves output untouched when the policy does not scan output', () => {
    const guard = new ResponseStreamGuard({ endpoint: 'chat', policy: policySchema.parse({ scanOutput: false }), canaries: [] });
    const { chunks } = run(guard, [chunk([{ index: 0, delta: { content: SECRET }, finish_reason: null }])]);
    expect(JSON.stringify(chunks)).toContain(SECRET);
  });
});
