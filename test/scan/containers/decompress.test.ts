// SPDX-License-Identifier: Apache-2.0
import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { lzma, xz } from '@napi-rs/lzma';
import { describe, expect, it } from 'vitest';
import { toBufferSource } from '../../../src/core/index.js';
import { decompressBounded, sniffCompression } from '../../../src/scan/containers/decompress.js';
import type { CompressionKind, DecompressResult } from '../../../src/scan/containers/decompress.js';
import { inflateBounded } from '../../../src/scan/containers/inflate.js';
import { bz2Format, gzipFormat, lzmaFormat, xzFormat, zlibFormat } from '../../../src/scan/formats/compressed.js';
import { createHarness, must } from './scan-harness.js';

const text = (s: string): Buffer => Buffer.from(s);
const hex = (s: string): Buffer => Buffer.from(s, 'hex');
/** Made by CPython: bz2.compress(b'hello bz2 ' * 10), bz2.compress(b'second'), bz2.compress(bytes(3_000_000)). */
const BZ2 = hex('425a68393141592653596eb3cc4500001d99804000100012448010200020a550cca10c08c4f5353e4c4f131349a9f8bb9229c28483759e6228');
const BZ2_SECOND = hex('425a6839314159265359268a023400000281800e0188002000221868300702985dc914e142409a2808d0');
const BZ2_ZEROS = hex('425a6839314159265359a64580b20016fa4008c00040000008200030cc09aa69a9022da92045e2ee48a70a1214c8b01640');
/** Made by CPython: lzma.compress(b'hello xz ' * 10, format=FORMAT_XZ, check=CHECK_CRC64) and a CHECK_SHA256 one of b'sha '. */
const XZ_CRC64 = hex('fd377a585a000004e6d6b4460200210116000000742fe5a3e00059000f5d00341949ee8de917d0b419ade93dc000000038e59a9fb241dbb400012b5aa8f048dd1fb6f37d010000000004595a');
const XZ_SHA256 = hex('fd377a585a00000ae1fb0ca10200210116000000742fe5a301000373686120002887245ae471affb1a5106b61f7229aa50c6c2c4232f0058461f90cc4ab6780100013404c582c19c189b4b9a01000000000a595a');

function decompress(kind: CompressionKind, input: Uint8Array, maxBytes = 1 << 24): DecompressResult {
  return decompressBounded(kind, input, { maxBytes });
}

