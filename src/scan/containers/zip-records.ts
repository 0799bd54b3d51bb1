// SPDX-License-Identifier: Apache-2.0
import type { ByteSource } from '../../core/index.js';
import { ScanError } from '../errors.js';

/** Record signatures, APPNOTE.TXT 6.3.10 sections 4.3.7, 4.3.9.3, 4.3.12, 4.3.14-4.3.16. */
export const SIG_LOCAL = 0x04034b50;
export const SIG_DESCRIPTOR = 0x08074b50;
export const SIG_CENTRAL = 0x02014b50;
export const SIG_END = 0x06054b50;
export const SIG_END64 = 0x06064b50;
export const SIG_END64_LOCATOR = 0x07064b50;

/** General purpose flag bits, APPNOTE 4.4.4. */
export const FLAG_ENCRYPTED = 0x0001;
export const FLAG_DESCRIPTOR = 0x0008;
export const FLAG_STRONG_ENCRYPTION = 0x0040;
export const FLAG_MASKED_HEADERS = 0x2000;

/** Header ids of the extra fields we read, APPNOTE 4.5.3 and 4.6.9. */
export const EXTRA_ZIP64 = 0x0001;
export const EXTRA_UNICODE_PATH = 0x7075;

export const LOCAL_HEADER_SIZE = 30;
export const CENTRAL_HEADER_SIZE = 46;
export const END_SIZE = 22;
export const END64_SIZE = 56;
export const END64_LOCATOR_SIZE = 20;
export const MAX32 = 0xffffffff;

const utf8 = new TextDecoder('utf-8', { fatal: false });

export function readU16(bytes: Uint8Array, at: number): number {
  return (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
}

export function readU32(bytes: Uint8Array, at: number): number {
  return readU16(bytes, at) + readU16(bytes, at + 2) * 0x10000;
}

/** @returns a 64-bit length; exact to 2^53, which is past any size a ByteSource can have. */
export function readU64(bytes: Uint8Array, at: number): number {
  return readU32(bytes, at) + readU32(bytes, at + 4) * 0x100000000;
}

/** @returns the bytes as UTF-8; PyTorch's miniz compares names as raw bytes, which UTF-8 keeps. */
export function toName(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

/** @returns true when both byte strings are equal. */
export function isSameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * @throws ScanError SCAN_TRUNCATED when the source holds fewer than `length` bytes at `offset`.
 * @returns exactly `length` bytes at `offset`.
 */
export function readExact(source: ByteSource, offset: number, length: number): Uint8Array {
  const bytes = offset >= 0 && offset <= source.size ? source.read(offset, length) : new Uint8Array(0);
  if (bytes.length < length) {
    throw new ScanError('SCAN_TRUNCATED', `expected ${length} bytes at offset ${offset}, the archive holds ${bytes.length}`);
  }
  return bytes;
}

/** @returns the data of the first extra field with header id `id` (APPNOTE 4.5.1), if any. */
export function findExtraField(extra: Uint8Array, id: number): Uint8Array | undefined {
  let at = 0;
  while (at + 4 <= extra.length) {
    const tag = readU16(extra, at);
    const size = readU16(extra, at + 2);
    if (tag === id) return extra.subarray(at + 4, Math.min(extra.length, at + 4 + size));
    at += 4 + size;
  }
  return undefined;
}

export interface Zip64Sizes {
  readonly uncompressedSize: number;
  readonly compressedSize: number;
  readonly localHeaderOffset: number;
}

/**
 * Replaces 0xFFFFFFFF fields by their 64-bit values from the zip64 extra field. The values appear
 * in a fixed order and only for the fields that overflowed (APPNOTE 4.5.3); miniz and CPython's
 * zipfile both read them that way.
 */
export function applyZip64(sizes: Zip64Sizes, extra: Uint8Array): Zip64Sizes {
  const field = findExtraField(extra, EXTRA_ZIP64);
  if (field === undefined) return sizes;
  let at = 0;
  const take = (value: number): number => {
    if (value !== MAX32 || at + 8 > field.length) return value;
    at += 8;
    return readU64(field, at - 8);
  };
  const uncompressedSize = take(sizes.uncompressedSize);
  const compressedSize = take(sizes.compressedSize);
  return { uncompressedSize, compressedSize, localHeaderOffset: take(sizes.localHeaderOffset) };
}

/** A local file header (APPNOTE 4.3.7), with where its data starts. */
export interface LocalHeader {
  readonly offset: number;
  readonly flags: number;
  readonly method: number;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly nameBytes: Uint8Array;
  readonly extra: Uint8Array;
  readonly hasZip64: boolean;
  /** offset + 30 + the LOCAL name and extra lengths: where miniz starts reading data. */
  readonly dataOffset: number;
}

/**
 * @throws ScanError SCAN_TRUNCATED when the header runs past the end of the source.
 * @returns the local header at `offset`, or undefined when the signature is not there.
 */
export function readLocalHeader(source: ByteSource, offset: number): LocalHeader | undefined {
  if (offset < 0 || offset + LOCAL_HEADER_SIZE > source.size) return undefined;
  const fixed = readExact(source, offset, LOCAL_HEADER_SIZE);
  if (readU32(fixed, 0) !== SIG_LOCAL) return undefined;
  const nameLength = readU16(fixed, 26);
  const extraLength = readU16(fixed, 28);
  const variable = readExact(source, offset + LOCAL_HEADER_SIZE, nameLength + extraLength);
  const extra = variable.subarray(nameLength);
  const sizes = applyZip64({ compressedSize: readU32(fixed, 18), uncompressedSize: readU32(fixed, 22), localHeaderOffset: 0 }, extra);
  return {
    offset,
    flags: readU16(fixed, 6),
    method: readU16(fixed, 8),
    crc32: readU32(fixed, 14),
    compressedSize: sizes.compressedSize,
    uncompressedSize: sizes.uncompressedSize,
    nameBytes: variable.subarray(0, nameLength),
    extra,
    hasZip64: findExtraField(extra, EXTRA_ZIP64) !== undefined,
    dataOffset: offset + LOCAL_HEADER_SIZE + nameLength + extraLength,
  };
}
