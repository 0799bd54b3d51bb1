// SPDX-License-Identifier: Apache-2.0
import { LedgerError } from './errors.js';
import { parseNote, parseVerifierKey, toBase64Bytes, verifyNote } from './signed-note.js';
import type { LedgerSigner } from './signer.js';
import { MAX_TREE_SIZE } from './tree-math.js';

/**
 * A checkpoint (C2SP tlog-checkpoint): origin, tree size and root hash, carried as a C2SP signed
 * note. `text` is the whole signed note exactly as signed and stored.
 */
export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Uint8Array;
  readonly text: string;
}

function fail(message: string): never {
  throw new LedgerError('LEDGER_CHECKPOINT_INVALID', message);
}

/**
 * Reads the checkpoint body (c2sp.org/tlog-checkpoint): origin, decimal size, base64 root hash,
 * then optional extension lines, which are kept in the signed text but not interpreted.
 */
function parseBody(text: string): { origin: string; size: number; rootHash: Buffer } {
  const [origin, sizeText, rootText] = text.split('\n');
  if (origin === undefined || origin === '' || sizeText === undefined || rootText === undefined) fail('expected a checkpoint body of origin, size and root hash lines');
  // No leading zeros, no sign: one size has exactly one text form.
  if (!/^(0|[1-9][0-9]{0,15})$/.test(sizeText) || Number(sizeText) > MAX_TREE_SIZE) fail(`expected a decimal tree size, got ${JSON.stringify(sizeText.slice(0, 32))}`);
  const rootHash = toBase64Bytes(rootText);
  if (rootHash?.length !== 32) fail('expected a base64 sha-256 root hash on the third line');
  return { origin, size: Number(sizeText), rootHash };
}

/** @returns the unsigned checkpoint text for a tree. */
export function toCheckpointText(origin: string, size: number, rootHash: Uint8Array): string {
  return `${origin}\n${size}\n${Buffer.from(rootHash).toString('base64')}\n`;
}

/** @returns a checkpoint signed by `signer` as a C2SP signed note. */
export function signCheckpoint(origin: string, tree: { readonly size: number; readonly rootHash: Uint8Array }, signer: LedgerSigner): Checkpoint {
  const body = toCheckpointText(origin, tree.size, tree.rootHash);
  const keyIdAndSignature = Buffer.concat([Buffer.from(parseVerifierKey(signer.verifierKey).keyId.toString(16).padStart(8, '0'), 'hex'), signer.sign(Buffer.from(body, 'utf8'))]);
  const text = `${body}\n\u2014 ${signer.name} ${keyIdAndSignature.toString('base64')}\n`;
  return { origin, size: tree.size, rootHash: Buffer.from(tree.rootHash), text };
}

/**
 * Parses a checkpoint without checking its signature, for tools that must show what a bad
 * checkpoint claims. Never trust the result.
 * @returns the claimed checkpoint. @throws LedgerError LEDGER_CHECKPOINT_INVALID
 */
export function parseCheckpoint(note: string): Checkpoint {
  return { ...parseBody(parseNote(note).text), text: note };
}

/**
 * Verifies a signed checkpoint against a trusted verifier key, and its origin when given.
 * @returns the checkpoint it vouches for
 * @throws LedgerError LEDGER_CHECKPOINT_INVALID for a malformed note, a bad or missing signature
 * or another origin; LEDGER_LIMIT for an oversized note
 */
export function verifyCheckpoint(note: string, verifierKey: string, origin?: string): Checkpoint {
  const body = parseBody(verifyNote(note, parseVerifierKey(verifierKey)));
  if (origin !== undefined && body.origin !== origin) fail(`expected origin ${JSON.stringify(origin)}, got ${JSON.stringify(body.origin)}`);
  return { ...body, text: note };
}