function okText(result: DecompressResult): string {
  if (result.status !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(result).slice(0, 200)}`);
  return Buffer.from(result.data).toString();
}

describe('sniffers', () => {
  it('recognise each magic and nothing else', () => {
    expect(sniffCompression(gzipSync('x'))).toBe('gzip');
    expect(sniffCompression(deflateSync('x'))).toBe('zlib');
    expect(sniffCompression(deflateSync('x', { level: 1 }))).toBe('zlib');
    expect(sniffCompression(BZ2)).toBe('bz2');
    expect(sniffCompression(XZ_CRC64)).toBe('xz');
    expect(sniffCompression(lzma.compressSync(text('x')))).toBe('lzma');
    expect(sniffCompression(Buffer.concat([text('ZF0x4'.padEnd(21)), deflateSync('x')]))).toBe('zlib');
    expect(sniffCompression(Uint8Array.from([0x80, 0x04, 0x95]))).toBeUndefined();
    expect(sniffCompression(Uint8Array.from([0x78, 0x00]))).toBeUndefined();
    expect(sniffCompression(text('BZh9garbage'))).toBeUndefined();
    expect(sniffCompression(Uint8Array.from([0x5d, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8]))).toBeUndefined();
  });
});

describe('decompressBounded', () => {
  it('reads every gzip member, ignores zero padding and notes other trailing bytes', () => {
    const two = Buffer.concat([gzipSync('abc'), gzipSync('def')]);
    expect(okText(decompress('gzip', two))).toBe('abcdef');
    expect(decompress('gzip', Buffer.concat([two, Buffer.alloc(8)]))).toMatchObject({ status: 'ok', notes: [] });
    const junk = decompress('gzip', Buffer.concat([two, text('junk')]));
    expect(junk).toMatchObject({ status: 'ok', notes: [expect.stringMatching(/not a gzip member/)] });
  });

  it('notes a gzip member whose crc fails', () => {
    const member = gzipSync('abc');
    member.writeUInt32LE(member.readUInt32LE(member.length - 8) ^ 0xff, member.length - 8);
    expect(decompress('gzip', member)).toMatchObject({ status: 'ok', notes: [expect.stringMatching(/crc/)] });
  });

  it('returns what precedes truncation or damage', () => {
    const stored = deflateRawSync(text('payload '.repeat(100)), { level: 0 });
    const truncated = inflateBounded(stored.subarray(0, 200), { format: 'raw', maxBytes: 10_000 });
    expect(truncated.status).toBe('truncated');
    expect(Buffer.from(truncated.data).toString().startsWith('payload payload')).toBe(true);
    const gz = gzipSync(text('payload '.repeat(100)), { level: 0 });
    expect(decompress('gzip', gz.subarray(0, 300))).toMatchObject({ status: 'corrupt' });
  });

  it('stops at maxBytes for every kind', () => {
    const zeros = Buffer.alloc(3_000_000);
    expect(decompress('gzip', gzipSync(zeros), 1000).status).toBe('too-large');
    expect(decompress('zlib', deflateSync(zeros), 1000).status).toBe('too-large');
    expect(decompress('bz2', BZ2_ZEROS, 1000).status).toBe('too-large');
    expect(decompress('xz', xz.compressSync(zeros), 1000).status).toBe('too-large');
    expect(decompress('lzma', lzma.compressSync(zeros), 1000).status).toBe('too-large');
    expect(decompress('bz2', BZ2_ZEROS, 3_000_000)).toMatchObject({ status: 'ok' });
    expect(decompress('lzma', lzma.compressSync(zeros), 3_000_000)).toMatchObject({ status: 'ok' });
  });

  it('reads zlib streams and joblib Z-files, with and without the old extra space', () => {
    expect(okText(decompress('zlib', deflateSync('joblib')))).toBe('joblib');
    expect(okText(decompress('zlib', Buffer.concat([text('ZF0x6'.padEnd(21)), deflateSync('joblib')])))).toBe('joblib');
    expect(okText(decompress('zlib', Buffer.concat([text('ZF0x6'.padEnd(21)), text(' '), deflateSync('joblib')])))).toBe('joblib');
  });

  it('reads multi-stream bzip2 and notes trailing bytes', () => {
    const hello = 'hello bz2 '.repeat(10);
    expect(okText(decompress('bz2', BZ2))).toBe(hello);
    expect(okText(decompress('bz2', Buffer.concat([BZ2, BZ2_SECOND])))).toBe(`${hello}second`);
    expect(decompress('bz2', Buffer.concat([BZ2, text('junk')]))).toMatchObject({ status: 'ok', notes: [expect.stringMatching(/not a bzip2 stream/)] });
    expect(decompress('bz2', BZ2.subarray(0, 30))).toMatchObject({ status: 'corrupt' });
  });

  it('reads xz with any check, several streams and stream padding', () => {
    expect(okText(decompress('xz', XZ_CRC64))).toBe('hello xz '.repeat(10));
    expect(okText(decompress('xz', XZ_SHA256))).toBe('sha ');
    expect(okText(decompress('xz', Buffer.concat([XZ_SHA256, Buffer.alloc(8), XZ_SHA256])))).toBe('sha sha ');
    expect(decompress('xz', Buffer.concat([XZ_SHA256, text('junk')]))).toMatchObject({ status: 'ok', notes: [expect.stringMatching(/not an xz stream/)] });
    expect(decompress('xz', XZ_CRC64.subarray(0, 40))).toMatchObject({ status: 'corrupt' });
  });

  it('reads .lzma with unknown size, a stated size, and bytes after the end marker', () => {
    const alone = lzma.compressSync(text('lzma alone '.repeat(20)));
    expect(okText(decompress('lzma', alone))).toBe('lzma alone '.repeat(20));
    const sized = Buffer.from(alone);
    sized.writeBigUInt64LE(220n, 5);
    expect(okText(decompress('lzma', sized))).toBe('lzma alone '.repeat(20));
    const trailing = decompress('lzma', Buffer.concat([alone, text('junk')]));
    expect(okText(trailing)).toBe('lzma alone '.repeat(20));
    expect(trailing).toMatchObject({ notes: [expect.stringMatching(/after the lzma end marker/)] });
    expect(decompress('lzma', alone.subarray(0, 10))).toMatchObject({ status: 'corrupt' });
  });
});

describe('compressed format handlers', () => {
  const cases = [
    { handler: gzipFormat, bytes: gzipSync('inner'), step: 'gunzip' },
    { handler: zlibFormat, bytes: deflateSync('inner'), step: 'inflate' },
    { handler: bz2Format, bytes: BZ2, step: 'bunzip2' },
    { handler: xzFormat, bytes: xz.compressSync(text('inner')), step: 'unxz' },
    { handler: lzmaFormat, bytes: lzma.compressSync(text('inner')), step: 'unlzma' },
  ];

  it.each(cases)('$handler.id sniffs and hands its output to the dispatcher', async ({ handler, bytes, step }) => {
    const source = toBufferSource(bytes);
    expect(handler.sniff(bytes.subarray(0, 512), source)).toBe(true);
    const harness = createHarness();
    await handler.scan(source, harness.context);
    expect(harness.findings).toEqual([]);
    expect(harness.childNames()).toEqual([`input.bin|${step}`]);
    expect(harness.budget.inflatedBytes).toBe(must(harness.children[0]).source.size);
  });

  it('reports a bomb rather than decompressing past the ratio', async () => {
    const harness = createHarness();
    await gzipFormat.scan(toBufferSource(gzipSync(Buffer.alloc(4 << 20))), harness.context);
    expect(harness.ruleIds()).toEqual(['CITADEL-ARCHIVE-BOMB']);
    expect(harness.children).toEqual([]);
  });

  it('reports damage and still scans what came before it', async () => {
    const gz = gzipSync(text('payload '.repeat(100)), { level: 0 });
    const harness = createHarness();
    await gzipFormat.scan(toBufferSource(gz.subarray(0, 300)), harness.context);
    expect(harness.ruleIds()).toEqual(['CITADEL-UNSCANNABLE']);
    expect(harness.children).toHaveLength(1);
  });

  it('refuses input past the buffer limit', async () => {
    const harness = createHarness({ maxBufferBytes: 10 });
    await gzipFormat.scan(toBufferSource(gzipSync('more than ten bytes')), harness.context);
    expect(harness.ruleIds()).toEqual(['CITADEL-SCAN-LIMIT']);
  });

  it('names the child after the innermost entry', async () => {
    const harness = createHarness();
    await gzipFormat.scan(toBufferSource(gzipSync('x')), harness.context.toChild('model.pt.gz'));
    expect(must(harness.children[0]).entry).toEqual(['model.pt.gz', 'model.pt.gz|gunzip']);
  });
});
