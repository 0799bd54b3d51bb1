// SPDX-License-Identifier: Apache-2.0
import { bunzipBounded } from './bzip2.js';
import { isJoblibZfile, toZfilePayload } from './compression-sniff.js';
import type { CompressionKind } from './compression-sniff.js';
import { gunzipBounded } from './gzip-members.js';
import { inflateBounded } from './inflate.js';
import type { InflateOutcome } from './inflate.js';
import { unlzmaBounded, unxzBounded } from './lzma-decode.js';

export { isBzip2, isGzip, isJoblibZfile, isLzmaAlone, isXz, isZlib, sniffCompression } from './compression-sniff.js';
export type { CompressionKind } from './compression-sniff.js';

/**
 * What a bounded decompression gave. `corrupt` carries what came before the damage, because a
 * streaming loader (pickle.load on a GzipFile) has already acted on those bytes when it fails.
 */
export type DecompressResult =
  | { readonly status: 'ok'; readonly data: Uint8Array; readonly notes: readonly string[] }
  | { readonly status: 'too-large' }
  | { readonly status: 'corrupt'; readonly message: string; readonly partial: Uint8Array };

export interface DecompressOptions {
  /** Output past this many bytes stops decompression with `too-large`. */
  readonly maxBytes: number;
  readonly checkDeadline?: () => void;
}

/**
 * Decompresses a whole gzip (multi-member), zlib (also joblib's "ZF" files), bzip2 (multi-stream),
 * xz (multi-stream) or .lzma input, never producing more than options.maxBytes.
 * @throws ScanError SCAN_TIMEOUT from options.checkDeadline; SCAN_MALFORMED for an engine failure
 * that is not a property of the data.
 */
export function decompressBounded(kind: CompressionKind, input: Uint8Array, options: DecompressOptions): DecompressResult {
  switch (kind) {
    case 'gzip':
      return gunzipBounded(input, options);
    case 'zlib':
      return toDecompressResult(inflateBounded(isJoblibZfile(input) ? toZfilePayload(input) : input, { ...options, format: 'zlib' }));
    case 'bz2':
      return bunzipBounded(input, options);
    case 'xz':
      return unxzBounded(input, options);
    case 'lzma':
      return unlzmaBounded(input, options);
  }
}

/** @returns the result of one inflate run in the shape every decompressor returns. */
export function toDecompressResult(outcome: InflateOutcome): DecompressResult {
  if (outcome.status === 'too-large') return { status: 'too-large' };
  if (outcome.status === 'ok') return { status: 'ok', data: outcome.data, notes: [] };
  return { status: 'corrupt', message: outcome.message ?? 'the compressed stream is damaged', partial: outcome.data };
}
