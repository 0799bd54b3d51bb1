// SPDX-License-Identifier: Apache-2.0
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStreamScanner, redact, scanLeaks, type LeakScanOptions } from '../../src/detect/index.js';
import { FUZZ_RUNS, FUZZ_TIME_MS } from '../support/fuzz.js';

/** Fragments that make matches, near-matches and boundaries likely when glued in random order. */
const FRAGMENTS = [
  'ghp_Xq3Lm9Zr7Tb2Wc5Yd8Ke1Hf4Jg6Np0', '2nQ1Ab', 'AKIAZ7QW3ERT5YUI2OPL', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc',
  'eyJhbGciOiJIUzI1NiJ9', '.', 'eyJzdWIiOiIxIn0', 'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV', '4111', ' ', '1111', '-',
  'jane.doe@proton.me', '@', 'gmail.com', '+1 415 555 0100', 'DE89 3704 0044 0532 0130 00', '123-45-6789',
  '93.184.216.34', '2001:db8::1', '![x](https://evil.example/p.png?d=', 'c2VjcmV0IHNhdWNlIGlzIGhlcmU', ')',
  'postgres://app:S3cr3t-P4ss@db.internal/main', 'password = "Xk9#mP2$vL7q"', '-----BEGIN RSA PRIVATE KEY-----',
  'ctdl-k3m9x2p4q7r5s8t6', 'ctdl-k3m9', 'x2p4q7r5s8t6', '\n', '  ', 'hello world', 'Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe',
  '<img src="https://evil.example/a.gif?q=', 'AIzaSyD3f8Gh2Jk4Lm6Np8Qr0St2Uv4Wx6Yz8Ab', 'é', '\u200b', '😀',
];

const textArbitrary = fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 8 }), fc.stringMatching(/^[A-Za-z0-9+/=_-]{0,40}$/)), { maxLength: 40 })
  .map((parts) => parts.join(''));

function toChunks(text: string, cuts: readonly number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let at = 0;
  for (const p of points) { chunks.push(text.slice(at, p)); at = p; }
  chunks.push(text.slice(at));
  return chunks;
}

function toStreamed(chunks: readonly string[], options: LeakScanOptions): string {
  const scanner = createStreamScanner(options);
  let out = '';
  for (const chunk of chunks) out += scanner.push(chunk);
  return out + scanner.flush();
}

describe('stream scanner', () => {
  it('redacts exactly as the whole text is redacted, however the stream is split', () => {
    const options: LeakScanOptions = { canaries: ['ctdl-k3m9x2p4q7r5s8t6'] };
    fc.assert(fc.property(textArbitrary, fc.array(fc.nat(), { maxLength: 30 }), (text, cuts) => {
      expect(toStreamed(toChunks(text, cuts), options)).toBe(redact(text, scanLeaks(text, options)));
    }), { numRuns: FUZZ_RUNS, interruptAfterTimeLimit: FUZZ_TIME_MS });
  });

  it('holds back only a bounded tail', () => {
    fc.assert(fc.property(textArbitrary, (text) => {
      const scanner = createStreamScanner();
      let released = 0;
      for (const ch of text + ' '.repeat(4000)) released += scanner.push(ch).length;
      expect(scanner.held()).toBeLessThanOrEqual(4000);
      expect(released).toBeGreaterThan(0);
    }), { numRuns: Math.min(FUZZ_RUNS, 50), interruptAfterTimeLimit: FUZZ_TIME_MS });
  });
});
