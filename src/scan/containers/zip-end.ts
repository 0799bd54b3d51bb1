// SPDX-License-Identifier: Apache-2.0
import type { ByteSource } from '../../core/index.js';
import { ScanError } from '../errors.js';
import type { ZipAnomaly } from './zip-types.js';
import {
  END64_LOCATOR_SIZE,
  END64_SIZE,
  END_SIZE,
  SIG_CENTRAL,
  SIG_END,
  SIG_END64,
  SIG_END64_LOCATOR,
  SIG_LOCAL,
  readExact,
  readU16,
  readU32,
  readU64,
} from './zip-records.js';

/** The end of central directory record (APPNOTE 4.3.16), widened by its zip64 form (4.3.14). */
export interface ZipEnd {
  readonly endOffset: number;
  /** Where the central directory is read: as declared, or shifted by prependedBytes when only that works. */
  readonly centralOffset: number;
  readonly centralSize: number;
  readonly declaredEntries: number;
  readonly isZip64: boolean;
  /** Bytes CPython's zipfile adds to every offset (data before the archive or before its end records). */
  readonly prependedBytes: number;
}

/** The comment may be 65535 bytes, so the end record sits in the last 65557 bytes (APPNOTE 4.3.16). */
const TAIL_BYTES = 0xffff + END_SIZE;
const COMMENT_SUSPICIOUS_BYTES = 4096;

/**
 * Finds the end record the way miniz does: the last signature with a whole record after it.
 * @throws ScanError SCAN_MALFORMED when there is none, or the central directory lies outside the file.
 */
export function locateEnd(source: ByteSource, anomalies: ZipAnomaly[]): ZipEnd {
  const tailStart = Math.max(0, source.size - TAIL_BYTES);
  const tail = source.read(tailStart, source.size - tailStart);
  const positions = findSignatures(tail, SIG_END);
  const chosen = positions.filter((p) => p + END_SIZE <= tail.length).pop();
  if (chosen === undefined) {
    throw new ScanError('SCAN_MALFORMED', `expected an end of central directory record in the last ${tail.length} bytes, found none`);
  }
  const endOffset = tailStart + chosen;
  const record = tail.subarray(chosen, chosen + END_SIZE);
  checkComment(tail.subarray(chosen), endOffset, anomalies);
  const end = readZip64End(source, endOffset, anomalies) ?? toEnd32(record, endOffset);
  const located = placeCentralDirectory(source, end, anomalies);
  checkOtherEndRecords({ positions, chosen, tailStart }, located, anomalies);
  return located;
}

function toEnd32(record: Uint8Array, endOffset: number): ZipEnd {
  return {
    endOffset,
    declaredEntries: readU16(record, 10),
    centralSize: readU32(record, 12),
    centralOffset: readU32(record, 16),
    isZip64: false,
    prependedBytes: 0,
  };
}

/** @returns offsets of every little-endian occurrence of `signature` in `bytes`. */
function findSignatures(bytes: Uint8Array, signature: number): number[] {
  const found: number[] = [];
  for (let i = bytes.indexOf(0x50); i >= 0 && i + 4 <= bytes.length; i = bytes.indexOf(0x50, i + 1)) {
    if (readU32(bytes, i) === signature) found.push(i);
  }
  return found;
}

/** Bytes after the comment are invisible to zip readers but not to other parsers of the same file. */
function checkComment(fromRecord: Uint8Array, endOffset: number, anomalies: ZipAnomaly[]): void {
  const commentLength = readU16(fromRecord, 20);
  const after = fromRecord.subarray(END_SIZE);
  if (after.length > commentLength) {
    const extra = after.length - commentLength;
    anomalies.push({ kind: 'trailing-data', offset: endOffset, message: `${extra} bytes follow the end record and its ${commentLength}-byte comment` });
  } else if (after.length < commentLength) {
    anomalies.push({ kind: 'comment', offset: endOffset, message: `the end record declares a ${commentLength}-byte comment, only ${after.length} bytes remain` });
  }
  const comment = after.subarray(0, commentLength);
  const hidesRecord = findSignatures(comment, SIG_LOCAL).length + findSignatures(comment, SIG_CENTRAL).length > 0;
  if (hidesRecord || commentLength > COMMENT_SUSPICIOUS_BYTES) {
    anomalies.push({ kind: 'comment', offset: endOffset, message: `the archive comment holds ${commentLength} bytes${hidesRecord ? ' including zip record signatures' : ''}` });
  }
}

