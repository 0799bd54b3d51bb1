// SPDX-License-Identifier: Apache-2.0
import { LedgerError } from './errors.js';
import type { NodeReader } from './node-reader.js';
import type { ConsistencyProof, InclusionProof } from './proof.js';
import { toConsistencyRanges, toInclusionRanges } from './tree-math.js';
import { verifyConsistency } from './verify-proof.js';

/** @returns the RFC 9162 §2.1.3.1 inclusion proof of `index` in the tree of `size`, from stored nodes. */
export async function readInclusionProof(reader: NodeReader, index: number, size: number): Promise<InclusionProof> {
  return { index, size, path: await reader.readRanges(toInclusionRanges(index, size)) };
}

/** @returns the RFC 9162 §2.1.4.1 consistency proof from `fromSize` to `toSize`, from stored nodes. */
export async function readConsistencyProof(reader: NodeReader, fromSize: number, toSize: number): Promise<ConsistencyProof> {
  if (fromSize === 0 || fromSize === toSize) return { fromSize, toSize, path: [] };
  return { fromSize, toSize, path: await reader.readRanges(toConsistencyRanges(fromSize, toSize)) };
}

interface TreeHead {
  readonly size: number;
  readonly rootHash: Uint8Array;
}

/**
 * Proves from stored nodes that tree `to` extends tree `from`, and checks the proof as an outside
 * verifier would.
 * @throws LedgerError LEDGER_INCONSISTENT naming `index` when it does not
 */
export async function proveStoredConsistency(reader: NodeReader, heads: { readonly from: TreeHead; readonly to: TreeHead; readonly index: number }): Promise<void> {
  const { from, to, index } = heads;
  try {
    verifyConsistency(await readConsistencyProof(reader, from.size, to.size), from.rootHash, to.rootHash);
  } catch (error) {
    throw new LedgerError('LEDGER_INCONSISTENT', `expected the tree of ${to.size} entries to extend the checkpoint of ${from.size}, got a failing consistency proof`, { cause: error, index });
  }
}
