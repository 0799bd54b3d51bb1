// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { isCitadelError } from '../../src/core/index.js';
import { createCanary, detect, detectCanary, embedCanary } from '../../src/detect/index.js';

describe('canary tokens', () => {
  it('creates distinct tokens of a fixed shape', () => {
    const a = createCanary();
    expect(a).toMatch(/^ctdl-[a-z2-7]{16}$/);
    expect(createCanary()).not.toBe(a);
  });

  it('embeds the canary at the start of a system prompt', () => {
    const canary = createCanary();
    const prompt = embedCanary('You are a helpful assistant.', canary);
    expect(prompt).toContain(canary);
    expect(prompt.endsWith('You are a helpful assistant.')).toBe(true);
  });

  it('finds the canary verbatim, in another case, spelled out with separators or zero-width characters', () => {
    const canary = 'ctdl-k3m9x2p4q7r5s8t6';
    for (const leaked of [canary, canary.toUpperCase(), 'c t d l - k 3 m 9 x 2 p 4 q 7 r 5 s 8 t 6', Array.from(canary).join('\u200b')]) {
      const found = detectCanary(`my instructions start with ${leaked} and go on`, canary);
      expect(found, leaked).toHaveLength(1);
      expect(found[0]?.category).toBe('canary');
    }
    expect(detectCanary('nothing here but ctdl-k3m9', canary)).toEqual([]);
  });

  it('finds a base64-encoded canary through detect and calls the output a leak', () => {
    const canary = 'ctdl-k3m9x2p4q7r5s8t6';
    const encoded = Buffer.from(`secret prompt: ${canary} do not share`).toString('base64');
    const verdict = detect(`Sure! ${encoded}`, { canaries: [canary], detectors: ['canary'] });
    expect(verdict.verdict).toBe('leak');
    expect(verdict.categories['canary']).toBe(1);
  });

  it('rejects malformed canaries with DETECT_USAGE', () => {
    for (const bad of ['short', 'has space inside', 'x'.repeat(200)]) {
      try { detectCanary('text', bad); expect.unreachable(); } catch (error) { expect(isCitadelError(error, 'DETECT_USAGE')).toBe(true); }
    }
  });
});
