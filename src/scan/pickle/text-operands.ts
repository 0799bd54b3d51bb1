// SPDX-License-Identifier: Apache-2.0
import { ScanError } from '../errors.js';

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');

function fail(what: string, line: Uint8Array): never {
  throw new ScanError('SCAN_MALFORMED', `${what}: ${JSON.stringify(latin1.decode(line.subarray(0, 40)))}`);
}

/** @returns a protocol-0 INT/LONG operand: bools for "00"/"01" (INT only), else an integer. */
export function toIntOperand(line: Uint8Array, isLong: boolean): number | bigint | boolean {
  let text = latin1.decode(line).trim();
  if (!isLong && text === '00') return false;
  if (!isLong && text === '01') return true;
  if (isLong && text.endsWith('L')) text = text.slice(0, -1);
  if (!/^[+-]?\d+$/.test(text)) fail('invalid integer operand', line);
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : BigInt(text);
}

/** @returns a protocol-0 FLOAT operand. */
export function toFloatOperand(line: Uint8Array): number {
  const text = latin1.decode(line).trim();
  const n = Number(text);
  if (Number.isNaN(n) && !/^[+-]?nan$/i.test(text)) fail('invalid float operand', line);
  return n;
}

/** @returns a memo index from a GET/PUT text operand. */
export function toMemoIndex(line: Uint8Array): number {
  const text = latin1.decode(line);
  if (!/^\d{1,10}$/.test(text)) fail('invalid memo index', line);
  return Number(text);
}

/** @returns a GLOBAL/INST name line as Python reads it (UTF-8). */
export function toNameOperand(line: Uint8Array): string {
  return utf8.decode(line);
}

/**
 * Decodes a STRING operand the way CPython's load_string does: the repr must be quoted with
 * matching quotes, then codecs.escape_decode applies (backslash escapes, \xhh, octal).
 */
export function toStringOperand(line: Uint8Array): string {
  const n = line.length;
  const q = line[0];
  if (n < 2 || (q !== 0x22 && q !== 0x27) || line[n - 1] !== q) fail('the STRING opcode argument must be quoted', line);
  const out: number[] = [];
  for (let i = 1; i < n - 1; i++) {
    const c = line[i] as number;
    if (c !== 0x5c || i + 1 >= n - 1) {
      out.push(c);
      continue;
    }
    const e = line[++i] as number;
    const simple: Record<number, number> = { 0x6e: 10, 0x74: 9, 0x72: 13, 0x5c: 0x5c, 0x27: 0x27, 0x22: 0x22, 0x61: 7, 0x62: 8, 0x66: 12, 0x76: 11, 0x0a: -1 };
    if (e in simple) {
      const v = simple[e] as number;
      if (v >= 0) out.push(v);
    } else if (e === 0x78) {
      const hex = latin1.decode(line.subarray(i + 1, i + 3));
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) fail('invalid \\x escape in STRING operand', line);
      out.push(parseInt(hex, 16));
      i += 2;
    } else if (e >= 0x30 && e <= 0x37) {
      let j = i;
      while (j < i + 3 && j < n - 1 && (line[j] as number) >= 0x30 && (line[j] as number) <= 0x37) j++;
      out.push(parseInt(latin1.decode(line.subarray(i, j)), 8) & 0xff);
      i = j - 1;
    } else {
      out.push(0x5c, e);
    }
  }
  return latin1.decode(Uint8Array.from(out));
}

/** Decodes a UNICODE operand: raw-unicode-escape, i.e. latin-1 with \uXXXX and \UXXXXXXXX. */
export function toUnicodeOperand(line: Uint8Array): string {
  const text = latin1.decode(line);
  return text.replace(/\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})/g, (_m, u4: string | undefined, u8: string | undefined) => {
    const cp = parseInt(u4 ?? u8 ?? '0', 16);
    if (cp > 0x10ffff) fail('invalid \\U escape in UNICODE operand', line);
    return String.fromCodePoint(cp);
  });
}

/** @returns a little-endian two's-complement integer (LONG1/LONG4 operands). */
export function toLongOperand(bytes: Uint8Array): number | bigint {
  if (bytes.length === 0) return 0;
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i] as number);
  if (((bytes[bytes.length - 1] as number) & 0x80) !== 0) n -= 1n << BigInt(bytes.length * 8);
  return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
}
