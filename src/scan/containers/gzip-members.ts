// SPDX-License-Identifier: Apache-2.0
import { isGzip } from './compression-sniff.js';
import { computeCrc32 } from './crc32.js';
import type { DecompressOptions, DecompressResult } from './decompress.js';
import { inflateBounded, joinParts } from './inflate.js';

/** FLG bits, RFC 1952 section 2.3.1. */
const FHCRC = 0x02;
const FEXTRA = 0x04;
const FNAME = 0x08;
const FCOMMENT = 0x10;
const FIXED_HEADER = 10;
const TRAILER = 8;

/**
 * Inflates every member of a gzip file (RFC 1952 section 2.2: members simply follow each other),
 * as CPython's gzip module does. Zero padding after the last member is ignored as CPython
 * ignores it; other trailing bytes are noted, since CPython raises only after handing over the data.
 */
export function gunzipBounded(input: Uint8Array, options: DecompressOptions): DecompressResult {
  const parts: Uint8Array[] = [];
  const notes: string[] = [];
  let total = 0;
  let offset = 0;
  while (offset < input.length) {
    options.checkDeadline?.();
    const rest = input.subarray(offset);
    if (!isGzip(rest)) {
      if (rest.some((b) => b !== 0)) notes.push(`${rest.length} bytes after the last gzip member at offset ${offset} are not a gzip member`);
      break;
    }
    const headerLength = measureHeader(rest);
    if (headerLength === undefined) return { status: 'corrupt', message: `gzip member header at offset ${offset} is truncated`, partial: joinParts(parts) };
    const outcome = inflateBounded(rest.subarray(headerLength), { format: 'raw', maxBytes: options.maxBytes - total, ...withDeadline(options) });
    if (outcome.status === 'too-large') return { status: 'too-large' };
    parts.push(outcome.data);
    total += outcome.data.length;
    if (outcome.status !== 'ok') return { status: 'corrupt', message: `gzip member at offset ${offset}: ${outcome.message ?? 'damaged'}`, partial: joinParts(parts) };
    const trailerAt = headerLength + outcome.consumed;
    checkTrailer({ trailer: rest.subarray(trailerAt, trailerAt + TRAILER), data: outcome.data, offset }, notes);
    offset += trailerAt + TRAILER;
  }
  if (parts.length === 0) return { status: 'corrupt', message: 'expected a gzip member, found none', partial: new Uint8Array(0) };
  return { status: 'ok', data: joinParts(parts), notes };
}

function withDeadline(options: DecompressOptions): { checkDeadline?: () => void } {
  return options.checkDeadline === undefined ? {} : { checkDeadline: options.checkDeadline };
}

/** @returns the length of the member header (RFC 1952 section 2.3), or undefined when it is cut short. */
function measureHeader(member: Uint8Array): number | undefined {
  const flags = member[3] ?? 0;
  let at = FIXED_HEADER;
  if (flags & FEXTRA) at += 2 + (member[at] ?? 0) + (member[at + 1] ?? 0) * 256;
  if (flags & FNAME) at = skipZeroTerminated(member, at);
  if (flags & FCOMMENT) at = skipZeroTerminated(member, at);
  if (flags & FHCRC) at += 2;
  return at <= member.length ? at : undefined;
}

function skipZeroTerminated(bytes: Uint8Array, at: number): number {
  const end = bytes.indexOf(0, at);
  return end < 0 ? bytes.length + 1 : end + 1;
}

/** CRC32 and ISIZE (RFC 1952 section 2.3.1); CPython raises on a mismatch, after the data was read. */
function checkTrailer(member: { readonly trailer: Uint8Array; readonly data: Uint8Array; readonly offset: number }, notes: string[]): void {
  const { trailer, data, offset } = member;
  if (trailer.length < TRAILER) {
    notes.push(`gzip member at offset ${offset} has no complete trailer`);
    return;
  }
  const view = new DataView(trailer.buffer, trailer.byteOffset, TRAILER);
  const crc = view.getUint32(0, true);
  const size = view.getUint32(4, true);
  if (crc !== computeCrc32(data) || size !== data.length % 0x100000000) {
    notes.push(`gzip member at offset ${offset} fails its crc or size check`);
  }
}
