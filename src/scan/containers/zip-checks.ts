// SPDX-License-Identifier: Apache-2.0
import type { ByteSource } from '../../core/index.js';
import type { CentralRecord } from './zip-central.js';
import type { ZipAnomaly, ZipEntry } from './zip-types.js';
import {
  EXTRA_UNICODE_PATH,
  FLAG_DESCRIPTOR,
  FLAG_ENCRYPTED,
  FLAG_MASKED_HEADERS,
  FLAG_STRONG_ENCRYPTION,
  SIG_DESCRIPTOR,
  findExtraField,
  isSameBytes,
  readU32,
  readU64,
  toName,
} from './zip-records.js';
import type { LocalHeader } from './zip-records.js';

const ENCRYPTION_FLAGS = FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION | FLAG_MASKED_HEADERS;
const MAX_OVERLAP_REPORTS = 10;

/** @returns true when either header claims encryption (APPNOTE 4.4.4 bits 0, 6 and 13). */
export function isEncryptedFlags(flags: number): boolean {
  return (flags & ENCRYPTION_FLAGS) !== 0;
}

/** A central directory record with the local header it points to. */
export interface HeaderPair {
  readonly source: ByteSource;
  readonly record: CentralRecord;
  readonly local: LocalHeader;
}

/**
 * Reports every field where the local header says something other than the central directory:
 * miniz trusts the central directory, CPython checks the name and refuses, a streaming reader
 * trusts the local header (APPNOTE 4.3.7 vs 4.3.12).
 */
export function compareLocalHeader(pair: HeaderPair, anomalies: ZipAnomaly[]): void {
  const { record, local } = pair;
  const entry = record.name;
  const add = (kind: ZipAnomaly['kind'], message: string): void => void anomalies.push({ kind, entry, offset: local.offset, message });
  if (!isSameBytes(record.nameBytes, local.nameBytes)) {
    add('name-mismatch', `the central directory names "${entry}", its local header names "${toName(local.nameBytes)}": miniz reads the entry, cpython refuses it, streaming readers use the local name`);
  }
  if (record.method !== local.method) add('method-mismatch', `central directory method ${record.method}, local header method ${local.method}`);
  if ((record.flags ^ local.flags) & (ENCRYPTION_FLAGS | FLAG_DESCRIPTOR)) {
    add('flags-mismatch', `central directory flags 0x${record.flags.toString(16)}, local header flags 0x${local.flags.toString(16)}`);
  }
  if (isEncryptedFlags(record.flags | local.flags)) add('encrypted', `"${entry}" claims encryption: miniz refuses it, other readers ask for a password or read it as plain`);
  compareSizes(pair, add);
  checkUnicodePath(record, local, add);
}

type AddAnomaly = (kind: ZipAnomaly['kind'], message: string) => void;

function compareSizes(pair: HeaderPair, add: AddAnomaly): void {
  const { source, record, local } = pair;
  if (record.method === 0 && record.compressedSize !== record.uncompressedSize) {
    add('size-mismatch', `stored entry with compressed size ${record.compressedSize} and size ${record.uncompressedSize}: miniz refuses the archive, others read one or the other`);
  }
  if (local.dataOffset + record.compressedSize > source.size) {
    add('size-mismatch', `entry data of ${record.compressedSize} bytes at offset ${local.dataOffset} runs past the end of the archive`);
  }
  if (local.flags & FLAG_DESCRIPTOR) {
    checkDescriptor(pair, add);
    return;
  }
  if (local.compressedSize !== record.compressedSize || local.uncompressedSize !== record.uncompressedSize) {
    add('size-mismatch', `central directory sizes ${record.compressedSize}/${record.uncompressedSize}, local header sizes ${local.compressedSize}/${local.uncompressedSize}: streaming readers follow the local ones`);
  }
  if (local.crc32 !== record.crc32) add('crc-mismatch', `central directory crc 0x${record.crc32.toString(16)}, local header crc 0x${local.crc32.toString(16)}`);
}

/**
 * With bit 3 set the sizes follow the data (APPNOTE 4.3.9); a descriptor that disagrees with the
 * directory splits readers. Stored entries with descriptors are what PyTorch writes, so they pass.
 */
