// SPDX-License-Identifier: Apache-2.0
import { ScanError } from '../errors.js';
import { isXz } from './compression-sniff.js';

/** One xz block's LZMA2 data: [start, end) in the input and the exact size it decodes to. */
export interface XzBlock {
  readonly start: number;
  readonly end: number;
  readonly uncompressedSize: number;
  /** Why the block cannot be decoded as plain LZMA2 (another filter in the chain), if so. */
  readonly unsupported: string | undefined;
}

export interface XzLayout {
  readonly blocks: readonly XzBlock[];
  /** Offset of bytes after the last stream that are neither stream padding nor a stream. */
  readonly trailingAt: number | undefined;
  /** Why the walk stopped early, when a stream is damaged. */
  readonly damage: string | undefined;
}

/** Check field sizes by check id (xz file format 1.2.1 section 3.4). */
const CHECK_SIZES = [0, 4, 4, 4, 8, 8, 8, 16, 16, 16, 32, 32, 32, 64, 64, 64];
const STREAM_HEADER = 12;
const STREAM_FOOTER = 12;

/**
 * Walks xz streams without decoding them: stream header, blocks (LZMA2 chunk headers give each
 * chunk's exact unpacked size), index, footer, padding (xz file format 1.2.1 sections 2, 3, 4,
 * 5.3.1). The summed sizes bound the output before a byte is decompressed, which matters because
 * the decoder we call cannot be stopped midway; each block's LZMA2 data is then decoded alone,
 * which also sidesteps integrity checks lzma-rs does not implement (SHA-256).
 */
export function toXzLayout(input: Uint8Array, checkDeadline?: () => void): XzLayout {
  const blocks: XzBlock[] = [];
  let offset = 0;
  while (offset < input.length) {
    checkDeadline?.();
    offset = skipStreamPadding(input, offset);
    if (offset >= input.length) break;
    if (!isXz(input.subarray(offset))) return { blocks, trailingAt: offset, damage: undefined };
    try {
      offset = walkStream(input, offset, { blocks, checkDeadline });
    } catch (error) {
      if (!(error instanceof ScanError) || error.code === 'SCAN_TIMEOUT') throw error;
      return { blocks, trailingAt: undefined, damage: error.message };
    }
  }
  return { blocks, trailingAt: undefined, damage: undefined };
}

function skipStreamPadding(input: Uint8Array, offset: number): number {
  let at = offset;
  while (at + 4 <= input.length && input[at] === 0 && input[at + 1] === 0 && input[at + 2] === 0 && input[at + 3] === 0) at += 4;
  return at;
}

/** Walks one stream, appending its blocks only once the whole stream is known good. @returns where it ends. */
function walkStream(input: Uint8Array, start: number, walk: { readonly blocks: XzBlock[]; readonly checkDeadline: (() => void) | undefined }): number {
  const { blocks, checkDeadline } = walk;
  const checkSize = CHECK_SIZES[(input[start + 7] ?? 0) & 0x0f] ?? 0;
  const found: XzBlock[] = [];
  let at = start + STREAM_HEADER;
  for (;;) {
    checkDeadline?.();
    const headerByte = byteAt(input, at);
    if (headerByte === 0) break; // index indicator (section 4.1)
    const blockStart = at;
    at += (headerByte + 1) * 4;
    const chunks = walkLzma2Chunks(input, at);
    found.push({ start: at, end: chunks.end, uncompressedSize: chunks.uncompressedSize, unsupported: findUnsupportedFilter(input, blockStart) });
    at = chunks.end;
    at += (4 - ((at - blockStart) % 4)) % 4; // block padding (section 3.3)
    at += checkSize;
  }
  const end = skipIndex(input, at) + STREAM_FOOTER;
  if (byteAt(input, end - 2) !== 0x59 || byteAt(input, end - 1) !== 0x5a) {
    throw new ScanError('SCAN_MALFORMED', `expected the xz stream footer magic "YZ" at offset ${end - 2}`);
  }
  blocks.push(...found);
  return end;
}

/** Block header (section 3.1.2): flags give the filter count and optional sizes; LZMA2 is filter 0x21. */
function findUnsupportedFilter(input: Uint8Array, blockStart: number): string | undefined {
  const flags = byteAt(input, blockStart + 1);
  let at = blockStart + 2;
  if (flags & 0x40) at = readVarint(input, at)[1];
  if (flags & 0x80) at = readVarint(input, at)[1];
  const [filter] = readVarint(input, at);
  if ((flags & 0x03) === 0 && filter === 0x21) return undefined;
  return `xz block at offset ${blockStart} uses ${(flags & 0x03) + 1} filters starting with 0x${filter.toString(16)}; only a lone lzma2 filter is decoded`;
}

/** LZMA2 chunk headers (the format xz-embedded and liblzma decode): control byte, sizes, optional properties. */
function walkLzma2Chunks(input: Uint8Array, start: number): { uncompressedSize: number; end: number } {
  let at = start;
  let uncompressedSize = 0;
  for (;;) {
    const control = byteAt(input, at);
    if (control === 0x00) return { uncompressedSize, end: at + 1 };
    if (control === 0x01 || control === 0x02) {
      const size = readBe16(input, at + 1) + 1;
      uncompressedSize += size;
      at += 3 + size;
    } else if (control >= 0x80) {
      uncompressedSize += (control & 0x1f) * 0x10000 + readBe16(input, at + 1) + 1;
      at += 5 + (control >= 0xc0 ? 1 : 0) + readBe16(input, at + 3) + 1;
    } else {
      throw new ScanError('SCAN_MALFORMED', `expected an lzma2 chunk control byte at offset ${at}, found 0x${control.toString(16)}`);
    }
  }
}

/** Index (section 4): indicator, record count, (unpadded, uncompressed) varint pairs, padding, CRC32. */
function skipIndex(input: Uint8Array, indicatorAt: number): number {
  let at = indicatorAt + 1;
  const [records, afterCount] = readVarint(input, at);
  at = afterCount;
  for (let i = 0; i < records * 2; i++) at = readVarint(input, at)[1];
  at += (4 - ((at - indicatorAt) % 4)) % 4;
  return at + 4;
}

function readVarint(input: Uint8Array, start: number): [number, number] {
  let value = 0;
  for (let i = 0; i < 9; i++) {
    const byte = byteAt(input, start + i);
    value += (byte & 0x7f) * 2 ** (7 * i);
    if ((byte & 0x80) === 0) return [value, start + i + 1];
  }
  throw new ScanError('SCAN_MALFORMED', `expected an xz varint of at most 9 bytes at offset ${start}`);
}

function byteAt(input: Uint8Array, at: number): number {
  const byte = input[at];
  if (byte === undefined) throw new ScanError('SCAN_MALFORMED', `the xz stream ends at offset ${input.length}, expected more at ${at}`);
  return byte;
}

function readBe16(input: Uint8Array, at: number): number {
  return byteAt(input, at) * 256 + byteAt(input, at + 1);
}
