// SPDX-License-Identifier: Apache-2.0
import { createHash, hash } from 'node:crypto';
import { MAX_ENTRY_BYTES, canonicalizeJson } from './canonical-json.js';
import { LedgerError } from './errors.js';

/** RFC 9162 §2.1.1 domain separation: 0x00 before leaf data, 0x01 before two child hashes. */
const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;
/** Reused input of every node hash: one-shot hashing of a fixed buffer allocates nothing else. */
const NODE_INPUT = Buffer.alloc(65);

/** SHA-256 of the empty string: the root hash of the empty tree (RFC 9162 §2.1.1). */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

/** @returns SHA-256(0x00 || data), the RFC 9162 leaf hash. */
export function hashLeaf(data: Uint8Array): Buffer {
  const input = Buffer.allocUnsafe(data.length + 1);
  input[0] = LEAF_PREFIX;
  input.set(data, 1);
  return hash('sha256', input, 'buffer');
}

/** @returns SHA-256(0x01 || left || right), the RFC 9162 interior node hash. */
export function hashChildren(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.length !== 32 || right.length !== 32) return createHash('sha256').update(Buffer.of(NODE_PREFIX)).update(left).update(right).digest();
  NODE_INPUT[0] = NODE_PREFIX;
  NODE_INPUT.set(left, 1);
  NODE_INPUT.set(right, 33);
  return hash('sha256', NODE_INPUT, 'buffer');
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

/**
 * @returns an entry's stored bytes and leaf hash, from one buffer holding 0x00 then the canonical
 * JSON, so appending copies each entry once. @throws as toEntryBytes
 */
export function toHashedEntry(entry: unknown): { readonly body: Buffer; readonly leaf: Buffer } {
  const text = canonicalizeJson(entry);
  const length = Buffer.byteLength(text, 'utf8');
  if (length > MAX_ENTRY_BYTES) throw new LedgerError('LEDGER_LIMIT', `expected an entry of at most ${MAX_ENTRY_BYTES} bytes, got ${length}`);
  const input = Buffer.allocUnsafe(length + 1);
  input[0] = LEAF_PREFIX;
  input.write(text, 1, 'utf8');
  return { body: input.subarray(1), leaf: hash('sha256', input, 'buffer') };
}

/** @returns the leaf hash of a JSON entry, as the ledger stores it. @throws as toEntryBytes */
export function toLeafHash(entry: unknown): Buffer {
  return hashLeaf(toEntryBytes(entry));
}