function checkDescriptor(pair: HeaderPair, add: AddAnomaly): void {
  const { source, record, local } = pair;
  const descriptor = readDescriptor(source, local.dataOffset + record.compressedSize, local.hasZip64);
  if (descriptor === undefined) {
    add('data-descriptor', `the local header announces a data descriptor, none follows the data at offset ${local.dataOffset + record.compressedSize}`);
    return;
  }
  if (descriptor.compressedSize !== record.compressedSize || descriptor.uncompressedSize !== record.uncompressedSize || descriptor.crc32 !== record.crc32) {
    add('data-descriptor', `data descriptor crc/sizes 0x${descriptor.crc32.toString(16)}/${descriptor.compressedSize}/${descriptor.uncompressedSize} differ from the central directory's 0x${record.crc32.toString(16)}/${record.compressedSize}/${record.uncompressedSize}`);
  }
}

export interface Descriptor {
  readonly crc32: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  /** Bytes the descriptor occupies, with its optional signature. */
  readonly length: number;
}

/** @returns the data descriptor at `offset` (APPNOTE 4.3.9), its signature optional, or undefined past the end. */
export function readDescriptor(source: ByteSource, offset: number, isZip64: boolean): Descriptor | undefined {
  const width = isZip64 ? 8 : 4;
  const bytes = source.read(offset, 4 + 4 + 2 * width);
  const skip = readU32(bytes, 0) === SIG_DESCRIPTOR ? 4 : 0;
  if (bytes.length < skip + 4 + 2 * width) return undefined;
  const read = (at: number): number => (isZip64 ? readU64(bytes, at) : readU32(bytes, at));
  return {
    crc32: readU32(bytes, skip),
    compressedSize: read(skip + 4),
    uncompressedSize: read(skip + 4 + width),
    length: skip + 4 + 2 * width,
  };
}

/** Info-ZIP's Unicode Path field (APPNOTE 4.6.9) renames the entry for 7-Zip and unzip, not for miniz or CPython. */
function checkUnicodePath(record: CentralRecord, local: LocalHeader, add: AddAnomaly): void {
  for (const extra of [record.extra, local.extra]) {
    const field = findExtraField(extra, EXTRA_UNICODE_PATH);
    if (field === undefined || field.length < 5) continue;
    const alias = toName(field.subarray(5));
    if (alias !== record.name) add('unicode-path', `a unicode path field renames "${record.name}" to "${alias}" for 7-zip and info-zip`);
    return;
  }
}

/** Several entries with one name: miniz binary-searches a sorted index and may pick any, CPython keeps the last. */
export function checkDuplicateNames(entries: readonly ZipEntry[], anomalies: ZipAnomaly[]): void {
  const counts = new Map<string, number>();
  for (const entry of entries) counts.set(entry.name, (counts.get(entry.name) ?? 0) + 1);
  for (const [name, count] of counts) {
    if (count > 1) anomalies.push({ kind: 'duplicate-name', entry: name, message: `${count} entries are named "${name}": miniz may pick any of them, cpython picks the last` });
  }
}

/**
 * Entries whose bytes overlap each other or the central directory: the overlapping zip bomb
 * (Fifield 2019) and payloads reachable under two names.
 */
export function checkOverlaps(entries: readonly ZipEntry[], centralOffset: number, anomalies: ZipAnomaly[]): void {
  const spans = entries
    .filter((e) => e.dataOffset !== undefined)
    .map((e) => ({ name: e.name, start: e.localHeaderOffset, end: (e.dataOffset ?? 0) + e.compressedSize }))
    .sort((a, b) => a.start - b.start);
  let reported = 0;
  let previous: { name: string; end: number } | undefined;
  for (const span of spans) {
    if (reported >= MAX_OVERLAP_REPORTS) return;
    if (previous !== undefined && span.start < previous.end) {
      anomalies.push({ kind: 'overlap', entry: span.name, offset: span.start, message: `"${span.name}" starts at offset ${span.start}, inside "${previous.name}" which ends at ${previous.end}` });
      reported++;
    } else if (span.start < centralOffset && span.end > centralOffset) {
      anomalies.push({ kind: 'overlap', entry: span.name, offset: span.start, message: `"${span.name}" runs to offset ${span.end}, into the central directory at ${centralOffset}` });
      reported++;
    }
    if (previous === undefined || span.end > previous.end) previous = span;
  }
}
