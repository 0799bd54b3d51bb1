// SPDX-License-Identifier: Apache-2.0
import { createHash, hash } from 'node:crypto';
import { MAX_ENTRY_BYTES, canonicalizeJson } from './canonical-json.js';
import { LedgerError } from './errors.js';

/** RFC 9162 §2.1.1 domain separation: 0x00 before leaf data, 0x01 before two child hashes. */
const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;
/** The leaf prefix as text, for hashing an entry straight from its canonical JSON. */
const LEAF_PREFIX_TEXT = '\u0000';
/** Reused input of every node hash: one-shot hashing of a fixed buffer allocates nothing else. */
const NODE_INPUT = Buffer.alloc(65);

/**
 * @returns SHA-256 of `input` (a string is hashed as UTF-8). A digest asked for as a Buffer gets
 * an ArrayBuffer of its own, which costs more than the hashing; as latin1 text it is copied into
 * Buffer's shared pool instead, about twice as cheap per hash.
 */
function toDigest(input: string | Uint8Array): Buffer {
  // 'binary' is Node's name for latin1: one character per byte.
  return Buffer.from(hash('sha256', input, 'binary'), 'latin1');
}

/** SHA-256 of the empty string: the root hash of the empty tree (RFC 9162 §2.1.1). */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

/** @returns SHA-256(0x00 || data), the RFC 9162 leaf hash. */
export function hashLeaf(data: Uint8Array): Buffer {
  const input = Buffer.allocUnsafe(data.length + 1);
  input[0] = LEAF_PREFIX;
  input.set(data, 1);
  return toDigest(input);
}

/** @returns SHA-256(0x01 || left || right), the RFC 9162 interior node hash. */
export function hashChildren(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.length !== 32 || right.length !== 32) return createHash('sha256').update(Buffer.of(NODE_PREFIX)).update(left).update(right).digest();
  NODE_INPUT[0] = NODE_PREFIX;
  NODE_INPUT.set(left, 1);
  NODE_INPUT.set(right, 33);
  return toDigest(NODE_INPUT);
}

/**
 * @returns the UTF-8 canonical JSON (RFC 8785) of `entry`: the exact bytes a leaf hashes.
 * @throws LedgerError LEDGER_ENTRY_INVALID, LEDGER_LIMIT when larger than 1 MiB
 */
export function toEntryBytes(entry: unknown): Buffer {
  const bytes = Buffer.from(canonicalizeJson(entry), 'utf8');
  if (bytes.length > MAX_ENTRY_BYTES) {
    throw new LedgerError('LEDGER_LIMIT', `expected an entry of at most ${MAX_ENTRY_BYTES} bytes, got ${bytes.length}`);
  }
  return bytes;
}

/** An entry as stored: its canonical JSON bytes and its leaf hash. */
export interface HashedEntry {
  readonly body: Buffer;
  readonly leaf: Buffer;
}

/**
 * @returns an entry's stored bytes and leaf hash. The hash is taken from the canonical text (which
 * crypto encodes as the same UTF-8), not from a prefixed copy of the bytes.
 * @throws as toEntryBytes
 */
export function toHashedEntry(entry: unknown): HashedEntry {
  const text = canonicalizeJson(entry);
  const body = Buffer.from(text, 'utf8');
  if (body.length > MAX_ENTRY_BYTES) throw new LedgerError('LEDGER_LIMIT', `expected an entry of at most ${MAX_ENTRY_BYTES} bytes, got ${body.length}`);
  return { body, leaf: toDigest(LEAF_PREFIX_TEXT + text) };
}

/** @returns the leaf hash of a JSON entry, as the ledger stores it. @throws as toEntryBytes */
export function toLeafHash(entry: unknown): Buffer {
  return hashLeaf(toEntryBytes(entry));
}
