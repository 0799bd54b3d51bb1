// SPDX-License-Identifier: Apache-2.0
import { verifyCheckpoint, type Checkpoint } from './checkpoint.js';
import { LedgerError } from './errors.js';
import { toExportRecord, toPathHashes } from './export-record.js';
import type { ExportRecord } from './ledger.js';
import { toLeafHash } from './merkle-hash.js';
import { verifyConsistency, verifyInclusion } from './verify-proof.js';

/** What an auditor established from an export. */
export interface ExportAudit {
  /** The export's checkpoint, verified against the auditor's key. */
  readonly checkpoint: Checkpoint;
  /** Entries whose inclusion proofs verified: all of them. */
  readonly entries: number;
  /** Size of the auditor's earlier checkpoint that this one was proved to extend. */
  readonly extends?: number;
}

/** What the auditor trusts: the log's verifier key and, optionally, a checkpoint seen before. */
export interface ExportTrust {
  readonly verifierKey: string;
  readonly origin?: string;
  /** An earlier checkpoint (signed-note text) the export must extend. */
  readonly checkpoint?: string;
}

function checkExtends(head: Extract<ExportRecord, { type: 'checkpoint' }>, current: Checkpoint, trust: ExportTrust): number | undefined {
  if (trust.checkpoint === undefined) return undefined;
  const old = verifyCheckpoint(trust.checkpoint, trust.verifierKey, trust.origin ?? current.origin);
  if (old.size > current.size) throw new LedgerError('LEDGER_INCONSISTENT', `expected the export to cover the ${old.size} entries of the earlier checkpoint, got ${current.size}`, { index: current.size });
  if (head.consistency?.fromSize !== old.size) throw new LedgerError('LEDGER_INCONSISTENT', `expected a consistency proof from size ${old.size}, got ${head.consistency === undefined ? 'none' : `one from ${head.consistency.fromSize}`}`);
  try {
    verifyConsistency({ fromSize: old.size, toSize: current.size, path: toPathHashes(head.consistency.path) }, old.rootHash, current.rootHash);
  } catch (error) {
    throw new LedgerError('LEDGER_INCONSISTENT', `expected the export to extend the checkpoint of ${old.size} entries, got a failing consistency proof`, { cause: error, index: old.size });
  }
  return old.size;
}

/**
 * Audits an export with nothing but the log's verifier key: the checkpoint signature, every
 * entry's inclusion proof in order, that no entry is missing, and with `trust.checkpoint` that
 * the log extends what the auditor saw before. Needs no store.
 * @returns what was established
 * @throws LedgerError LEDGER_CHECKPOINT_INVALID, LEDGER_PROOF_INVALID (with the entry index),
 * LEDGER_INCONSISTENT
 */
export async function verifyExport(records: AsyncIterable<unknown> | Iterable<unknown>, trust: ExportTrust): Promise<ExportAudit> {
  let head: Extract<ExportRecord, { type: 'checkpoint' }> | undefined;
  let checkpoint: Checkpoint | undefined;
  let extendsSize: number | undefined;
  let next = 0;
  for await (const value of records) {
    const record = toExportRecord(value);
    if (head === undefined || checkpoint === undefined) {
      if (record.type !== 'checkpoint') throw new LedgerError('LEDGER_CHECKPOINT_INVALID', 'expected an export starting with its checkpoint, got an entry');
      head = record;
      checkpoint = verifyCheckpoint(record.checkpoint, trust.verifierKey, trust.origin);
      extendsSize = checkExtends(record, checkpoint, trust);
      continue;
    }
    if (record.type !== 'entry' || record.index !== next || next >= checkpoint.size) {
      throw new LedgerError('LEDGER_PROOF_INVALID', `expected entry ${next} of ${checkpoint.size}, got ${record.type === 'entry' ? `entry ${record.index}` : 'a second checkpoint'}`, { index: next });
    }
    try {
      verifyInclusion(toLeafHash(record.entry), { index: next, size: checkpoint.size, path: toPathHashes(record.path, next) }, checkpoint.rootHash);
    } catch (error) {
      throw new LedgerError('LEDGER_PROOF_INVALID', `expected entry ${next} to be included in the checkpoint, got a failing proof`, { cause: error, index: next });
    }
    next += 1;
  }
  if (checkpoint === undefined) throw new LedgerError('LEDGER_CHECKPOINT_INVALID', 'expected an export starting with its checkpoint, got nothing');
  if (next !== checkpoint.size) throw new LedgerError('LEDGER_INCONSISTENT', `expected ${checkpoint.size} entries, got ${next}`, { index: next });
  return { checkpoint, entries: next, ...(extendsSize === undefined ? {} : { extends: extendsSize }) };
}
