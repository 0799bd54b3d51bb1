// SPDX-License-Identifier: Apache-2.0
import { timingSafeEqual } from 'node:crypto';
import { LedgerError } from './errors.js';
import { hashChildren } from './merkle-hash.js';
import type { ConsistencyProof, InclusionProof } from './proof.js';
import { MAX_TREE_SIZE, isOdd, isPowerOfTwo, toHalf } from './tree-math.js';

const HASH_BYTES = 32;
/** A tree of at most 2^53 leaves has paths of at most 53 hashes, consistency proofs at most 2·53. */
const MAX_PATH = 2 * 53;

function fail(message: string): never {
  throw new LedgerError('LEDGER_PROOF_INVALID', message);
}

function checkHash(hash: Uint8Array, what: string): void {
  if (hash.length !== HASH_BYTES) fail(`expected a ${HASH_BYTES}-byte ${what}, got ${hash.length} bytes`);
}

function checkSize(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0 || value > MAX_TREE_SIZE) fail(`expected ${what} to be a non-negative integer, got ${value}`);
}

function checkPath(path: readonly Uint8Array[]): void {
  if (path.length > MAX_PATH) fail(`expected a path of at most ${MAX_PATH} hashes, got ${path.length}`);
  for (const hash of path) checkHash(hash, 'path hash');
}

function isSameHash(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Recomputes the root from a leaf hash and its audit path (RFC 9162 §2.1.3.2).
 * @returns the root hash the proof commits to
 * @throws LedgerError LEDGER_PROOF_INVALID when the path has the wrong shape for index and size
 */
export function toRootFromInclusion(leafHash: Uint8Array, proof: InclusionProof): Buffer {
  checkHash(leafHash, 'leaf hash');
  checkSize(proof.index, 'index');
  checkSize(proof.size, 'size');
  checkPath(proof.path);
  if (proof.index >= proof.size) fail(`expected index below size ${proof.size}, got ${proof.index}`);
  let fn = proof.index;
  let sn = proof.size - 1;
  let r: Buffer = Buffer.from(leafHash);
  for (const p of proof.path) {
    if (sn === 0) fail(`expected ${proof.path.length - 1} or fewer path hashes for index ${proof.index} of ${proof.size}`);
    if (isOdd(fn) || fn === sn) {
      r = hashChildren(p, r);
      while (!isOdd(fn) && fn !== 0) [fn, sn] = [toHalf(fn), toHalf(sn)];
    } else {
      r = hashChildren(r, p);
    }
    [fn, sn] = [toHalf(fn), toHalf(sn)];
  }
  if (sn !== 0) fail(`expected more than ${proof.path.length} path hashes for index ${proof.index} of ${proof.size}`);
  return r;
}

/**
 * Checks that `leafHash` is at `proof.index` in the tree of `proof.size` whose root is `rootHash`
 * (RFC 9162 §2.1.3.2). Needs no store.
 * @returns nothing when the proof holds
 * @throws LedgerError LEDGER_PROOF_INVALID when it does not
 */
export function verifyInclusion(leafHash: Uint8Array, proof: InclusionProof, rootHash: Uint8Array): void {
  checkHash(rootHash, 'root hash');
  const computed = toRootFromInclusion(leafHash, proof);
  if (!isSameHash(computed, rootHash)) fail(`expected the path to lead to root ${Buffer.from(rootHash).toString('hex')}, got ${computed.toString('hex')}`);
}

interface Roots {
  readonly fromRoot: Uint8Array;
  readonly toRoot: Uint8Array;
}

function checkTrivialConsistency(proof: ConsistencyProof, roots: Roots): boolean {
  if (proof.fromSize > proof.toSize) fail(`expected fromSize ≤ toSize, got ${proof.fromSize} > ${proof.toSize}`);
  if (proof.fromSize !== proof.toSize && proof.fromSize !== 0) return false;
  // Equal sizes need equal roots and an empty proof; every tree extends the empty tree.
  if (proof.path.length !== 0) fail(`expected an empty proof from ${proof.fromSize} to ${proof.toSize}, got ${proof.path.length} hashes`);
  if (proof.fromSize === proof.toSize && !isSameHash(roots.fromRoot, roots.toRoot)) fail(`expected equal roots for equal sizes ${proof.toSize}`);
  return true;
}

/** RFC 9162 §2.1.4.2 steps 3-7: fold the path into both roots. */
function toConsistencyRoots(proof: ConsistencyProof, path: readonly Uint8Array[]): [Buffer, Buffer, number] {
  let fn = proof.fromSize - 1;
  let sn = proof.toSize - 1;
  while (isOdd(fn)) [fn, sn] = [toHalf(fn), toHalf(sn)];
  const [first, ...rest] = path;
  if (first === undefined) fail('expected a non-empty consistency proof, got none');
  let fr: Buffer = Buffer.from(first);
  let sr: Buffer = Buffer.from(first);
  for (const c of rest) {
    if (sn === 0) fail(`expected fewer hashes in the consistency proof from ${proof.fromSize} to ${proof.toSize}`);
    if (isOdd(fn) || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      while (!isOdd(fn) && fn !== 0) [fn, sn] = [toHalf(fn), toHalf(sn)];
    } else {
      sr = hashChildren(sr, c);
    }
    [fn, sn] = [toHalf(fn), toHalf(sn)];
  }
  return [fr, sr, sn];
}

/**
 * Checks that the tree of `proof.toSize` with root `toRoot` extends the tree of `proof.fromSize`
 * with root `fromRoot` (RFC 9162 §2.1.4.2). Needs no store.
 * @returns nothing when the proof holds
 * @throws LedgerError LEDGER_PROOF_INVALID when it does not
 */
export function verifyConsistency(proof: ConsistencyProof, fromRoot: Uint8Array, toRoot: Uint8Array): void {
  checkSize(proof.fromSize, 'fromSize');
  checkSize(proof.toSize, 'toSize');
  checkHash(fromRoot, 'old root hash');
  checkHash(toRoot, 'new root hash');
  checkPath(proof.path);
  if (checkTrivialConsistency(proof, { fromRoot, toRoot })) return;
  // Step 2: when the old tree is a perfect subtree its root is not repeated in the proof.
  const path = isPowerOfTwo(proof.fromSize) ? [fromRoot, ...proof.path] : proof.path;
  if (proof.path.length === 0) fail(`expected a non-empty consistency proof from ${proof.fromSize} to ${proof.toSize}, got none`);
  const [fr, sr, sn] = toConsistencyRoots(proof, path);
  if (sn !== 0) fail(`expected more hashes in the consistency proof from ${proof.fromSize} to ${proof.toSize}`);
  if (!isSameHash(fr, fromRoot)) fail(`expected the proof to rebuild old root ${Buffer.from(fromRoot).toString('hex')}, got ${fr.toString('hex')}`);
  if (!isSameHash(sr, toRoot)) fail(`expected the proof to rebuild new root ${Buffer.from(toRoot).toString('hex')}, got ${sr.toString('hex')}`);
}
