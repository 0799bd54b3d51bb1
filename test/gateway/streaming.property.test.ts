// SPDX-License-Identifier: Apache-2.0
import fc from 'fast-check';
import type OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUZZ_RUNS, FUZZ_TIME_MS } from '../support/fuzz.js';
import { startRig, type TestRig } from './support/test-gateway.js';

const SECRET = 'sk-proj-abcdefghijklmnopqrstT3BlbkFJabcdefghijklmnopqrst';
const CONTENT = `Your key is ${SECRET}, keep it safe.`;

let rig: TestRig;
let openai: OpenAI;

beforeAll(async () => {
  rig = await startRig();
  // Property runs send hundreds of requests: this key is not what is under test, so no rate limit.
  openai = (await rig.client({ limits: { requests: 0, tokens: 0 } })).openai;
});
afterAll(async () => { await rig.close(); });

async function streamed(chunks: string[]): Promise<string> {
  rig.upstream.next = { content: chunks.join(''), chunks };
  const stream = await openai.chat.completions.create({ model: 'fake-model', messages: [{ role: 'user', content: 'my key?' }], stream: true });
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
  return text;
}

function splitAt(text: string, cuts: readonly number[]): string[] {
  const pieces: string[] = [];
  let at = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) { pieces.push(text.slice(at, cut)); at = cut; }
  pieces.push(text.slice(at));
  return pieces;
}

describe('a secret in a streamed response, through the openai SDK', () => {
  it('is redacted the same way whole and at every single chunk boundary', async () => {
    rig.upstream.next = { content: CONTENT };
    const whole = (await openai.chat.completions.create({ model: 'fake-model', messages: [{ role: 'user', content: 'my key?' }] })).choices[0]?.message.content;
    expect(whole).toBe('Your key is [REDACTED:secret], keep it safe.');
    for (let cut = 0; cut <= CONTENT.length; cut++) expect(await streamed(splitAt(CONTENT, [cut]))).toBe(whole);
  });

  it('is redacted however the stream is split into many chunks', async () => {
    const runs = Math.min(FUZZ_RUNS, process.env['SLOW'] === '1' ? 1000 : 60);
    await fc.assert(fc.asyncProperty(fc.array(fc.nat(CONTENT.length), { maxLength: 40 }), async (cuts) => {
      expect(await streamed(splitAt(CONTENT, cuts))).toBe('Your key is [REDACTED:secret], keep it safe.');
    }), { numRuns: runs, interruptAfterTimeLimit: FUZZ_TIME_MS });
  });
});
