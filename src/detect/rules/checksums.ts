// SPDX-License-Identifier: Apache-2.0
/** Checksums that separate real identifiers from look-alikes; all take ASCII strings. */

const CRC_TABLE = buildCrcTable();

function buildCrcTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/** @returns the CRC-32 (ISO-HDLC, as in zlib) of an ASCII string. */
export function toCrc32(text: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) crc = (CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** @returns `value` in base 62 (digits, upper, lower), left-padded with '0' to `width`. */
export function toBase62(value: number, width: number): string {
  let out = '';
  let rest = value;
  while (rest > 0) {
    out = BASE62.charAt(rest % 62) + out;
    rest = Math.floor(rest / 62);
  }
  return out.padStart(width, '0');
}

/**
 * GitHub (2021 format) and npm tokens end in six base62 characters holding the CRC-32 of the 30
 * random characters before them (github.blog, "Behind GitHub's new authentication token formats").
 * @returns true when `body` (random part + checksum, 36 characters) carries a valid checksum.
 */
export function hasTokenChecksum(body: string): boolean {
  if (body.length !== 36) return false;
  return toBase62(toCrc32(body.slice(0, 30)), 6) === body.slice(30);
}

/** @returns true when the digits (separators ignored) pass the Luhn mod-10 check (ISO/IEC 7812-1). */
export function hasLuhn(text: string): boolean {
  let sum = 0;
  let double = false;
  let digits = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) continue;
    let v = double ? d * 2 : d;
    if (v > 9) v -= 9;
    sum += v;
    double = !double;
    digits++;
  }
  return digits > 0 && sum % 10 === 0;
}

/** @returns true when an IBAN (spaces ignored) passes the ISO 13616 mod-97 check (remainder 1). */
export function hasIbanChecksum(iban: string): boolean {
  const compact = iban.replace(/ /g, '').toUpperCase();
  const rotated = compact.slice(4) + compact.slice(0, 4);
  let rest = 0;
  for (let i = 0; i < rotated.length; i++) {
    const c = rotated.charCodeAt(i);
    if (c >= 48 && c <= 57) rest = (rest * 10 + (c - 48)) % 97;
    else if (c >= 65 && c <= 90) rest = (rest * 100 + (c - 55)) % 97;
    else return false;
  }
  return rest === 1;
}

/** @returns Shannon entropy in bits per character of `text[start, end)`. */
export function toEntropy(text: string, start: number, end: number): number {
  const counts = new Uint16Array(128);
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) { counts[c] = (counts[c] ?? 0) + 1; n++; }
  }
  if (n === 0) return 0;
  let h = 0;
  for (const k of counts) if (k) { const p = k / n; h -= p * Math.log2(p); }
  return h;
}
