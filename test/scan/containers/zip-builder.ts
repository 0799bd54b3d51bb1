// SPDX-License-Identifier: Apache-2.0
import { crc32, deflateRawSync } from 'node:zlib';
import type { ByteSource } from '../../../src/core/index.js';

/** One entry to write; every field past `name` exists to write something a real zip tool would not. */
export interface ZipEntrySpec {
  readonly name: string;
  readonly data?: Uint8Array;
  /** Stored zero bytes of this size, never materialised (for multi-gigabyte archives). */
  readonly virtualSize?: number;
  readonly method?: number;
  /** Bytes written as the entry data instead of compressing `data`. */
  readonly compressed?: Uint8Array;
  readonly crc32?: number;
  readonly uncompressedSize?: number;
  readonly localName?: string;
  readonly flags?: number;
  readonly localFlags?: number;
  readonly localMethod?: number;
  /** Written as a local header and data only (a streaming reader sees it, the central directory does not). */
  readonly localOnly?: boolean;
  readonly descriptor?: boolean;
  readonly zip64?: boolean;
  readonly centralExtra?: Uint8Array;
}

export interface ZipSpec {
  readonly entries: readonly ZipEntrySpec[];
  readonly prepend?: Uint8Array;
  readonly comment?: Uint8Array;
  readonly trailing?: Uint8Array;
  readonly zip64?: boolean;
  readonly declaredEntries?: number;
}

export interface Segment {
  readonly offset: number;
  readonly bytes: Uint8Array;
}

export interface BuiltZip {
  readonly size: number;
  readonly segments: readonly Segment[];
}

const MAX32 = 0xffffffff;
const encoder = new TextEncoder();

class Writer {
  readonly segments: Segment[] = [];
  size = 0;

  push(bytes: Uint8Array): void {
    this.segments.push({ offset: this.size, bytes });
    this.size += bytes.length;
  }

  skip(length: number): void {
    this.size += length;
  }
}

function toLe(values: ReadonlyArray<readonly [number, 2 | 4 | 8]>): Uint8Array {
  const out = Buffer.alloc(values.reduce((n, [, w]) => n + w, 0));
  let at = 0;
  for (const [value, width] of values) {
    if (width === 2) out.writeUInt16LE(value, at);
    else if (width === 4) out.writeUInt32LE(value >>> 0, at);
    else out.writeBigUInt64LE(BigInt(value), at);
    at += width;
  }
  return out;
}

function toCompressed(entry: ZipEntrySpec): Uint8Array | undefined {
  if (entry.compressed !== undefined) return entry.compressed;
  if (entry.virtualSize !== undefined) return undefined;
  const data = entry.data ?? new Uint8Array(0);
  return (entry.method ?? 0) === 8 ? deflateRawSync(data) : data;
}

interface Written {
  readonly entry: ZipEntrySpec;
  readonly offset: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
}

function writeLocal(writer: Writer, entry: ZipEntrySpec): Written {
  const compressed = toCompressed(entry);
  const compressedSize = compressed?.length ?? entry.virtualSize ?? 0;
  const size = entry.uncompressedSize ?? entry.data?.length ?? entry.virtualSize ?? 0;
  const crc = entry.crc32 ?? (entry.data ? crc32(entry.data) : 0);
  const zip64 = entry.zip64 === true || compressedSize >= MAX32 || size >= MAX32;
  const name = encoder.encode(entry.localName ?? entry.name);
  const extra = zip64 ? toLe([[1, 2], [16, 2], [size, 8], [compressedSize, 8]]) : new Uint8Array(0);
  const flags = entry.localFlags ?? entry.flags ?? (entry.descriptor ? 8 : 0);
  const sizes: [number, 4][] = entry.descriptor ? [[0, 4], [0, 4], [0, 4]] : [[crc, 4], [zip64 ? MAX32 : compressedSize, 4], [zip64 ? MAX32 : size, 4]];
  const offset = writer.size;
  writer.push(toLe([[0x04034b50, 4], [45, 2], [flags, 2], [entry.localMethod ?? entry.method ?? 0, 2], [0, 2], [0x21, 2], ...sizes, [name.length, 2], [extra.length, 2]]));
  writer.push(name);
  writer.push(extra);
  if (compressed !== undefined) writer.push(compressed);
  else writer.skip(compressedSize);
  if (entry.descriptor) writer.push(toLe([[0x08074b50, 4], [crc, 4], [compressedSize, 4], [size, 4]]));
  return { entry, offset, crc, compressedSize, size };
}

