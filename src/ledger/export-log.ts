// SPDX-License-Identifier: Apache-2.0
import type { LedgerSql } from './ledger-database.js';
import { verifyCheckpoint, type Checkpoint } from './checkpoint.js';
import { LedgerError } from './errors.js';
import { toPathText } from './export-record.js';
import type { ExportOptions, ExportRecord, Ledger } from './ledger.js';
import { NodeReader } from './node-reader.js';
import { readConsistencyProof } from './stored-proofs.js';
import { toInclusionRanges } from './tree-math.js';

/** Entries per page: their proofs share most nodes, read once per page. */
const PAGE = 1024;

export interface ExportSource extends ExportOptions {
  readonly db: LedgerSql;
  readonly logId: number;
  readonly verifierKey: string;
}

/** @returns the newest checkpoint if it covers the whole log, else a new one. */
async function toExportCheckpoint(ledger: Ledger): Promise<Checkpoint> {
  const latest = await ledger.latestCheckpoint();
  if (latest !== undefined && latest.size === (await ledger.size())) return latest;
  return ledger.checkpoint();
}

async function* toEntryRecords(source: ExportSource, size: number): AsyncGenerator<ExportRecord> {
  for (let start = 0; start < size; start += PAGE) {
    const end = Math.min(size, start + PAGE);
    const rows = await source.db.all<{ idx: number; body: Buffer }>('SELECT idx, body FROM ledger_entries WHERE log_id = ? AND idx >= ? AND idx < ? ORDER BY idx', [source.logId, start, end]);
    const reader = new NodeReader(source.db, source.logId);
    const ranges = rows.map((row) => toInclusionRanges(row.idx, size));
    const hashes = await reader.readRanges(ranges.flat());
    let at = 0;
    for (const [i, row] of rows.entries()) {
      const count = ranges[i]?.length ?? 0;
      const path = toPathText(hashes.slice(at, at + count));
      at += count;
      yield { type: 'entry', index: row.idx, entry: JSON.parse(Buffer.from(row.body).toString('utf8')) as unknown, path };
    }
  }
}

/**
 * Streams an export: the checkpoint it is proved against (with a consistency proof from
 * `against` when given), then every entry in order with its inclusion proof.
 * @throws LedgerError LEDGER_CHECKPOINT_INVALID for a bad `against`, LEDGER_INCONSISTENT when the
 * log is shorter than `against`
 */
export async function* exportLog(ledger: Ledger, source: ExportSource): AsyncGenerator<ExportRecord> {
  const checkpoint = await toExportCheckpoint(ledger);
  const head = { type: 'checkpoint', checkpoint: checkpoint.text, verifierKey: source.verifierKey } as const;
  if (source.against === undefined) {
    yield head;
  } else {
    const old = verifyCheckpoint(source.against, source.verifierKey, ledger.origin);
    if (old.size > checkpoint.size) {
      throw new LedgerError('LEDGER_INCONSISTENT', `expected at least the ${old.size} entries the given checkpoint vouches for, got ${checkpoint.size}`, { index: checkpoint.size });
    }
    const proof = await readConsistencyProof(new NodeReader(source.db, source.logId), old.size, checkpoint.size);
    yield { ...head, consistency: { fromSize: old.size, path: toPathText(proof.path) } };
  }
  yield* toEntryRecords(source, checkpoint.size);
}
