// SPDX-License-Identifier: Apache-2.0
import { verifyCheckpoint, type Checkpoint } from './checkpoint.js';
import { LedgerError } from './errors.js';
import type { ExportRecord } from './ledger.js';
import { toLeafHash } from './merkle-hash.js';
import { toExportRecord } from './export-record.js';

/**
 * Walks an earlier export alongside a replay: each exported entry must still be in the log,
 * unchanged, at the same index. This names the first rewritten entry even when the rewriter
 * recomputed every hash and re-signed every stored checkpoint.
 */
export class ExportCursor {
  private constructor(
    readonly checkpoint: Checkpoint,
    private readonly records: AsyncIterator<ExportRecord> | Iterator<ExportRecord>,
  ) {}

  /** @returns a cursor after the export's head checkpoint. @throws LedgerError LEDGER_CHECKPOINT_INVALID */
  static async open(records: AsyncIterable<ExportRecord> | Iterable<ExportRecord>, trust: { readonly verifierKey: string; readonly origin: string }): Promise<ExportCursor> {
    const iterator = Symbol.asyncIterator in records ? records[Symbol.asyncIterator]() : records[Symbol.iterator]();
    const head = await iterator.next();
    const record = head.done === true ? undefined : toExportRecord(head.value);
    if (record?.type !== 'checkpoint') throw new LedgerError('LEDGER_CHECKPOINT_INVALID', 'expected an export starting with its checkpoint, got something else');
    return new ExportCursor(verifyCheckpoint(record.checkpoint, trust.verifierKey, trust.origin), iterator);
  }

  /** Compares log entry `index` with the export. @throws LedgerError LEDGER_INCONSISTENT naming the index */
  async check(index: number, leafHash: Buffer): Promise<void> {
    if (index >= this.checkpoint.size) return;
    const next = await this.records.next();
    const record = next.done === true ? undefined : toExportRecord(next.value);
    if (record?.type !== 'entry' || record.index !== index) {
      throw new LedgerError('LEDGER_PROOF_INVALID', `expected exported entry ${index}, got ${record === undefined ? 'the end' : 'another record'}`, { index });
    }
    if (!toLeafHash(record.entry).equals(leafHash)) {
      throw new LedgerError('LEDGER_INCONSISTENT', `expected entry ${index} to be the one exported earlier, got a different entry: history was rewritten from entry ${index}`, { index });
    }
  }

  /** @throws LedgerError LEDGER_INCONSISTENT when the log ended before the export did */
  finish(size: number): Promise<void> {
    if (size < this.checkpoint.size) {
      throw new LedgerError('LEDGER_INCONSISTENT', `expected at least the ${this.checkpoint.size} exported entries, got ${size}`, { index: size });
    }
    return Promise.resolve();
  }
}
