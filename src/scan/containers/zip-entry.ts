// SPDX-License-Identifier: Apache-2.0
import { toBufferSource, toSliceSource } from '../../core/index.js';
import type { ByteSource } from '../../core/index.js';
import type { ScanContext } from '../context.js';
import { bunzipBounded } from './bzip2.js';
import { computeCrc32, computeSourceCrc32 } from './crc32.js';
import { toDecompressResult } from './decompress.js';
import type { DecompressOptions, DecompressResult } from './decompress.js';
import { inflateBounded } from './inflate.js';
import { unlzmaBounded, unxzBounded } from './lzma-decode.js';
import { acceptDecompressed, toOutputBudget } from './output-budget.js';
import type { ZipEntry } from './zip-types.js';

type Decoder = (input: Uint8Array, entry: ZipEntry, options: DecompressOptions) => DecompressResult;

/** Compression methods we decode, APPNOTE 4.4.5: 8 deflate, 12 bzip2, 14 LZMA, 95 xz. */
const DECODERS: ReadonlyMap<number, Decoder> = new Map<number, Decoder>([
  [8, (input, _entry, options) => toDecompressResult(inflateBounded(input, { ...options, format: 'raw' }))],
  [12, (input, _entry, options) => bunzipBounded(input, options)],
  [14, (input, entry, options) => unlzmaBounded(toLzmaAlone(input, entry), options)],
  [95, (input, _entry, options) => unxzBounded(input, options)],
]);

/** APPNOTE 4.4.4 bit 1: for LZMA, an end-of-stream marker ends the data instead of the size. */
const FLAG_LZMA_EOS = 0x0002;

/**
 * Opens an entry's data as miniz would, whatever its flags say: stored data is a window on the
 * archive (no copy, so a 5 GB tensor costs nothing until read); compressed data is decoded within
 * the ratio, buffer and inflate budgets. Findings go to `context` (the entry's own context):
 * CITADEL-ARCHIVE-BOMB past a bound, CITADEL-UNSCANNABLE for an unknown method, encrypted or
 * damaged data, CITADEL-ARCHIVE-DIVERGENCE for a CRC or size the central directory contradicts.
 * @throws ScanError SCAN_TIMEOUT from context.checkDeadline.
 * @returns the entry's bytes, or undefined when there is nothing to scan.
 */
export function openZipEntry(source: ByteSource, entry: ZipEntry, context: ScanContext): ByteSource | undefined {
  if (entry.dataOffset === undefined) {
    context.report({ ruleId: 'CITADEL-UNSCANNABLE', severity: 'medium', message: `"${entry.name}" has no local header, so its data cannot be located` });
    return undefined;
  }
  const raw = toSliceSource(source, entry.dataOffset, entry.compressedSize);
  if (entry.method === 0) return openStored(raw, entry, context);
  return openDecoded(raw, entry, context);
}

function openStored(raw: ByteSource, entry: ZipEntry, context: ScanContext): ByteSource {
  if (raw.size <= context.limits.maxBufferBytes) {
    const crc = computeSourceCrc32(raw, () => {
      context.checkDeadline();
    });
    checkCrc({ crc, size: entry.uncompressedSize }, entry, context);
  }
  return raw;
}

function openDecoded(raw: ByteSource, entry: ZipEntry, context: ScanContext): ByteSource | undefined {
  const decode = DECODERS.get(entry.method);
  if (decode === undefined) {
    context.report({ ruleId: 'CITADEL-UNSCANNABLE', severity: 'medium', message: `"${entry.name}" uses compression method ${entry.method}, which is not decoded`, detail: { method: entry.method } });
    return undefined;
  }
  if (raw.size > context.limits.maxBufferBytes) {
    context.report({ ruleId: 'CITADEL-SCAN-LIMIT', severity: 'medium', message: `"${entry.name}" holds ${raw.size} compressed bytes, past the ${context.limits.maxBufferBytes}-byte buffer limit; not scanned` });
    return undefined;
  }
  const budget = toOutputBudget(context, raw.size);
  const checkDeadline = (): void => {
    context.checkDeadline();
  };
  const result = decode(raw.read(0, raw.size), entry, { maxBytes: budget.maxBytes, checkDeadline });
  if (entry.isEncrypted && result.status === 'corrupt') {
    context.report({ ruleId: 'CITADEL-UNSCANNABLE', severity: 'medium', message: `"${entry.name}" is encrypted: its data does not decompress`, detail: { reason: 'encrypted' } });
    return undefined;
  }
  const data = acceptDecompressed(context, { what: `"${entry.name}"`, result, budget });
  if (data === undefined) return undefined;
  if (result.status === 'ok') checkCrc({ crc: computeCrc32(data), size: data.length }, entry, context);
  return toBufferSource(data);
}

/**
 * PyTorch's miniz is built without CRC checks; CPython's zipfile raises on a mismatch. Stored
 * sizes were compared when the archive was listed, so they pass the declared size here. An
 * encrypted entry whose CRC fails is most likely real ciphertext: still scanned, but unscannable.
 */
function checkCrc(actual: { readonly crc: number; readonly size: number }, entry: ZipEntry, context: ScanContext): void {
  const { crc, size } = actual;
  if (crc !== entry.crc32 && entry.isEncrypted) {
    context.report({ ruleId: 'CITADEL-UNSCANNABLE', severity: 'medium', message: `"${entry.name}" is encrypted: its bytes do not match their crc as plain data`, detail: { reason: 'encrypted' } });
  } else if (crc !== entry.crc32) {
    context.report({
      ruleId: 'CITADEL-ARCHIVE-DIVERGENCE',
      severity: 'high',
      message: `crc-32 of "${entry.name}" is 0x${crc.toString(16)}, the central directory says 0x${entry.crc32.toString(16)}: pytorch loads it, cpython's zipfile refuses it`,
      detail: { kind: 'crc-mismatch', entry: entry.name },
    });
  }
  if (size !== entry.uncompressedSize) {
    context.report({
      ruleId: 'CITADEL-ARCHIVE-DIVERGENCE',
      severity: 'high',
      message: `"${entry.name}" holds ${size} bytes, the central directory says ${entry.uncompressedSize}`,
      detail: { kind: 'size-mismatch', entry: entry.name },
    });
  }
}

/**
 * Zip LZMA data (APPNOTE 5.8.8) is a 4-byte version/properties-size header, the 5 properties
 * bytes, then the stream; an .lzma header (properties, 8-byte size) makes it decodable.
 */
function toLzmaAlone(input: Uint8Array, entry: ZipEntry): Uint8Array {
  if (input.length < 9) return input.subarray(0, 0);
  const header = Buffer.alloc(13);
  header.set(input.subarray(4, 9), 0);
  if (entry.flags & FLAG_LZMA_EOS) header.fill(0xff, 5);
  else header.writeBigUInt64LE(BigInt(entry.uncompressedSize), 5);
  return Buffer.concat([header, input.subarray(9)]);
}
