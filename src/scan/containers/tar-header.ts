// SPDX-License-Identifier: Apache-2.0
import { ScanError } from '../errors.js';

export const BLOCK = 512;

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** A 512-byte header block (POSIX.1-2017 pax, "ustar Interchange Format"; GNU tar manual "Standard"). */
export interface TarHeader {
  readonly name: string;
  readonly linkName: string;
  readonly size: number;
  readonly type: string;
}

/** @returns true when every byte of the block is zero (an end-of-archive block). */
export function isZeroBlock(block: Uint8Array): boolean {
  return block.every((b) => b === 0);
}

/**
 * @returns true when the stored checksum matches the header, summed with the checksum field as
 * spaces, unsigned or signed (old Sun and GNU tars summed signed bytes; CPython accepts both).
 */
export function hasValidChecksum(block: Uint8Array): boolean {
  if (block.length < BLOCK) return false;
  // Sniffing runs this on the first block of every file: no exceptions on the common path.
  const stored = readNumber(block.subarray(148, 156));
  if (typeof stored === 'string') return false;
  let unsigned = 8 * 0x20;
  let signed = 8 * 0x20;
  for (let i = 0; i < BLOCK; i++) {
    if (i >= 148 && i < 156) continue;
    const byte = block[i] as number;
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  return stored === unsigned || stored === signed;
}

/**
 * Parses a numeric field: octal digits padded with spaces or NULs, or GNU base-256 when the top
 * bit of the first byte is set.
 * @throws ScanError SCAN_MALFORMED for any other content or a negative base-256 value.
 */
export function parseNumber(field: Uint8Array): number {
  const value = readNumber(field);
  if (typeof value === 'string') throw new ScanError('SCAN_MALFORMED', value);
  return value;
}

/** @returns the field's value, or why it is not a number. */
function readNumber(field: Uint8Array): number | string {
  const first = field[0] ?? 0;
  if (first & 0x80) {
    if (first === 0xff) return 'expected a non-negative base-256 number in a tar header';
    let value = first & 0x7f;
    for (const byte of field.subarray(1)) value = value * 256 + byte;
    return value;
  }
  const text = utf8.decode(field).replace(/\0.*$/s, '').trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) return `expected octal digits in a tar header field, found "${text.slice(0, 16)}"`;
  return parseInt(text, 8);
}

/** @returns the text of a NUL-terminated field. */
export function toFieldText(field: Uint8Array): string {
  const end = field.indexOf(0);
  return utf8.decode(end < 0 ? field : field.subarray(0, end));
}

/**
 * @throws ScanError SCAN_MALFORMED for a bad numeric field.
 * @returns the header's fields; the ustar prefix (offset 345) is joined to the name only for
 * POSIX "ustar\0" headers, since GNU headers keep other data there.
 */
export function parseHeader(block: Uint8Array): TarHeader {
  const name = toFieldText(block.subarray(0, 100));
  const isPosix = toFieldText(block.subarray(257, 263)) === 'ustar' && block[262] === 0;
  const prefix = isPosix ? toFieldText(block.subarray(345, 500)) : '';
  return {
    name: prefix === '' ? name : `${prefix}/${name}`,
    linkName: toFieldText(block.subarray(157, 257)),
    size: parseNumber(block.subarray(124, 136)),
    type: String.fromCharCode(block[156] ?? 0),
  };
}

/**
 * Parses pax extended header records, "LENGTH KEY=VALUE\n" (POSIX.1-2017 pax, "pax Extended Header").
 * @throws ScanError SCAN_MALFORMED for a record that breaks that form.
 */
export function parsePaxRecords(data: Uint8Array): Map<string, string> {
  const records = new Map<string, string>();
  let at = 0;
  while (at < data.length && data[at] !== 0) {
    const space = data.indexOf(0x20, at);
    const length = space < 0 ? NaN : Number(utf8.decode(data.subarray(at, space)));
    if (!Number.isInteger(length) || length <= space - at || at + length > data.length || data[at + length - 1] !== 0x0a) {
      throw new ScanError('SCAN_MALFORMED', `expected a pax record "length key=value\\n" at offset ${at} of the extended header`);
    }
    const record = utf8.decode(data.subarray(space + 1, at + length - 1));
    const equals = record.indexOf('=');
    if (equals > 0) records.set(record.slice(0, equals), record.slice(equals + 1));
    at += length;
  }
  return records;
}
