// SPDX-License-Identifier: Apache-2.0
import { LedgerError } from './errors.js';
import { hasLoneSurrogate } from './text-checks.js';

/** Nesting accepted in one entry; deeper values are refused rather than recursed into. */
const MAX_DEPTH = 64;
/** Largest canonical form of one entry (1 MiB): an audit record, not a payload store. */
export const MAX_ENTRY_BYTES = 1024 * 1024;

/** @returns the JSON text of a string, or undefined when it holds a lone surrogate. */
function toQuotedText(value: string): string | undefined {
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x22 || code === 0x5c || (code >= 0xd800 && code <= 0xdfff)) {
      // RFC 8785 §3.2.2.2: strings without a UTF-8 form are rejected, not replaced.
      // ECMAScript JSON.stringify escapes exactly as RFC 8785 §3.2.2.2 prescribes.
      return hasLoneSurrogate(value) ? undefined : JSON.stringify(value);
    }
  }
  // Nothing to escape: exactly what JSON.stringify returns, without its per-call cost.
  return '"' + value + '"';
}

function toStringText(value: string): string {
  const text = toQuotedText(value);
  if (text === undefined) throw new LedgerError('LEDGER_ENTRY_INVALID', 'expected well-formed unicode, got a lone surrogate');
  return text;
}

function toNumberText(value: number): string {
  if (!Number.isFinite(value)) throw new LedgerError('LEDGER_ENTRY_INVALID', `expected a finite number, got ${String(value)}`);
  // RFC 8785 §3.2.2.3: the ECMAScript Number serialisation, with -0 written as 0. JSON.stringify
  // of a finite number is defined as ToString (ECMA-262 SerializeJSONProperty), which String() is.
  return String(value);
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * The member names of objects built alike, sorted once, with their quoted `"name":` prefixes
 * (undefined for a name with a lone surrogate, refused only if its member is written).
 */
interface Shape {
  readonly keys: readonly string[];
  readonly sorted: readonly string[];
  readonly heads: readonly (string | undefined)[];
}

/** Shapes remembered: entries of one kind share a few, so sorting and quoting is done once per shape. */
const SHAPES: Shape[] = [];
const MAX_SHAPES = 16;
/** Larger shapes are sorted each time rather than kept alive by the cache. */
const MAX_SHAPE_KEYS = 64;
const MAX_SHAPE_CHARS = 4096;
let nextShape = 0;

function isSameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

function toShape(keys: string[]): Shape {
  for (const shape of SHAPES) if (isSameKeys(shape.keys, keys)) return shape;
  // RFC 8785 §3.2.3: members sorted by the UTF-16 code units of their names, which is what the
  // default comparison of JavaScript strings does.
  const sorted = [...keys].sort();
  const heads = sorted.map((key) => {
    const quoted = toQuotedText(key);
    return quoted === undefined ? undefined : quoted + ':';
  });
  const shape: Shape = { keys, sorted, heads };
  if (keys.length <= MAX_SHAPE_KEYS && heads.reduce((sum, head) => sum + (head?.length ?? 0), 0) <= MAX_SHAPE_CHARS) {
    SHAPES[nextShape] = shape;
    nextShape = (nextShape + 1) % MAX_SHAPES;
  }
  return shape;
}

function toObjectText(value: Record<string, unknown>, depth: number): string {
  const { sorted, heads } = toShape(Object.keys(value));
  // Built by concatenation: this runs per entry.
  let text = '{';
  for (let i = 0; i < sorted.length; i += 1) {
    const member = value[sorted[i] as string];
    if (member === undefined) continue;
    const head = heads[i];
    if (head === undefined) throw new LedgerError('LEDGER_ENTRY_INVALID', 'expected well-formed unicode, got a lone surrogate');
    if (text.length > 1) text += ',';
    text += head + toCanonicalText(member, depth + 1);
  }
  return text + '}';
}

function toArrayText(value: readonly unknown[], depth: number): string {
  let text = '[';
  for (let i = 0; i < value.length; i += 1) {
    if (i > 0) text += ',';
    text += toCanonicalText(value[i] ?? null, depth + 1);
  }
  return text + ']';
}

function toCanonicalText(value: unknown, depth: number): string {
  if (depth > MAX_DEPTH) throw new LedgerError('LEDGER_LIMIT', `expected nesting of at most ${MAX_DEPTH}, got deeper`);
  if (value === null || value === true || value === false) return String(value);
  if (typeof value === 'string') return toStringText(value);
  if (typeof value === 'number') return toNumberText(value);
  if (Array.isArray(value)) return toArrayText(value, depth);
  if (typeof value === 'object' && isPlainObject(value)) return toObjectText(value, depth);
  const name = typeof value === 'object' ? (value as { constructor?: { name?: unknown } }).constructor?.name : undefined;
  const kind = typeof name === 'string' ? name : typeof value;
  throw new LedgerError('LEDGER_ENTRY_INVALID', `expected JSON data (null, boolean, number, string, array, plain object), got ${kind}`);
}

/**
 * Canonical JSON (RFC 8785, JCS) of a JSON-like value: sorted members, no whitespace, ECMAScript
 * number and string forms. Object members whose value is undefined are dropped, as JSON.stringify
 * does; undefined array items become null.
 * @returns the canonical text
 * @throws LedgerError LEDGER_ENTRY_INVALID for values JSON cannot hold, LEDGER_LIMIT past 64 levels
 */
export function canonicalizeJson(value: unknown): string {
  return toCanonicalText(value, 0);
}
