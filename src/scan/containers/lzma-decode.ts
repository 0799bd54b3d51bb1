// SPDX-License-Identifier: Apache-2.0
import { createRequire } from 'node:module';
import type { DecompressOptions, DecompressResult } from './decompress.js';
import { toXzLayout } from './xz-streams.js';
import type { XzLayout } from './xz-streams.js';

interface Decoder {
  decompressSync(input: Uint8Array): Buffer;
}

interface LzmaBinding {
  readonly lzma: Decoder;
  readonly lzma2: Decoder;
}

const require = createRequire(import.meta.url);
let binding: LzmaBinding | null | undefined;

/** Loads @napi-rs/lzma (lzma-rs) on first use, so a platform without its binary loses only xz and lzma. */
function loadBinding(): LzmaBinding | null {
  if (binding === undefined) {
    try {
      binding = require('@napi-rs/lzma') as LzmaBinding;
    } catch {
      binding = null;
    }
  }
  return binding;
}

const UNAVAILABLE: DecompressResult = { status: 'corrupt', message: 'the lzma decoder (@napi-rs/lzma) is not available on this platform', partial: new Uint8Array(0) };
const LZMA_HEADER = 13;

/**
 * Decodes every block of every xz stream. lzma-rs cannot be stopped midway, so the exact output
 * size is first summed from the LZMA2 chunk headers (toXzLayout) and checked against maxBytes.
 */
export function unxzBounded(input: Uint8Array, options: DecompressOptions): DecompressResult {
  const lib = loadBinding();
  if (lib === null) return UNAVAILABLE;
  const layout = toXzLayout(input, options.checkDeadline);
  if (layout.blocks.reduce((sum, b) => sum + b.uncompressedSize, 0) > options.maxBytes) return { status: 'too-large' };
  const parts: Uint8Array[] = [];
  for (const block of layout.blocks) {
    options.checkDeadline?.();
    const decoded = block.unsupported ?? decodeLzma2(lib, input.subarray(block.start, block.end), block.uncompressedSize);
    if (typeof decoded === 'string') return { status: 'corrupt', message: decoded, partial: Buffer.concat(parts) };
    parts.push(decoded);
  }
  return toXzResult(layout, parts);
}

/** @returns the block's bytes, or why they could not be decoded. */
function decodeLzma2(lib: LzmaBinding, chunks: Uint8Array, expected: number): Uint8Array | string {
  try {
    const out = lib.lzma2.decompressSync(chunks);
    return out.length === expected ? out : `lzma2 data decoded to ${out.length} bytes, its chunk headers say ${expected}`;
  } catch (error) {
    return `lzma2 data is damaged: ${(error as Error).message}`;
  }
}

function toXzResult(layout: XzLayout, parts: Uint8Array[]): DecompressResult {
  if (layout.damage !== undefined || parts.length === 0) {
    return { status: 'corrupt', message: layout.damage ?? 'expected an xz stream, found none', partial: Buffer.concat(parts) };
  }
  const notes = layout.trailingAt === undefined ? [] : [`bytes from offset ${layout.trailingAt} after the last xz stream are not an xz stream`];
  return { status: 'ok', data: Buffer.concat(parts), notes };
}

/**
 * Decodes an .lzma (LZMA alone) file. Python writes "size unknown" in the header, and lzma-rs
 * decodes exactly the size the header states, so the header is rewritten to maxBytes + 1: the
 * decoder then stops at the bound, and a shorter stream reports its real length, decoded again exactly.
 */
export function unlzmaBounded(input: Uint8Array, options: DecompressOptions): DecompressResult {
  const lib = loadBinding();
  if (lib === null) return UNAVAILABLE;
  if (input.length < LZMA_HEADER) return { status: 'corrupt', message: `expected a ${LZMA_HEADER}-byte lzma header, found ${input.length} bytes`, partial: new Uint8Array(0) };
  const declared = readDeclaredSize(input);
  const probe = declared !== undefined && declared <= options.maxBytes ? declared : options.maxBytes + 1;
  const first = tryDecode(lib, input, probe);
  if (first instanceof Uint8Array) return first.length > options.maxBytes ? { status: 'too-large' } : { status: 'ok', data: first, notes: [] };
  const real = /decompressed to (\d+)/.exec(first)?.[1];
  if (real !== undefined && Number(real) <= options.maxBytes) return decodeExactly(lib, input, { real: Number(real), declared });
  if (/more bytes are available/.test(first)) return decodeBeforeTrailing(lib, input, options);
  return { status: 'corrupt', message: `lzma data is damaged: ${first}`, partial: new Uint8Array(0) };
}

function readDeclaredSize(input: Uint8Array): number | undefined {
  const view = new DataView(input.buffer, input.byteOffset + 5, 8);
  const size = view.getBigUint64(0, true);
  return size === 0xffffffffffffffffn || size > BigInt(Number.MAX_SAFE_INTEGER) ? undefined : Number(size);
}

/** @returns the output, or the decoder's error message. */
function tryDecode(lib: LzmaBinding, input: Uint8Array, size: number): Uint8Array | string {
  const copy = Buffer.from(input);
  copy.writeBigUInt64LE(BigInt(size), 5);
  try {
    return lib.lzma.decompressSync(copy);
  } catch (error) {
    return (error as Error).message;
  }
}

function decodeExactly(lib: LzmaBinding, input: Uint8Array, sizes: { readonly real: number; readonly declared: number | undefined }): DecompressResult {
  const { real: size, declared } = sizes;
  const data = tryDecode(lib, input, size);
  if (typeof data === 'string') return { status: 'corrupt', message: `lzma data is damaged: ${data}`, partial: new Uint8Array(0) };
  const notes = declared === undefined ? [] : [`the lzma header declares ${declared} bytes, the stream holds ${size}`];
  return { status: 'ok', data, notes };
}

/**
 * Bytes follow the end marker (CPython's LZMAFile ignores them). lzma-rs refuses that, but
 * decodes any stated size up to the real one, so the real size is found by bisection.
 */
function decodeBeforeTrailing(lib: LzmaBinding, input: Uint8Array, options: DecompressOptions): DecompressResult {
  let good = 0;
  let bad = options.maxBytes + 1;
  while (bad - good > 1) {
    options.checkDeadline?.();
    const middle = Math.floor((good + bad) / 2);
    if (typeof tryDecode(lib, input, middle) === 'string') bad = middle;
    else good = middle;
  }
  const data = tryDecode(lib, input, good);
  if (typeof data === 'string') return { status: 'corrupt', message: `lzma data is damaged: ${data}`, partial: new Uint8Array(0) };
  return { status: 'ok', data, notes: ['bytes after the lzma end marker are not lzma data'] };
}
