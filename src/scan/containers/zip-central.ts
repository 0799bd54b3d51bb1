// SPDX-License-Identifier: Apache-2.0
import { ByteReader, isCitadelError, toSliceSource } from '../../core/index.js';
import type { ByteSource } from '../../core/index.js';
import { ScanError } from '../errors.js';
import type { ZipEnd } from './zip-end.js';
import type { ZipAnomaly, ZipReadOptions } from './zip-types.js';
import { CENTRAL_HEADER_SIZE, SIG_CENTRAL, applyZip64, toName } from './zip-records.js';

/** One central directory file header (APPNOTE 4.3.12) with its zip64 fields applied (4.5.3). */
export interface CentralRecord {
  readonly index: number;
  readonly offset: number;
  readonly flags: number;
  readonly method: number;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
  readonly nameBytes: Uint8Array;
  readonly name: string;
  readonly extra: Uint8Array;
}

export interface CentralDirectory {
  readonly records: readonly CentralRecord[];
  readonly isTruncated: boolean;
}

/**
 * Reads headers until the directory's declared size is used up, as CPython does; miniz stops
 * after the declared count instead, so a count that disagrees is reported.
 * @throws ScanError SCAN_MALFORMED when the directory holds entries but not one header parses.
 */
export function readCentralDirectory(archive: { readonly source: ByteSource; readonly end: ZipEnd }, options: ZipReadOptions, anomalies: ZipAnomaly[]): CentralDirectory {
  const { source, end } = archive;
  const reader = new ByteReader(toSliceSource(source, end.centralOffset, end.centralSize));
  const records: CentralRecord[] = [];
  let isTruncated = false;
  while (!reader.isAtEnd()) {
    options.checkDeadline?.();
    if (records.length >= options.maxEntries) {
      isTruncated = true;
      break;
    }
    const record = readRecordOrStop(reader, { index: records.length, base: end.centralOffset }, anomalies);
    if (record === undefined) break;
    records.push(record);
  }
  if (records.length === 0 && end.declaredEntries > 0) {
    throw new ScanError('SCAN_MALFORMED', `expected ${end.declaredEntries} central directory headers at offset ${end.centralOffset}, found none`);
  }
  if (!isTruncated && records.length !== end.declaredEntries) {
    anomalies.push({ kind: 'entry-count', offset: end.endOffset, message: `the end record declares ${end.declaredEntries} entries, the central directory holds ${records.length}: miniz reads the first, cpython the second` });
  }
  return { records, isTruncated };
}

function readRecordOrStop(reader: ByteReader, at: { readonly index: number; readonly base: number }, anomalies: ZipAnomaly[]): CentralRecord | undefined {
  const { index, base } = at;
  const offset = base + reader.offset;
  try {
    if (reader.remaining < CENTRAL_HEADER_SIZE) {
      throw new ScanError('SCAN_TRUNCATED', `expected a ${CENTRAL_HEADER_SIZE}-byte central header, ${reader.remaining} bytes remain`);
    }
    const signature = reader.u32le();
    if (signature !== SIG_CENTRAL) {
      throw new ScanError('SCAN_MALFORMED', `expected a central header signature, found 0x${signature.toString(16)}`);
    }
    return readRecordBody(reader, index, offset);
  } catch (error) {
    if (!isCitadelError(error) || error.code === 'SCAN_TIMEOUT') throw error;
    anomalies.push({ kind: 'central-directory', offset, message: `central directory stops at offset ${offset}: ${error.message}` });
    return undefined;
  }
}

function readRecordBody(reader: ByteReader, index: number, offset: number): CentralRecord {
  reader.skip(4); // version made by, version needed
  const flags = reader.u16le();
  const method = reader.u16le();
  reader.skip(4); // time, date
  const crc32 = reader.u32le();
  const compressedSize = reader.u32le();
  const uncompressedSize = reader.u32le();
  const nameLength = reader.u16le();
  const extraLength = reader.u16le();
  const commentLength = reader.u16le();
  reader.skip(8); // disk start, internal and external attributes
  const localHeaderOffset = reader.u32le();
  const nameBytes = Uint8Array.from(reader.bytes(nameLength));
  const extra = Uint8Array.from(reader.bytes(extraLength));
  reader.skip(commentLength);
  const sizes = applyZip64({ compressedSize, uncompressedSize, localHeaderOffset }, extra);
  return { index, offset, flags, method, crc32, ...sizes, nameBytes, name: toName(nameBytes), extra };
}
