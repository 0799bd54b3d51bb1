// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { scanBytes } from '../../support/scan-bytes.js';
import { readFixture, toRules } from './format-samples.js';

/** A GGUF v3 writer for hostile headers: each part is given as raw little-endian pieces. */
function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
}
function u64(n: bigint | number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b;
}
const str = (s: string): Buffer => Buffer.concat([u64(Buffer.byteLength(s)), Buffer.from(s)]);
const head = (tensors: bigint | number, kvs: bigint | number, version = 3): Buffer => Buffer.concat([Buffer.from('GGUF'), u32(version), u64(tensors), u64(kvs)]);

async function messagesOf(bytes: Uint8Array): Promise<string[]> {
  const { findings, formats } = await scanBytes(bytes, 'x.gguf');
  expect(formats[0]).toBe('gguf');
  return findings.map((f) => `${f.severity} ${f.ruleId} ${f.message}`);
}

describe('gguf header reader on hostile input', () => {
  it.each([
    ['version 0', head(0, 0, 0), /version 0 is not 1, 2 or 3/],
    ['version 99', head(0, 0, 99), /version 99/],
    ['a key-value count past the file', head(0, 2n ** 60n), /key-value count of .* needs more than/],
    ['a tensor count past the file', head(2n ** 40n, 0), /tensor count of .* needs more than/],
    ['a string length past the file', Buffer.concat([head(0, 1), u64(2n ** 63n), Buffer.alloc(32)]), /string length of .* needs more than/],
    ['an empty key', Buffer.concat([head(0, 1), str(''), u32(4), u32(1)]), /is empty/],
    ['an unknown value type', Buffer.concat([head(0, 1), str('a.b'), u32(13), u32(0)]), /unknown value type 13/],
    ['a bool that is neither 0 nor 1', Buffer.concat([head(0, 1), str('a.b'), u32(7), Buffer.from([2])]), /bool value 2/],
    ['an array count past the file', Buffer.concat([head(0, 1), str('a.b'), u32(9), u32(4), u64(2n ** 50n)]), /array length/],
    ['arrays nested too deep', Buffer.concat([head(0, 1), str('a.b'), u32(9), ...Array.from({ length: 6 }, () => Buffer.concat([u32(9), u64(1)])), u32(4), u64(0)]), /nested deeper/],
    ['an alignment that is not a power of two', Buffer.concat([head(0, 1), str('general.alignment'), u32(4), u32(24)]), /not a power of two/],
    ['more than four dimensions', Buffer.concat([head(1, 0), str('t'), u32(5), u64(1), u64(1), u64(1), u64(1), u64(1), u32(0), u64(0)]), /5 dimensions/],
    ['dimensions that overflow', Buffer.concat([head(1, 0), str('t'), u32(2), u64(2n ** 40n), u64(2n ** 40n), u32(0), u64(0)]), /overflow/],
    ['a ggml type that does not exist', Buffer.concat([head(1, 0), str('t'), u32(1), u64(4), u32(200), u64(0)]), /ggml type 200/],
    ['a misaligned tensor offset', Buffer.concat([head(1, 0), str('t'), u32(1), u64(1), u32(0), u64(3)]), /not a multiple of the alignment/],
    ['tensor data past the end', Buffer.concat([head(1, 0), str('t'), u32(1), u64(1024), u32(0), u64(0)]), /runs past the end/],
  ])('reports %s as a high finding', async (_name, bytes, pattern) => {
    const messages = await messagesOf(bytes);
    expect(messages.length, messages.join('\n')).toBe(1);
    expect(messages[0]).toMatch(/^high CITADEL-GGUF-MALFORMED/);
    expect(messages[0]).toMatch(pattern);
  });

  it('reads version 1 files, whose counts and lengths are 32-bit', async () => {
    const v1 = Buffer.concat([Buffer.from('GGUF'), u32(1), u32(0), u32(1), u32(3), Buffer.from('a.b'), u32(4), u32(7)]);
    expect(await messagesOf(v1)).toEqual([]);
  });

  it('finds nothing in real headers and stays fast on the huge-count exploits', async () => {
    expect(toRules((await scanBytes(readFixture('benign/gguf/tiny_no_template.gguf'))).findings)).toEqual([]);
    const started = performance.now();
    for (const f of ['string_length_overflow', 'array_count_overflow', 'tensor_dims_overflow']) {
      expect(toRules((await scanBytes(readFixture(`malicious/gguf/${f}.gguf`))).findings)).toEqual(['high:GGUF-MALFORMED']);
    }
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('never throws on any cut of a real file', async () => {
    const bytes = readFixture('benign/gguf/tiny_chatml.gguf');
    for (let cut = 8; cut < bytes.length; cut += 3) {
      const { findings } = await scanBytes(bytes.subarray(0, cut), 'cut.gguf');
      expect(findings.length).toBeGreaterThan(0);
      expect(findings.every((f) => f.ruleId === 'CITADEL-GGUF-MALFORMED')).toBe(true);
    }
  });

  it('skips a chat template longer than it keeps, without reading it into memory', async () => {
    const big = 'x'.repeat(2 * 1024 * 1024);
    const bytes = Buffer.concat([head(0, 1), str('tokenizer.chat_template'), u32(8), str(big)]);
    expect(await messagesOf(bytes)).toEqual([]);
  });
});
