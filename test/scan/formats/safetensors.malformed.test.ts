// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { scanBytes } from '../../support/scan-bytes.js';
import { readFixture, toRules } from './format-samples.js';

function safetensors(header: unknown, data: Uint8Array | number = 0): Uint8Array {
  const text = typeof header === 'string' ? header : JSON.stringify(header);
  const body = typeof data === 'number' ? new Uint8Array(data) : data;
  const out = Buffer.alloc(8 + Buffer.byteLength(text) + body.length);
  out.writeBigUInt64LE(BigInt(Buffer.byteLength(text)), 0);
  out.write(text, 8);
  out.set(body, 8 + Buffer.byteLength(text));
  return out;
}

async function messagesOf(bytes: Uint8Array): Promise<string[]> {
  const { findings, formats } = await scanBytes(bytes, 'x.safetensors');
  expect(formats[0]).toBe('safetensors');
  return findings.map((f) => `${f.ruleId} ${f.message}`);
}

describe('safetensors validation (reference reader rules)', () => {
  it('passes well-formed files, padded headers and empty ones', async () => {
    for (const file of ['two_tensors', 'mixed_dtypes', 'empty']) {
      expect(toRules((await scanBytes(readFixture(`benign/safetensors/${file}.safetensors`))).findings)).toEqual([]);
    }
  });

  it.each([
    ['a gap between tensors', { a: { dtype: 'F32', shape: [1], data_offsets: [4, 8] } }, 8, /starts at 4, expected 0 \(gap\)/],
    ['an overlap', { a: { dtype: 'U8', shape: [4], data_offsets: [0, 4] }, b: { dtype: 'U8', shape: [4], data_offsets: [2, 6] } }, 6, /overlap/],
    ['an end before the start', { a: { dtype: 'U8', shape: [0], data_offsets: [4, 0] } }, 4, /before its start/],
    ['an unknown dtype', { a: { dtype: 'F128', shape: [1], data_offsets: [0, 16] } }, 16, /unknown dtype/],
    ['a negative dimension', { a: { dtype: 'U8', shape: [-1], data_offsets: [0, 1] } }, 1, /shape is not a list/],
    ['a string shape', { a: { dtype: 'U8', shape: '4', data_offsets: [0, 4] } }, 4, /shape is not a list/],
    ['string offsets', { a: { dtype: 'U8', shape: [4], data_offsets: ['0', '4'] } }, 4, /no \[begin, end\]/],
    ['three offsets', { a: { dtype: 'U8', shape: [4], data_offsets: [0, 2, 4] } }, 4, /no \[begin, end\]/],
    ['a tensor that is not an object', { a: 7 }, 0, /is not an object/],
    ['metadata that is not string to string', { __metadata__: { a: ['x'] } }, 0, /__metadata__/],
    ['a 4-bit dtype with an odd count', { a: { dtype: 'F4', shape: [3], data_offsets: [0, 2] } }, 2, /whole bytes/],
    ['an overflowing shape', { a: { dtype: 'F64', shape: [2 ** 52, 2 ** 52, 2 ** 52], data_offsets: [0, 8] } }, 8, /overflows/],
    ['offsets past 2^53', { a: { dtype: 'U8', shape: [1], data_offsets: [0, 2 ** 60] } }, 1, /no \[begin, end\]/],
    ['data shorter than the offsets', { a: { dtype: 'U8', shape: [8], data_offsets: [0, 8] } }, 4, /tensor data ends at \d+, the file at \d+/],
  ] as const)('reports %s', async (...[, header, data, pattern]) => {
    const messages = await messagesOf(safetensors(header, data));
    expect(messages.some((m) => m.startsWith('CITADEL-SAFETENSORS-INVALID') && pattern.test(m)), messages.join('\n')).toBe(true);
  });

  it('reports headers that are not utf-8, not json, not an object, or do not start with {', async () => {
    const latin = Buffer.concat([Buffer.from([4, 0, 0, 0, 0, 0, 0, 0]), Buffer.from([0x7b, 0x22, 0xff, 0x7d])]);
    expect(await messagesOf(latin)).toEqual([expect.stringMatching(/not valid utf-8/)]);
    expect(await messagesOf(safetensors('{"a":'))).toEqual([expect.stringMatching(/not json/)]);
    expect(await messagesOf(safetensors('{} []'))).toEqual([expect.stringMatching(/not json/)]);
  });

  it('bounds the header length and checks it against the file', async () => {
    const big = Buffer.from(safetensors({}, 0));
    big.writeBigUInt64LE(100_000_001n, 0);
    expect(await messagesOf(big)).toEqual([expect.stringMatching(/larger than the 100000000/)]);
    big.writeBigUInt64LE(64n, 0);
    expect(await messagesOf(big)).toEqual([expect.stringMatching(/runs past the end/)]);
  });

  it('scans what follows the tensor data as a file of its own', async () => {
    const { findings } = await scanBytes(readFixture('malicious/safetensors/trailing_pickle.safetensors'));
    expect(toRules(findings)).toEqual(['high:SAFETENSORS-INVALID', 'critical:PICKLE-DANGEROUS-CALL']);
    expect(findings[1]?.location.entry?.[0]).toMatch(/^bytes after the tensor data @/);
  });

  it('names duplicate tensors, which readers resolve differently', async () => {
    expect(await messagesOf(readFixture('malicious/safetensors/duplicate_names.safetensors'))).toContainEqual(expect.stringMatching(/duplicate names/));
  });

  it('caps the findings of one file', async () => {
    const header = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`t${i}`, { dtype: 'X', shape: [1], data_offsets: [0, 1] }]));
    const messages = await messagesOf(safetensors(header, 1));
    expect(messages.length).toBe(9);
    expect(messages[8]).toMatch(/more violations/);
  });

  it('never throws on any cut of a real file', async () => {
    const bytes = readFixture('benign/safetensors/two_tensors.safetensors');
    for (let cut = 0; cut < bytes.length; cut++) {
      const { findings } = await scanBytes(bytes.subarray(0, cut), 'cut.safetensors');
      expect(findings.every((f) => typeof f.ruleId === 'string')).toBe(true);
    }
  });
});
