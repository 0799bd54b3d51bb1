// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../src/gateway/index.js';
import { parseRequestBody, toJsonDepth } from '../../../src/gateway/inspect/request-body.js';
import { toRequestSlots, toResponseSlots } from '../../../src/gateway/inspect/text-slots.js';

const LIMITS = { maxJsonDepth: 16, maxMessages: 4 };

function codeOf(raw: string, endpoint: 'chat' | 'completions' | 'embeddings' = 'chat'): string | undefined {
  try {
    parseRequestBody(Buffer.from(raw), endpoint, LIMITS);
  } catch (error) {
    return error instanceof GatewayError ? error.code : 'other';
  }
  return undefined;
}

describe('request bodies', () => {
  it('measures depth without being fooled by brackets inside strings', () => {
    expect(toJsonDepth('{"a":"[[[[{{{{\\"]]]"}', 100)).toBe(1);
    expect(toJsonDepth('[[[]]]', 100)).toBe(3);
    expect(toJsonDepth('['.repeat(1_000_000), 10)).toBe(11);
  });

  it('refuses malformed, deep, oversized and mis-shaped bodies with GATEWAY_BAD_REQUEST', () => {
    expect(codeOf('{')).toBe('GATEWAY_BAD_REQUEST');
    expect(codeOf('"just a string"')).toBe('GATEWAY_BAD_REQUEST');
    expect(codeOf(`{"model":"m","messages":[{"role":"user","content":${'['.repeat(20)}${']'.repeat(20)}}]}`)).toBe('GATEWAY_BAD_REQUEST');
    expect(codeOf(JSON.stringify({ model: 'm', messages: Array.from({ length: 5 }, () => ({ role: 'user', content: 'x' })) }))).toBe('GATEWAY_BAD_REQUEST');
    expect(codeOf(JSON.stringify({ model: '', messages: [{ role: 'user', content: 'x' }] }))).toBe('GATEWAY_BAD_REQUEST');
    expect(codeOf(JSON.stringify({ model: 'm', messages: [{ content: 'no role' }] }))).toBe('GATEWAY_BAD_REQUEST');
    expect(codeOf(JSON.stringify({ model: 'm', input: { not: 'text' } }), 'embeddings')).toBe('GATEWAY_BAD_REQUEST');
    expect(codeOf(JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'ok' }], __proto__: { polluted: true } }))).toBeUndefined();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('finds every text a model reads: parts, names, tool calls, tool results and tool descriptions', () => {
    const body = parseRequestBody(Buffer.from(JSON.stringify({
      model: 'm',
      messages: [
        { role: 'system', content: 'sys' },
        { role: 'user', name: 'alice', content: [{ type: 'text', text: 'part' }, { type: 'image_url', image_url: { url: 'https://x' } }] },
        { role: 'assistant', content: null, tool_calls: [{ id: '1', type: 'function', function: { name: 'f', arguments: '{"q":1}' } }] },
        { role: 'tool', tool_call_id: '1', content: 'tool result' },
      ],
      tools: [{ type: 'function', function: { name: 'f', description: 'tool description' } }],
    })), 'chat', { maxJsonDepth: 16, maxMessages: 10 });
    expect(toRequestSlots('chat', body as Record<string, unknown>).map((s) => `${s.role}:${s.text}`)).toEqual([
      'system:sys', 'user:part', 'user:alice', 'assistant:{"q":1}', 'tool:tool result', 'tool-definition:tool description',
    ]);
    expect(toRequestSlots('embeddings', { input: ['a', 'b'] }).map((s) => s.path)).toEqual([['input', 0], ['input', 1]]);
    expect(toRequestSlots('completions', { prompt: [1, 2, 3] })).toEqual([]);
    expect(toResponseSlots({ choices: [{ message: { content: 'c', tool_calls: [{ function: { arguments: 'a' } }] } }, 'junk'] }).map((s) => s.text)).toEqual(['c', 'a']);
    expect(toResponseSlots({ choices: 'not a list' })).toEqual([]);
  });
});
