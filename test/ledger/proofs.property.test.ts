// SPDX-License-Identifier: Apache-2.0
// For random sizes m ≤ n: every inclusion and consistency proof verifies, and every single-bit
// change to a proof, a leaf or a root fails. Checked against a naive RFC 9162 §2.1.1 reference,
// on the pure proof code and on proofs read from a stored log.
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  canonicalizeJson, hashChildren, hashLeaf, openLedger, openSigner, toLeafHash, verifyConsistency, verifyInclusion, type Ledger,
} from '../../src/ledger/index.js';
import { CompactRange } from '../../src/ledger/compact-range.js';
import { toConsistencyRanges, toInclusionRanges, toSplitPoint } from '../../src/ledger/tree-math.js';
import { openStore, type Store } from '../../src/store/index.js';
import { FUZZ_RUNS, FUZZ_TIME_MS } from '../support/fuzz.js';
import { toKeyDir } from './support/backends.js';

/** MTH(D[start:end]) computed straight from the definition, recursively. */
function toReferenceHash(leaves: readonly Buffer[], start: number, end: number): Buffer {
  if (end - start === 1) return leaves[start] ?? Buffer.alloc(32);
  const k = toSplitPoint(end - start);
  return hashChildren(toReferenceHash(leaves, start, start + k), toReferenceHash(leaves, start + k, end));
}

function flipBit(bytes: Uint8Array, bit: number): Buffer {
  const copy = Buffer.from(bytes);
  const at = Math.floor(bit / 8) % copy.length;
  copy[at] = (copy[at] ?? 0) ^ (1 << (bit % 8));
  return copy;
}

function expectProofInvalid(check: () => void): void {
  expect(check).toThrow(expect.objectContaining({ code: 'LEDGER_PROOF_INVALID' }) as Error);
}

const leavesOf = (n: number): Buffer[] => Array.from({ length: n }, (_, i) => hashLeaf(Buffer.from(`leaf ${i}`)));
const CASE = fc.integer({ min: 1, max: 300 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 1, max: n }), fc.nat({ max: n - 1 }), fc.nat({ max: 1 << 20 })));

describe('merkle proofs (property)', () => {
  it('match the reference tree, verify, and fail on any single-bit change', () => {
    fc.assert(fc.property(CASE, ([n, m, rawIndex, bit]) => {
      const leaves = leavesOf(n);
      const range = CompactRange.empty();
      for (const leaf of leaves) range.push(leaf);
      const root = toReferenceHash(leaves, 0, n);
      expect(range.rootHash().equals(root)).toBe(true);
      const index = rawIndex % m;
      const oldRoot = toReferenceHash(leaves, 0, m);
      const inclusion = { index, size: m, path: toInclusionRanges(index, m).map(([a, b]) => toReferenceHash(leaves, a, b)) };
      const leaf = leaves[index] ?? Buffer.alloc(32);
      verifyInclusion(leaf, inclusion, oldRoot);
      expectProofInvalid(() => { verifyInclusion(flipBit(leaf, bit), inclusion, oldRoot); });
      expectProofInvalid(() => { verifyInclusion(leaf, inclusion, flipBit(oldRoot, bit)); });
      if (inclusion.path.length > 0) {
        const at = bit % inclusion.path.length;
        expectProofInvalid(() => { verifyInclusion(leaf, { ...inclusion, path: inclusion.path.map((p, i) => (i === at ? flipBit(p, bit) : p)) }, oldRoot); });
      }
      const consistency = { fromSize: m, toSize: n, path: m === n ? [] : toConsistencyRanges(m, n).map(([a, b]) => toReferenceHash(leaves, a, b)) };
      verifyConsistency(consistency, oldRoot, root);
      expectProofInvalid(() => { verifyConsistency(consistency, flipBit(oldRoot, bit), root); });
      expectProofInvalid(() => { verifyConsistency(consistency, oldRoot, flipBit(root, bit)); });
      if (consistency.path.length > 0) {
        const at = bit % consistency.path.length;
        expectProofInvalid(() => { verifyConsistency({ ...consistency, path: consistency.path.map((p, i) => (i === at ? flipBit(p, bit) : p)) }, oldRoot, root); });
      }
    }), { numRuns: FUZZ_RUNS, interruptAfterTimeLimit: FUZZ_TIME_MS });
  });

  it('canonical JSON is stable under a parse round trip and member order', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      const text = canonicalizeJson(value);
      expect(canonicalizeJson(JSON.parse(text))).toBe(text);
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        const reversed = Object.fromEntries(Object.entries(value).reverse());
        expect(canonicalizeJson(reversed)).toBe(text);
      }
    }), { numRuns: FUZZ_RUNS, interruptAfterTimeLimit: FUZZ_TIME_MS });
  });
});

describe('stored proofs (property)', () => {
  const stores: Store[] = [];
  afterAll(async () => { for (const store of stores) await store.close(); });

  /** One stored log of 300 random entries, appended in random batch sizes. */
  async function openLog(): Promise<{ ledger: Ledger; entries: unknown[] }> {
    const store = await openStore('sqlite::memory:');
    stores.push(store);
    const ledger = await openLedger({ store, signer: await openSigner({ dir: toKeyDir(), name: 'citadel.test/property' }), origin: 'citadel.test/property', checkpoint: 'manual' });
    const entries = Array.from({ length: 300 }, (_, i) => ({ i, r: randomBytes(6).toString('hex') }));
    for (let at = 0; at < entries.length;) {
      const count = 1 + (randomBytes(1)[0] ?? 0) % 40;
      await ledger.append(entries.slice(at, at + count));
      at += count;
    }
    return { ledger, entries };
  }

  it('prove inclusion and consistency for random m ≤ n from stored nodes, and fail on any bit flip', async () => {
    const { ledger, entries } = await openLog();
    await fc.assert(fc.asyncProperty(CASE.filter(([n]) => n <= entries.length), async ([n, m, rawIndex, bit]) => {
      const index = rawIndex % m;
      const [oldRoot, root] = [await ledger.rootHash(m), await ledger.rootHash(n)];
      const leaf = toLeafHash(entries[index]);
      const inclusion = await ledger.proveInclusion(index, m);
      verifyInclusion(leaf, inclusion, oldRoot);
      expectProofInvalid(() => { verifyInclusion(flipBit(leaf, bit), inclusion, oldRoot); });
      const consistency = await ledger.proveConsistency(m, n);
      verifyConsistency(consistency, oldRoot, root);
      expectProofInvalid(() => { verifyConsistency(consistency, oldRoot, flipBit(root, bit)); });
      if (consistency.path.length > 0) {
        const at = bit % consistency.path.length;
        expectProofInvalid(() => { verifyConsistency({ ...consistency, path: consistency.path.map((p, i) => (i === at ? flipBit(p, bit) : p)) }, oldRoot, root); });
      }
    }), { numRuns: Math.min(FUZZ_RUNS, 500), interruptAfterTimeLimit: FUZZ_TIME_MS });
  });
});
