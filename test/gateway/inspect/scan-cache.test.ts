// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { ScanCache } from '../../../src/gateway/inspect/scan-cache.js';

describe('ScanCache', () => {
  it('keeps scopes apart', () => {
    const cache = new ScanCache<number>({ maxEntries: 8, maxChars: 1024 });
    cache.set('key-a', 'same text', 1);
    expect(cache.get('key-a', 'same text')).toBe(1);
    expect(cache.get('key-b', 'same text')).toBeUndefined();
  });

  it('never holds more than its entry bound, and keeps a text in steady use', () => {
    const cache = new ScanCache<number>({ maxEntries: 8, maxChars: 1 << 20 });
    for (let i = 0; i < 100; i++) {
      cache.set('k', `text ${i}`, i);
      if (cache.get('k', 'system prompt') === undefined) cache.set('k', 'system prompt', -1);
      expect(cache.size()).toBeLessThanOrEqual(8);
    }
    expect(cache.get('k', 'system prompt')).toBe(-1);
    expect(cache.get('k', 'text 99')).toBe(99);
    expect(cache.get('k', 'text 0')).toBeUndefined();
  });

  it('never holds more than its character bound, and skips texts too long to hold', () => {
    const cache = new ScanCache<number>({ maxEntries: 1000, maxChars: 100 });
    cache.set('k', 'x'.repeat(51), 1);
    expect(cache.get('k', 'x'.repeat(51))).toBeUndefined();
    for (let i = 0; i < 50; i++) cache.set('k', `${String(i).padStart(2, '0')}${'y'.repeat(18)}`, i);
    expect(cache.size()).toBeLessThanOrEqual(5);
    expect(cache.get('k', `49${'y'.repeat(18)}`)).toBe(49);
  });
});
