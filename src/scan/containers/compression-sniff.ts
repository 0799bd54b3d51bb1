// SPDX-License-Identifier: Apache-2.0

/** Single-stream compressions Citadel unwraps before sniffing again. */
export type CompressionKind = 'gzip' | 'zlib' | 'bz2' | 'xz' | 'lzma';

/**
 * joblib before 0.9.3 wrote "ZF", the payload length in hex padded to 19 characters, then a zlib
 * stream (joblib/numpy_pickle_compat.py write_zfile); joblib 1.2 still reads it.
 */
export const JOBLIB_ZFILE_HEADER_BYTES = 2 + 19;

/** @returns true for a gzip member header with the deflate method (RFC 1952 section 2.3.1). */
export function isGzip(head: Uint8Array): boolean {
  return head[0] === 0x1f && head[1] === 0x8b && head[2] === 0x08;
}

/**
 * @returns true for a zlib header (RFC 1950 section 2.2): deflate with a 32 KiB window, no preset
 * dictionary, and FCHECK making CMF*256+FLG a multiple of 31. joblib's zlib files start so.
 */
export function isZlib(head: Uint8Array): boolean {
  const cmf = head[0];
  const flg = head[1];
  if (cmf !== 0x78 || flg === undefined) return false;
  return (cmf * 256 + flg) % 31 === 0 && (flg & 0x20) === 0;
}

/** @returns true for joblib's legacy "ZF0x..." zlib file. */
export function isJoblibZfile(head: Uint8Array): boolean {
  if (head.length < JOBLIB_ZFILE_HEADER_BYTES + 2 || head[0] !== 0x5a || head[1] !== 0x46) return false;
  const length = new TextDecoder('latin1').decode(head.subarray(2, JOBLIB_ZFILE_HEADER_BYTES));
  if (!/^0x[0-9a-f]+ *$/.test(length)) return false;
  const next = head[JOBLIB_ZFILE_HEADER_BYTES] === 0x20 ? JOBLIB_ZFILE_HEADER_BYTES + 1 : JOBLIB_ZFILE_HEADER_BYTES;
  return isZlib(head.subarray(next));
}

/** @returns the zlib stream inside a joblib Z-file (after the header and an optional space). */
export function toZfilePayload(input: Uint8Array): Uint8Array {
  const start = input[JOBLIB_ZFILE_HEADER_BYTES] === 0x20 ? JOBLIB_ZFILE_HEADER_BYTES + 1 : JOBLIB_ZFILE_HEADER_BYTES;
  return input.subarray(start);
}

/**
 * @returns true for "BZh1".."BZh9" followed by the block magic (pi) or, for an empty stream, the
 * end-of-stream magic (sqrt pi), as bzip2 1.0 writes them.
 */
export function isBzip2(head: Uint8Array): boolean {
  if (head[0] !== 0x42 || head[1] !== 0x5a || head[2] !== 0x68) return false;
  const level = (head[3] ?? 0) - 0x30;
  if (level < 1 || level > 9) return false;
  const magic = Array.from(head.subarray(4, 10), (b) => b.toString(16).padStart(2, '0')).join('');
  return magic === '314159265359' || magic === '177245385090';
}

/** @returns true for the xz stream header magic (xz file format 1.2.1 section 2.1.1.1). */
export function isXz(head: Uint8Array): boolean {
  const magic = [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00];
  return head.length >= 6 && magic.every((b, i) => head[i] === b);
}

/**
 * @returns true for an .lzma ("LZMA alone") header as Python's lzma.FORMAT_ALONE writes it for
 * joblib: properties 0x5d (lc=3 lp=0 pb=2), a dictionary size of 2^n or 2^n+2^(n-1), and an
 * unknown (all ones) or plausible uncompressed size.
 */
export function isLzmaAlone(head: Uint8Array): boolean {
  if (head.length < 13 || head[0] !== 0x5d) return false;
  const dict = (head[1] ?? 0) + (head[2] ?? 0) * 0x100 + (head[3] ?? 0) * 0x10000 + (head[4] ?? 0) * 0x1000000;
  if (!isLzmaDictionarySize(dict)) return false;
  const size = head.subarray(5, 13);
  return size.every((b) => b === 0xff) || (size[6] === 0 && size[7] === 0);
}

function isLzmaDictionarySize(dict: number): boolean {
  for (let bits = 12; bits <= 31; bits++) {
    const power = 2 ** bits;
    if (dict === power || dict === power + power / 2) return true;
  }
  return false;
}

/** @returns which compression `head` starts with, if any. */
export function sniffCompression(head: Uint8Array): CompressionKind | undefined {
  if (isGzip(head)) return 'gzip';
  if (isXz(head)) return 'xz';
  if (isBzip2(head)) return 'bz2';
  if (isLzmaAlone(head)) return 'lzma';
  if (isZlib(head) || isJoblibZfile(head)) return 'zlib';
  return undefined;
}
