// SPDX-License-Identifier: Apache-2.0
import { Op, isOpcode } from './opcodes.js';

/** Opcodes a protocol 0/1 pickle commonly starts with (no PROTO opcode before protocol 2). */
const TEXT_STARTS = new Set<number>([
  Op.MARK, Op.GLOBAL, Op.EMPTY_LIST, Op.EMPTY_DICT, Op.EMPTY_TUPLE, Op.INT, Op.LONG, Op.FLOAT,
  Op.STRING, Op.UNICODE, Op.BININT, Op.BININT1, Op.BININT2, Op.NONE, Op.BINUNICODE, Op.SHORT_BINSTRING,
  Op.BINSTRING, Op.PERSID,
]);

/**
 * @returns true when `head` plausibly starts a pickle: PROTO 2-5, or a protocol 0/1 opcode whose
 * next bytes also decode as opcodes or operands. Used for sniffing and for nested payloads; the
 * machine itself decides what the bytes do.
 */
export function isPickleStart(head: Uint8Array): boolean {
  // A byte read as an opcode, to compare with Op's members; a byte that is none matches no test.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment
  const a = head[0] as Op | undefined;
  const b = head[1];
  if (a === undefined || b === undefined) return false;
  if (a === Op.PROTO) return b >= 2 && b <= 5 && (head.length < 3 || isOpcode(head[2] as number));
  if (!TEXT_STARTS.has(a)) return false;
  if (a === Op.GLOBAL) return isPrintableLine(head.subarray(1));
  if (a === Op.MARK || a === Op.EMPTY_LIST || a === Op.EMPTY_DICT || a === Op.EMPTY_TUPLE) return isOpcode(b);
  if (a === Op.INT || a === Op.LONG || a === Op.FLOAT) return b === 0x2d || (b >= 0x30 && b <= 0x39);
  if (a === Op.STRING) return b === 0x27 || b === 0x22;
  return head.length <= 64 || isOpcode(head[head.length - 1] as number);
}

function isPrintableLine(bytes: Uint8Array): boolean {
  const nl = bytes.indexOf(0x0a);
  if (nl <= 0) return false;
  for (let i = 0; i < nl; i++) {
    const c = bytes[i] as number;
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}
