// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { ByteReader, toBufferSource } from '../../src/core/index.js';

/** A deterministic byte pattern: ASCII, then latin-1 and multi-byte UTF-8 mixed in by `salt`. */
function toText(length: number, salt: number): string {
  const pool = ['a', 'Z', '0', '.', '_', ' ', '\u0000', '\u007f', 'é', 'ß', '€', '😀'];
  let s = '';
  for (let i = 0; Buffer.byteLength(s) < length; i++) s += pool[(i * 7 + salt) % (salt % 3 === 0 ? 8 : pool.length)] ?? '';
  return s;
}

describe('ByteReader text reads', () => {
  it('decodes every length from 0 to 80 bytes as UTF-8 does, at any offset, ASCII or not', () => {
    for (let salt = 0; salt < 6; salt++) {
      for (let n = 0; n <= 80; n++) {
        const text = toText(n, salt);
        const bytes = Buffer.from(text, 'utf8');
        const padded = Buffer.concat([Buffer.from([1, 2, 3]), bytes, Buffer.from([4])]);
        const reader = new ByteReader(toBufferSource(padded), 3);
        expect(reader.utf8(bytes.length)).toBe(bytes.toString('utf8'));
        expect(reader.offset).toBe(3 + bytes.length);
        expect(reader.u8()).toBe(4);
      }
    }
  });

  it('raises CORE_TRUNCATED for a text longer than what remains', () => {
    const reader = new ByteReader(toBufferSource(Buffer.from('abc')));
    expect(() => reader.utf8(4)).toThrow(expect.objectContaining({ code: 'CORE_TRUNCATED' }) as Error);
  });
});