/**
 * miniz follows the locator's offset to the zip64 end record; CPython's zipfile reads the 56 bytes
 * just before the locator. A locator that points elsewhere gives the two different directories.
 */
function readZip64End(source: ByteSource, endOffset: number, anomalies: ZipAnomaly[]): ZipEnd | undefined {
  const locatorOffset = endOffset - END64_LOCATOR_SIZE;
  if (locatorOffset < 0) return undefined;
  const locator = readExact(source, locatorOffset, END64_LOCATOR_SIZE);
  if (readU32(locator, 0) !== SIG_END64_LOCATOR) return undefined;
  const declared = readU64(locator, 8);
  const adjacent = locatorOffset - END64_SIZE;
  if (declared !== adjacent) {
    anomalies.push({ kind: 'zip64-locator', offset: locatorOffset, message: `the zip64 locator points to offset ${declared}, cpython reads the zip64 end record at ${adjacent}` });
  }
  const at = isEnd64At(source, declared) ? declared : adjacent;
  if (!isEnd64At(source, at)) {
    throw new ScanError('SCAN_MALFORMED', `expected a zip64 end record at offset ${declared}, found none`);
  }
  const record = readExact(source, at, END64_SIZE);
  return {
    endOffset: at,
    declaredEntries: readU64(record, 32),
    centralSize: readU64(record, 40),
    centralOffset: readU64(record, 48),
    isZip64: true,
    prependedBytes: 0,
  };
}

function isEnd64At(source: ByteSource, offset: number): boolean {
  if (offset < 0 || offset + END64_SIZE > source.size) return false;
  return readU32(source.read(offset, 4), 0) === SIG_END64;
}

/**
 * CPython computes the shift between where the central directory should end and where the end
 * record is, and adds it to every offset (so self-extracting archives work); miniz uses offsets as
 * written. We read as miniz does and fall back to the shifted offsets only when that fails.
 */
function placeCentralDirectory(source: ByteSource, end: ZipEnd, anomalies: ZipAnomaly[]): ZipEnd {
  const shift = end.endOffset - end.centralSize - end.centralOffset;
  if (shift < 0) {
    throw new ScanError('SCAN_MALFORMED', `central directory of ${end.centralSize} bytes at offset ${end.centralOffset} runs past its end record at ${end.endOffset}`);
  }
  if (shift > 0) {
    anomalies.push({ kind: 'prepended-data', offset: end.centralOffset, message: `${shift} bytes precede the archive or its end records: cpython's zipfile shifts every offset by ${shift}, miniz does not` });
  }
  const asWritten = isSignatureAt(source, end.centralOffset, SIG_CENTRAL) || end.declaredEntries === 0;
  const centralOffset = asWritten || shift === 0 ? end.centralOffset : end.centralOffset + shift;
  return { ...end, centralOffset, prependedBytes: shift };
}

export function isSignatureAt(source: ByteSource, offset: number, signature: number): boolean {
  if (offset < 0 || offset + 4 > source.size) return false;
  return readU32(source.read(offset, 4), 0) === signature;
}

interface TailSearch {
  readonly positions: readonly number[];
  readonly chosen: number;
  readonly tailStart: number;
}

/** Readers that scan forward, or search from the end differently, pick another end record. */
function checkOtherEndRecords(search: TailSearch, end: ZipEnd, anomalies: ZipAnomaly[]): void {
  const { positions, chosen, tailStart } = search;
  const centralEnd = end.centralOffset + end.centralSize;
  const others = positions.filter((p) => p !== chosen && tailStart + p >= centralEnd);
  if (others.length > 0) {
    const at = tailStart + (others[0] as number);
    anomalies.push({ kind: 'multiple-end-records', offset: at, message: `${others.length + 1} end record signatures after the central directory; miniz uses the one at ${tailStart + chosen}, another starts at ${at}` });
  }
}
