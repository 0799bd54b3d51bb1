// SPDX-License-Identifier: Apache-2.0
import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openFileSource, toBufferSource } from '../../../src/core/index.js';
import { openZipEntry, readZip } from '../../../src/scan/containers/zip-reader.js';
import type { ZipAnomalyKind, ZipListing } from '../../../src/scan/containers/zip-reader.js';
import { zipFormat } from '../../../src/scan/formats/zip.js';
import { createHarness, must } from './scan-harness.js';
import { buildZip, toSparseSource, toZipBytes } from './zip-builder.js';
import type { ZipSpec } from './zip-builder.js';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const PICKLE = Uint8Array.from([0x80, 0x04, 0x4e, 0x2e]); // PROTO 4, NONE, STOP

function listZip(spec: ZipSpec): ZipListing {
  return readZip(toBufferSource(toZipBytes(spec)), { maxEntries: 1000 });
}

function kindsOf(listing: ZipListing): ZipAnomalyKind[] {
  return listing.anomalies.map((a) => a.kind);
}

async function scanZip(spec: ZipSpec, limits = {}) {
  const harness = createHarness(limits);
  await zipFormat.scan(toBufferSource(toZipBytes(spec)), harness.context);
  return harness;
}

describe('readZip on well-formed archives', () => {
  it('lists stored and deflated entries without anomalies', () => {
    const listing = listZip({ entries: [{ name: 'a.txt', data: text('hello') }, { name: 'b.txt', data: text('x'.repeat(1000)), method: 8 }] });
    expect(listing.entries.map((e) => [e.name, e.method, e.uncompressedSize])).toEqual([['a.txt', 0, 5], ['b.txt', 8, 1000]]);
    expect(listing.anomalies).toEqual([]);
    expect(listing.localOnly).toEqual([]);
  });

  it('opens stored entries as windows and inflates deflated ones', () => {
    const bytes = toZipBytes({ entries: [{ name: 'a', data: text('hello') }, { name: 'b', data: text('world'.repeat(50)), method: 8 }] });
    const source = toBufferSource(bytes);
    const [a, b] = readZip(source, { maxEntries: 10 }).entries;
    const harness = createHarness();
    expect(Buffer.from(must(openZipEntry(source, must(a), harness.context)).read(0, 100)).toString()).toBe('hello');
    expect(Buffer.from(must(openZipEntry(source, must(b), harness.context)).read(0, 1000)).toString()).toBe('world'.repeat(50));
    expect(harness.findings).toEqual([]);
    expect(harness.budget.inflatedBytes).toBe(250);
  });

  it('reads zip64 end records and zip64 extra fields', () => {
    const listing = listZip({ zip64: true, entries: [{ name: 'a', data: text('abc'), zip64: true }, { name: 'b', data: text('de') }] });
    expect(listing.isZip64).toBe(true);
    expect(listing.entries.map((e) => [e.name, e.compressedSize, e.localHeaderOffset])).toEqual([['a', 3, 0], ['b', 2, 30 + 1 + 20 + 3]]);
    expect(listing.anomalies).toEqual([]);
  });

  it('accepts stored entries with data descriptors, as PyTorch writes them', () => {
    const listing = listZip({ entries: [{ name: 'm/data.pkl', data: PICKLE, descriptor: true, flags: 0x808 }, { name: 'm/version', data: text('3\n'), descriptor: true, flags: 0x808 }] });
    expect(listing.anomalies).toEqual([]);
  });

  it('indexes a 5 GB stored checkpoint by reading only its headers', async () => {
    const built = buildZip({
      entries: [
        { name: 'archive/data.pkl', data: PICKLE },
        { name: 'archive/data/0', virtualSize: 5 * 1024 ** 3 },
        { name: 'archive/version', data: text('3\n') },
      ],
    });
    const source = toSparseSource(built);
    const harness = createHarness();
    const started = performance.now();
    await zipFormat.scan(source, harness.context);
    expect(performance.now() - started).toBeLessThan(500);
    expect(harness.childNames()).toEqual(['archive/data.pkl', 'archive/version']);
    expect(harness.budget.formats).toEqual(['pytorch-zip']);
    expect(harness.findings).toEqual([]);
    expect(source.bytesRead).toBeLessThan(1024 * 1024 + 200_000);
  });

  it('indexes a 5 GB sparse file on disk through a file source', async () => {
    const built = buildZip({ entries: [{ name: 'archive/data.pkl', data: PICKLE }, { name: 'archive/data/0', virtualSize: 5 * 1024 ** 3 }] });
    const dir = mkdtempSync(join(tmpdir(), 'citadel-zip-'));
    const path = join(dir, 'big.pt');
    const fd = openSync(path, 'w');
    ftruncateSync(fd, built.size);
    for (const segment of built.segments) writeSync(fd, segment.bytes, 0, segment.bytes.length, segment.offset);
    closeSync(fd);
    const source = openFileSource(path);
    try {
      const harness = createHarness();
      const started = performance.now();
      await zipFormat.scan(source, harness.context);
      expect(performance.now() - started).toBeLessThan(500);
      expect(harness.childNames()).toEqual(['archive/data.pkl']);
      expect(harness.findings).toEqual([]);
    } finally {
      source.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('readZip reports divergences', () => {
  it('finds a crc mismatch when the entry is opened, and still yields the bytes', async () => {
    const harness = await scanZip({ entries: [{ name: 'a.pkl', data: PICKLE, crc32: 0x1234 }] });
    expect(harness.ruleIds()).toEqual(['CITADEL-ARCHIVE-DIVERGENCE']);
    expect(must(harness.findings[0]).message).toMatch(/crc-32 of "a.pkl"/);
    expect(must(harness.findings[0]).location.entry).toEqual(['a.pkl']);
    expect(must(harness.children[0]).bytes()).toEqual(PICKLE);
  });

  it('finds a crc mismatch on deflated data', async () => {
    const harness = await scanZip({ entries: [{ name: 'a.pkl', data: PICKLE, method: 8, crc32: 7 }] });
    expect(harness.ruleIds()).toEqual(['CITADEL-ARCHIVE-DIVERGENCE']);
    expect(Uint8Array.from(must(harness.children[0]).bytes())).toEqual(PICKLE);
  });

  it('reads data after the LOCAL name and reports a local name that differs', () => {
    const bytes = toZipBytes({ entries: [{ name: 'safe.txt', localName: 'evil-longer-name.pkl', data: PICKLE }] });
    const source = toBufferSource(bytes);
    const listing = readZip(source, { maxEntries: 10 });
    expect(kindsOf(listing)).toEqual(['name-mismatch']);
    expect(must(listing.entries[0]).localName).toBe('evil-longer-name.pkl');
    expect(must(openZipEntry(source, must(listing.entries[0]), createHarness().context)).read(0, 10)).toEqual(PICKLE);
  });

  it('yields a stored entry flagged encrypted and reports the flag', async () => {
    const harness = await scanZip({ entries: [{ name: 'a.pkl', data: PICKLE, flags: 1 }] });
    expect(harness.findings.map((f) => f.detail?.['kind'])).toEqual(['encrypted']);
    expect(must(harness.children[0]).bytes()).toEqual(PICKLE);
  });

  it('reports a stored entry that is really encrypted (its crc fails) as unscannable', async () => {
    const harness = await scanZip({ entries: [{ name: 'a.pkl', data: PICKLE, flags: 1, crc32: 99 }] });
    expect(harness.ruleIds()).toEqual(['CITADEL-ARCHIVE-DIVERGENCE', 'CITADEL-UNSCANNABLE']);
    expect(harness.children).toHaveLength(1);
  });

  it('reports an encrypted deflated entry that does not inflate as unscannable', async () => {
    const harness = await scanZip({ entries: [{ name: 'a.pkl', method: 8, flags: 1, compressed: Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0x00, 0x12]) }] });
    expect(harness.ruleIds()).toEqual(['CITADEL-ARCHIVE-DIVERGENCE', 'CITADEL-UNSCANNABLE']);
    expect(must(harness.findings[1]).detail).toEqual({ reason: 'encrypted' });
    expect(harness.children).toEqual([]);
  });

  it('reports duplicate names and scans every copy', async () => {
    const harness = await scanZip({ entries: [{ name: 'a.pkl', data: PICKLE }, { name: 'a.pkl', data: text('second') }] });
    expect(harness.findings.map((f) => f.detail?.['kind'])).toEqual(['duplicate-name']);
    expect(harness.childNames()).toEqual(['a.pkl', 'a.pkl']);
  });

  it('finds and scans entries only a streaming reader sees', async () => {
    const spec: ZipSpec = { entries: [{ name: 'hidden.pkl', data: PICKLE, localOnly: true }, { name: 'shown.txt', data: text('ok') }] };
    expect(kindsOf(listZip(spec))).toEqual(['local-only']);
    const harness = await scanZip(spec);
    expect(harness.childNames()).toEqual(['shown.txt', 'hidden.pkl']);
  });

  it('follows the descriptor of a deflated local-only entry', () => {
    const listing = listZip({ entries: [{ name: 'hidden.pkl', data: text('z'.repeat(100)), method: 8, descriptor: true, localOnly: true }, { name: 'shown', data: text('ok') }] });
    expect(kindsOf(listing)).toEqual(['local-only']);
    expect(must(listing.localOnly[0]).uncompressedSize).toBe(100);
  });

  it('reports prepended data and reads the shifted offsets as cpython does', () => {
    const listing = listZip({ prepend: text('#!/bin/sh\nexit 0\n'), entries: [{ name: 'a', data: text('abc') }] });
    expect(kindsOf(listing)).toEqual(['prepended-data']);
    expect(must(listing.entries[0]).dataOffset).toBe(17 + 30 + 1);
  });

  it('reports bytes after the end record, and comments that hide records', () => {
    expect(kindsOf(listZip({ entries: [{ name: 'a', data: text('x') }], trailing: text('junk') }))).toEqual(['trailing-data']);
    expect(kindsOf(listZip({ entries: [{ name: 'a', data: text('x') }], comment: text('PK\x03\x04 hidden') }))).toEqual(['comment']);
    expect(kindsOf(listZip({ entries: [{ name: 'a', data: text('x') }], comment: text('made by a tool') }))).toEqual([]);
  });

  it('reports an entry count that disagrees with the directory', () => {
    expect(kindsOf(listZip({ declaredEntries: 1, entries: [{ name: 'a', data: text('x') }, { name: 'b', data: text('y') }] }))).toEqual(['entry-count']);
  });

  it('reports local and central sizes, methods and flags that disagree', () => {
    const listing = listZip({ entries: [{ name: 'a', data: text('abc'), localMethod: 8, localFlags: 1 }] });
    expect(kindsOf(listing)).toEqual(['method-mismatch', 'flags-mismatch', 'encrypted']);
    expect(kindsOf(listZip({ entries: [{ name: 'a', data: text('abc'), uncompressedSize: 5 }] }))).toContain('size-mismatch');
  });

  it('reports a data descriptor that contradicts the central directory', () => {
    const bytes = toZipBytes({ entries: [{ name: 'a', data: text('abc'), descriptor: true }] });
    const descriptorCrc = 30 + 1 + 3 + 4;
    bytes[descriptorCrc] = (must(bytes[descriptorCrc]) + 1) & 0xff;
    expect(kindsOf(readZip(toBufferSource(bytes), { maxEntries: 10 }))).toEqual(['data-descriptor']);
  });

  it('reports a unicode path field that renames the entry for 7-zip', () => {
    const alias = text('evil.pkl');
    const field = Buffer.concat([Buffer.from([0x75, 0x70, 5 + alias.length, 0, 1, 0, 0, 0, 0]), alias]);
    expect(kindsOf(listZip({ entries: [{ name: 'safe.txt', data: text('x'), centralExtra: field }] }))).toEqual(['unicode-path']);
  });

  it('reports entries that overlap', () => {
    const bytes = toZipBytes({ entries: [{ name: 'a', data: text('abcdef') }, { name: 'b', data: text('g') }] });
    const source = toBufferSource(bytes);
    const listing = readZip(source, { maxEntries: 10 });
    const central = bytes.length - 22 - (46 + 1) * 2;
    const patched = Buffer.from(bytes);
    patched.writeUInt32LE(0, central + 46 + 1 + 42); // b's local header offset -> a's
    expect(listing.anomalies).toEqual([]);
    expect(kindsOf(readZip(toBufferSource(patched), { maxEntries: 10 }))).toContain('overlap');
  });
});

describe('zip format handler', () => {
  it('scans every pickle of a TorchScript archive and lists its code once', async () => {
    const harness = await scanZip({
      entries: [
        { name: 'model/data.pkl', data: PICKLE },
        { name: 'model/code/__torch__/m.py', data: text('def forward(self): ...') },
        { name: 'model/code/__torch__/m.py.debug_pkl', data: PICKLE },
        { name: 'model/constants.pkl', data: PICKLE },
        { name: 'model/data/0', data: new Uint8Array(64) },
        { name: 'model/extra/notes.txt', data: text('hi') },
      ],
    });
    expect(harness.budget.formats).toEqual(['torchscript']);
    expect(harness.childNames()).toEqual(['model/data.pkl', 'model/constants.pkl', 'model/extra/notes.txt']);
    expect(harness.ruleIds()).toEqual(['CITADEL-TORCHSCRIPT-CODE']);
    expect(must(harness.findings[0]).detail).toEqual({ files: ['model/code/__torch__/m.py'] });
  });

  it('scans every entry of a generic zip such as an npz', async () => {
    const harness = await scanZip({ entries: [{ name: 'x.npy', data: text('\x93NUMPY') }, { name: 'dir/', data: new Uint8Array(0) }, { name: 'y.npy', data: text('\x93NUMPY'), method: 8 }] });
    expect(harness.childNames()).toEqual(['x.npy', 'y.npy']);
    expect(harness.budget.formats).toEqual([]);
  });

  it('reports absolute and climbing names', async () => {
    const harness = await scanZip({ entries: [{ name: '../../etc/cron.d/x', data: text('a') }, { name: '/abs', data: text('b') }, { name: 'C:\\win', data: text('c') }, { name: 'ok/..name', data: text('d') }] });
    expect(harness.findings.filter((f) => f.ruleId === 'CITADEL-ARCHIVE-PATH').map((f) => f.detail?.['entry'])).toEqual(['../../etc/cron.d/x', '/abs', 'C:\\win']);
  });

  it('reports a deflate bomb instead of inflating it', async () => {
    const zeros = new Uint8Array(4 * 1024 * 1024);
    const harness = await scanZip({ entries: [{ name: 'bomb.pkl', data: zeros, method: 8 }] });
    expect(harness.ruleIds()).toEqual(['CITADEL-ARCHIVE-BOMB']);
    expect(must(harness.findings[0]).detail?.['bound']).toBe('ratio');
    expect(harness.children).toEqual([]);
    expect(harness.budget.inflatedBytes).toBe(0);
  });

  it('bounds inflation by the buffer and total limits', async () => {
    const data = text('abcdefgh'.repeat(1000));
    const small = await scanZip({ entries: [{ name: 'a', data, method: 8 }] }, { maxBufferBytes: 4000 });
    expect(must(small.findings[0]).detail?.['bound']).toBe('buffer');
    const total = await scanZip({ entries: [{ name: 'a', data, method: 8 }, { name: 'b', data, method: 8 }] }, { maxInflatedBytes: 10_000 });
    expect(total.childNames()).toEqual(['a']);
    expect(total.findings.map((f) => f.detail?.['bound'])).toEqual(['total']);
  });

  it('reports an unknown compression method as unscannable', async () => {
    const harness = await scanZip({ entries: [{ name: 'a', method: 99, compressed: text('????') }] });
    expect(harness.ruleIds()).toEqual(['CITADEL-UNSCANNABLE']);
  });

  it('decodes bzip2 (method 12) and lzma (method 14) entries', async () => {
    const bz2 = Buffer.from('425a68393141592653596eb3cc4500001d99804000100012448010200020a550cca10c08c4f5353e4c4f131349a9f8bb9229c28483759e6228', 'hex');
    const content = text('hello bz2 '.repeat(10));
    const { lzma } = await import('@napi-rs/lzma');
    const alone = lzma.compressSync(Buffer.from('hello lzma'));
    const zipLzma = Buffer.concat([Buffer.from([9, 20, 5, 0]), alone.subarray(0, 5), alone.subarray(13)]);
    const harness = await scanZip({
      entries: [
        { name: 'a', method: 12, compressed: bz2, data: content },
        { name: 'b', method: 14, flags: 2, compressed: zipLzma, data: text('hello lzma') },
      ],
    });
    expect(harness.findings).toEqual([]);
    expect(harness.children.map((c) => Buffer.from(c.bytes()).toString())).toEqual(['hello bz2 '.repeat(10), 'hello lzma']);
  });

  it('scans only the first maxEntries entries and says so', async () => {
    const entries = Array.from({ length: 5 }, (_, i) => ({ name: `e${i}`, data: text('x') }));
    const harness = await scanZip({ entries }, { maxEntries: 3 });
    expect(harness.childNames()).toEqual(['e0', 'e1', 'e2']);
    expect(harness.ruleIds()).toEqual(['CITADEL-SCAN-LIMIT']);
  });

  it('sniffs zip signatures only', () => {
    const zip = toZipBytes({ entries: [{ name: 'a', data: text('x') }] });
    const empty = toZipBytes({ entries: [] });
    expect(zipFormat.sniff(zip, toBufferSource(zip))).toBe(true);
    expect(zipFormat.sniff(empty, toBufferSource(empty))).toBe(true);
    expect(zipFormat.sniff(PICKLE, toBufferSource(PICKLE))).toBe(false);
  });

  it('gives scanned entries partial bytes of a damaged deflate stream', async () => {
    const good = deflateRawSync(Buffer.from('useful payload '.repeat(200)), { level: 0 });
    const damaged = Buffer.concat([good.subarray(0, 1500), Buffer.from([0xff, 0xff, 0xff, 0xff])]);
    damaged[0] = 0x00; // stored block, not final: the stream continues into garbage
    const harness = await scanZip({ entries: [{ name: 'a', method: 8, compressed: damaged, crc32: crc32(Buffer.alloc(0)), uncompressedSize: 3000 }] });
    expect(harness.ruleIds()).toContain('CITADEL-UNSCANNABLE');
    expect(harness.children).toHaveLength(1);
    expect(Buffer.from(must(harness.children[0]).bytes()).toString().startsWith('useful payload')).toBe(true);
  });
});
