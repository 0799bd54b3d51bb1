// SPDX-License-Identifier: Apache-2.0
import { LedgerError } from './errors.js';
import { hasLoneSurrogate } from './text-checks.js';

/** Nesting accepted in one entry; deeper values are refused rather than recursed into. */
const MAX_DEPTH = 64;
/** Largest canonical form of one entry (1 MiB): an audit record, not a payload store. */
export const MAX_ENTRY_BYTES = 1024 * 1024;

function toStringText(value: string): string {
  // RFC 8785 §3.2.2.2: strings without a UTF-8 form are rejected, not replaced.
  if (hasLoneSurrogate(value)) throw new LedgerError('LEDGER_ENTRY_INVALID', 'expected well-formed unicode, got a lone surrogate');
  // ECMAScript JSON.stringify escapes exactly as RFC 8785 §3.2.2.2 prescribes.
  return JSON.stringify(value);
}

function toNumberText(value: number): string {
  if (!Number.isFinite(value)) throw new LedgerError('LEDGER_ENTRY_INVALID', `expected a finite number, got ${String(value)}`);
  // RFC 8785 §3.2.2.3: the ECMAScript Number serialisation, with -0 written as 0.
  return JSON.stringify(value);
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function toObjectText(value: Record<string, unknown>, depth: number): string {
  // RFC 8785 §3.2.3: members sorted by the UTF-16 code units of their names, which is what the
  // default comparison of JavaScript strings does. Built by concatenation: this runs per entry.
  const keys = Object.keys(value).sort();
  let text = '{';
  for (const key of keys) {
    const member = value[key];
    if (member === undefined) continue;
    if (text.length > 1) text += ',';
    text += toStringText(key) + ':' + toCanonicalText(member, depth + 1);
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