function writeCentral(writer: Writer, w: Written): void {
  const { entry } = w;
  const zip64 = entry.zip64 === true || w.compressedSize >= MAX32 || w.size >= MAX32 || w.offset >= MAX32;
  const name = encoder.encode(entry.name);
  const zip64Extra = zip64 ? toLe([[1, 2], [24, 2], [w.size, 8], [w.compressedSize, 8], [w.offset, 8]]) : new Uint8Array(0);
  const extra = Buffer.concat([zip64Extra, entry.centralExtra ?? new Uint8Array(0)]);
  const flags = entry.flags ?? (entry.descriptor ? 8 : 0);
  writer.push(toLe([
    [0x02014b50, 4], [45, 2], [45, 2], [flags, 2], [entry.method ?? 0, 2], [0, 2], [0x21, 2], [w.crc, 4],
    [zip64 ? MAX32 : w.compressedSize, 4], [zip64 ? MAX32 : w.size, 4], [name.length, 2], [extra.length, 2], [0, 2],
    [0, 2], [0, 2], [0, 4], [zip64 ? MAX32 : w.offset, 4],
  ]));
  writer.push(name);
  writer.push(extra);
}

function writeEnd(writer: Writer, spec: ZipSpec, central: { readonly count: number; readonly offset: number }): void {
  const { count, offset: centralOffset } = central;
  const centralSize = writer.size - centralOffset;
  const zip64 = spec.zip64 === true || centralOffset >= MAX32;
  const declared = spec.declaredEntries ?? count;
  if (zip64) {
    const end64 = writer.size;
    writer.push(toLe([[0x06064b50, 4], [44, 8], [45, 2], [45, 2], [0, 4], [0, 4], [declared, 8], [declared, 8], [centralSize, 8], [centralOffset, 8]]));
    writer.push(toLe([[0x07064b50, 4], [0, 4], [end64, 8], [1, 4]]));
  }
  const comment = spec.comment ?? new Uint8Array(0);
  writer.push(toLe([[0x06054b50, 4], [0, 2], [0, 2], [zip64 ? 0xffff : declared, 2], [zip64 ? 0xffff : declared, 2], [zip64 ? MAX32 : centralSize, 4], [zip64 ? MAX32 : centralOffset, 4], [comment.length, 2]]));
  writer.push(comment);
}

/** @returns the archive as segments; offsets in headers do not count `prepend` (as a self-extractor's would not). */
export function buildZip(spec: ZipSpec): BuiltZip {
  const writer = new Writer();
  const written = spec.entries.map((entry) => writeLocal(writer, entry));
  const centralOffset = writer.size;
  const listed = written.filter((w) => w.entry.localOnly !== true);
  for (const w of listed) writeCentral(writer, w);
  writeEnd(writer, spec, { count: listed.length, offset: centralOffset });
  if (spec.trailing) writer.push(spec.trailing);
  const shift = spec.prepend?.length ?? 0;
  const segments = writer.segments.map((s) => ({ offset: s.offset + shift, bytes: s.bytes }));
  if (spec.prepend) segments.unshift({ offset: 0, bytes: spec.prepend });
  return { size: writer.size + shift, segments };
}

/** @returns the archive as one buffer. */
export function toZipBytes(spec: ZipSpec): Uint8Array {
  const built = buildZip(spec);
  const out = new Uint8Array(built.size);
  for (const s of built.segments) out.set(s.bytes, s.offset);
  return out;
}

/** A source over segments with zeros elsewhere, counting the bytes it is asked for. */
export interface CountingSource extends ByteSource {
  readonly bytesRead: number;
}

export function toSparseSource(built: BuiltZip): CountingSource {
  let bytesRead = 0;
  return {
    size: built.size,
    get bytesRead() {
      return bytesRead;
    },
    read(offset, length) {
      const n = Math.max(0, Math.min(length, built.size - offset));
      bytesRead += n;
      const out = new Uint8Array(n);
      for (const s of built.segments) {
        const from = Math.max(offset, s.offset);
        const to = Math.min(offset + n, s.offset + s.bytes.length);
        if (from < to) out.set(s.bytes.subarray(from - s.offset, to - s.offset), from - offset);
      }
      return out;
    },
  };
}
