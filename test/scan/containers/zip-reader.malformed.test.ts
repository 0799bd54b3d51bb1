// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { isCitadelError, toBufferSource } from '../../../src/core/index.js';
import { openZipEntry, readZip } from '../../../src/scan/containers/zip-reader.js';
import type { ZipAnomalyKind } from '../../../src/scan/containers/zip-reader.js';
import { zipFormat } from '../../../src/scan/formats/zip.js';
import { createHarness, must } from './scan-harness.js';
import { toZipBytes } from './zip-builder.js';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const TWO = toZipBytes({ entries: [{ name: 'a', data: text('first') }, { name: 'b', data: text('second') }] });
/** Offsets in TWO: local a (30+1+5), local b (30+1+6), central a (46+1), central b, end record. */
const CENTRAL = 36 + 37;
const END = TWO.length - 22;

function kindsOf(bytes: Uint8Array): ZipAnomalyKind[] {
  return readZip(toBufferSource(bytes), { maxEntries: 100 }).anomalies.map((a) => a.kind);
}

function errorCodeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (isCitadelError(error)) return error.code;
    throw error;
  }
  return undefined;
}

function patch(bytes: Uint8Array, at: number, value: number): Uint8Array {
  const copy = Buffer.from(bytes);
  copy.writeUInt32LE(value, at);
  return copy;
}

function patch16(bytes: Uint8Array, at: number, value: number): Uint8Array {
  const copy = Buffer.from(bytes);
  copy.writeUInt16LE(value, at);
  return copy;
}

describe('readZip on malformed archives', () => {
  it('refuses input without an end record', () => {
    expect(errorCodeOf(() => readZip(toBufferSource(text('PK\x03\x04 not really')), { maxEntries: 10 }))).toBe('SCAN_MALFORMED');
    expect(errorCodeOf(() => readZip(toBufferSource(TWO.subarray(0, 60)), { maxEntries: 10 }))).toBe('SCAN_MALFORMED');
    expect(errorCodeOf(() => readZip(toBufferSource(new Uint8Array(0)), { maxEntries: 10 }))).toBe('SCAN_MALFORMED');
  });

  it('refuses a central directory that runs past its end record', () => {
    expect(errorCodeOf(() => readZip(toBufferSource(patch(TWO, END + 12, 10_000)), { maxEntries: 10 }))).toBe('SCAN_MALFORMED');
  });

  it('keeps the entries before a broken central header and finds the rest by walking', () => {
    const broken = patch(TWO, CENTRAL + 47, 0xdeadbeef);
    const listing = readZip(toBufferSource(broken), { maxEntries: 10 });
    expect(listing.entries.map((e) => e.name)).toEqual(['a']);
    expect(listing.localOnly.map((e) => e.name)).toEqual(['b']);
    expect(listing.anomalies.map((a) => a.kind)).toEqual(['central-directory', 'entry-count', 'local-only']);
  });

  it('refuses a directory with no readable header', () => {
    expect(errorCodeOf(() => readZip(toBufferSource(patch(TWO, CENTRAL, 0)), { maxEntries: 10 }))).toBe('SCAN_MALFORMED');
  });

  it('reports a missing local header and cannot open the entry', () => {
    const broken = patch(TWO, 36, 0x11111111);
    const source = toBufferSource(broken);
    const listing = readZip(source, { maxEntries: 10 });
    expect(listing.anomalies.map((a) => a.kind)).toEqual(['bad-local-header', 'streaming-gap']);
    const harness = createHarness();
    expect(openZipEntry(source, must(listing.entries[1]), harness.context)).toBeUndefined();
    expect(harness.ruleIds()).toEqual(['CITADEL-UNSCANNABLE']);
  });

  it('reports local name and extra lengths that run past the file', () => {
    const broken = patch16(TWO, 36 + 28, 0xffff);
    expect(kindsOf(broken)).toContain('bad-local-header');
  });

  it('reports entry data that runs past the end of the archive', () => {
    const broken = patch(TWO, CENTRAL + 20, 1_000_000);
    expect(kindsOf(broken)).toContain('size-mismatch');
  });

  it('reports a zip64 locator that points away from the record cpython reads', () => {
    const zip64 = toZipBytes({ zip64: true, entries: [{ name: 'a', data: text('x') }] });
    const locator = zip64.length - 22 - 20;
    const record = Buffer.from(zip64).readUInt32LE(locator + 8);
    const moved = Buffer.from(patch(zip64, locator + 8, record + 1));
    expect(errorCodeOf(() => readZip(toBufferSource(moved), { maxEntries: 10 }))).toBeUndefined();
    expect(kindsOf(moved)).toContain('zip64-locator');
    const missing = patch(zip64, locator - 56, 0);
    expect(errorCodeOf(() => readZip(toBufferSource(missing), { maxEntries: 10 }))).toBe('SCAN_MALFORMED');
  });

  it('reports another end record after the central directory', () => {
    const end = TWO.subarray(END);
    const doubled = Buffer.concat([TWO.subarray(0, END), end, end]);
    expect(kindsOf(doubled)).toContain('multiple-end-records');
  });

  it('reports a declared entry count the directory does not hold', () => {
    expect(kindsOf(patch16(TWO, END + 10, 0xffff))).toEqual(['entry-count']);
  });

  it('reports bytes a streaming reader stops at', () => {
    const gap = Buffer.concat([TWO.subarray(0, 36), text('JUNKJUNK'), TWO.subarray(36)]);
    const shifted = Buffer.from(gap);
    shifted.writeUInt32LE(36 + 8, CENTRAL + 8 + 47 + 42);
    shifted.writeUInt32LE(CENTRAL + 8, END + 8 + 16);
    expect(kindsOf(shifted)).toEqual(['streaming-gap']);
  });

  it('stops at maxEntries and marks the listing truncated', () => {
    const listing = readZip(toBufferSource(TWO), { maxEntries: 1 });
    expect(listing.isTruncated).toBe(true);
    expect(listing.entries).toHaveLength(1);
    expect(listing.localOnly).toEqual([]);
  });

  it('stops when the deadline passes', () => {
    const expired = () => {
      throw Object.assign(new Error('x'), { code: 'SCAN_TIMEOUT' });
    };
    expect(() => readZip(toBufferSource(TWO), { maxEntries: 10, checkDeadline: expired })).toThrow();
  });

  it('lets the dispatcher turn a broken archive into a finding', async () => {
    const harness = createHarness();
    await expect(zipFormat.scan(toBufferSource(text('PK\x03\x04garbage')), harness.context)).rejects.toMatchObject({ code: 'SCAN_MALFORMED' });
  });

  it('yields the bytes that remain of a stored entry cut short', () => {
    const cut = patch(TWO, CENTRAL + 47 + 20, 400);
    const patched = patch(cut, CENTRAL + 47 + 24, 400);
    const source = toBufferSource(patched);
    const listing = readZip(source, { maxEntries: 10 });
    const harness = createHarness();
    const opened = openZipEntry(source, must(listing.entries[1]), harness.context);
    expect(must(opened).size).toBe(patched.length - (36 + 31));
    expect(harness.findings.every((f) => f.ruleId === 'CITADEL-ARCHIVE-DIVERGENCE')).toBe(true);
  });
});
