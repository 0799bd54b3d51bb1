// SPDX-License-Identifier: Apache-2.0
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStreamScanner, detect, normalize, scanLeaks } from '../../src/detect/index.js';
import { FUZZ_RUNS, FUZZ_TIME_MS } from '../support/fuzz.js';

/** Hostile text is scored, never thrown on, and never costs more than linear time. */
const PATHOLOGICAL: readonly string[] = [
  'a'.repeat(200_000), '1 '.repeat(100_000), '@'.repeat(100_000), 'a@'.repeat(50_000), '\n'.repeat(100_000),
  '#'.repeat(100_000), '='.repeat(100_000), '-'.repeat(100_000), 'eyJ'.repeat(60_000), 'ghp_'.repeat(50_000),
  '![x](https://e.x/?'.repeat(10_000), '[a](http://'.repeat(15_000), 'sk-'.repeat(60_000), '\u200b'.repeat(100_000),
  String.fromCodePoint(0xe0041).repeat(50_000), '0:'.repeat(100_000), '1.'.repeat(100_000), 'A1b2'.repeat(50_000),
  'ignore '.repeat(30_000), 'password='.repeat(20_000), 'x\u0301'.repeat(50_000), '\ud800'.repeat(100_000),
];

describe('detect on hostile input', () => {
  for (const text of PATHOLOGICAL) {
    it(`stays linear on ${JSON.stringify(text.slice(0, 12))}... (${text.length} chars)`, () => {
      const started = performance.now();
      const v = detect(text);
      expect(['attack', 'leak', 'clean']).toContain(v.verdict);
      expect(performance.now() - started).toBeLessThan(5000);
    });
  }

  it('never throws on arbitrary strings, and spans stay inside the text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
      const v = detect(text);
      for (const d of v.detections) {
        expect(d.span.start).toBeGreaterThanOrEqual(0);
        expect(d.span.end).toBeLessThanOrEqual(text.length);
        expect(d.score).toBeGreaterThanOrEqual(0);
        expect(d.score).toBeLessThanOrEqual(1);
      }
      expect(normalize(text).offsets?.length ?? normalize(text).text.length + 1).toBe(normalize(text).text.length + 1);
    }), { numRuns: FUZZ_RUNS, interruptAfterTimeLimit: FUZZ_TIME_MS });
  });

  it('bounds the stream scanner on a stream that never settles', () => {
    const scanner = createStreamScanner();
    let out = '';
    for (let i = 0; i < 2000; i++) out += scanner.push('Ab3dE6gH9jK2mN5p'.repeat(4));
    expect(scanner.held()).toBeLessThanOrEqual(4096);
    out += scanner.flush();
    expect(out.length).toBeGreaterThan(0);
    expect(scanLeaks('x'.repeat(10)).length).toBe(0);
  });
});
