// SPDX-License-Identifier: Apache-2.0
import { constants, inflateRawSync, inflateSync } from 'node:zlib';
import type { ZlibOptions } from 'node:zlib';
import { ScanError } from '../errors.js';

/** What inflating one deflate stream gave. */
export interface InflateOutcome {
  /** ok: the stream ended; truncated: the input ended first; corrupt: bad data after `data`. */
  readonly status: 'ok' | 'truncated' | 'too-large' | 'corrupt';
  /** Everything inflated (for corrupt: what came before the bad data, which a streaming loader already used). */
  readonly data: Uint8Array;
  /** Input bytes the stream used, so that what follows (a gzip trailer, a next member) can be found. */
  readonly consumed: number;
  readonly message?: string;
}

export interface InflateOptions {
  /** 'raw' for zip method 8 and gzip members (RFC 1951), 'zlib' for RFC 1950 streams. */
  readonly format: 'raw' | 'zlib';
  readonly maxBytes: number;
  readonly checkDeadline?: () => void;
}

interface InfoResult {
  readonly buffer: Buffer;
  readonly engine: { readonly bytesWritten: number };
}

/**
 * Inflates at most options.maxBytes, stopping inside zlib when the output would pass it (node's
 * maxOutputLength), so a bomb costs no more than the bound. A truncated or corrupt stream still
 * yields what precedes the damage: CPython's zipfile and gzip hand those bytes to the unpickler
 * before they notice.
 * @throws ScanError SCAN_MALFORMED for a zlib failure that is neither of those.
 */
export function inflateBounded(input: Uint8Array, options: InflateOptions): InflateOutcome {
  try {
    const result = runInflate(input, options, constants.Z_FINISH);
    return { status: 'ok', data: result.buffer, consumed: result.engine.bytesWritten };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') return { status: 'too-large', data: new Uint8Array(0), consumed: 0 };
    if (code === 'Z_BUF_ERROR') return inflateTruncated(input, options);
    if (code === 'Z_DATA_ERROR' || code === 'Z_NEED_DICT') return inflateCorrupt(input, options, (error as Error).message);
    throw new ScanError('SCAN_MALFORMED', `inflate failed: ${(error as Error).message}`, { cause: error });
  }
}

function runInflate(input: Uint8Array, options: InflateOptions, finishFlush: number): InfoResult {
  const zlibOptions: ZlibOptions & { info: true } = { info: true, finishFlush, maxOutputLength: Math.max(1, options.maxBytes) };
  const run = options.format === 'raw' ? inflateRawSync : inflateSync;
  const result = run(input, zlibOptions) as unknown as InfoResult;
  if (result.buffer.length > options.maxBytes) throw Object.assign(new RangeError('output too large'), { code: 'ERR_BUFFER_TOO_LARGE' });
  return result;
}

/** Z_SYNC_FLUSH returns what a truncated stream holds instead of failing (zlib.h, inflate()). */
function inflateTruncated(input: Uint8Array, options: InflateOptions): InflateOutcome {
  const outcome = tryPrefix(input, input.length, options);
  if (outcome === undefined) return inflateCorrupt(input, options, 'unexpected end of file');
  return outcome.status === 'too-large' ? outcome : { ...outcome, status: 'truncated', message: 'the compressed stream ends early' };
}

/** Bisects for the longest prefix that inflates without a data error; a prefix before the damage always does. */
function inflateCorrupt(input: Uint8Array, options: InflateOptions, message: string): InflateOutcome {
  let good = 0;
  let bad = input.length;
  let best: InflateOutcome = { status: 'corrupt', data: new Uint8Array(0), consumed: 0, message };
  while (bad - good > 1) {
    options.checkDeadline?.();
    const middle = Math.floor((good + bad) / 2);
    const outcome = tryPrefix(input, middle, options);
    if (outcome?.status === 'too-large') return outcome;
    if (outcome === undefined) bad = middle;
    else {
      good = middle;
      best = { ...outcome, status: 'corrupt', message };
    }
  }
  return best;
}

/** @returns the inflated prefix, too-large, or undefined when the prefix holds bad data. */
function tryPrefix(input: Uint8Array, length: number, options: InflateOptions): InflateOutcome | undefined {
  try {
    const result = runInflate(input.subarray(0, length), options, constants.Z_SYNC_FLUSH);
    return { status: 'ok', data: result.buffer, consumed: result.engine.bytesWritten };
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') return { status: 'too-large', data: new Uint8Array(0), consumed: 0 };
    return undefined;
  }
}

/** @returns the parts joined into one buffer (no copy for a single part). */
export function joinParts(parts: readonly Uint8Array[]): Uint8Array {
  return parts.length === 1 ? (parts[0] as Uint8Array) : Buffer.concat(parts);
}
