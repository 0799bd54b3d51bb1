// SPDX-License-Identifier: Apache-2.0
import type { LedgerDatabase, LedgerSql, LedgerSqlValue, LedgerTransaction } from './ledger-database.js';
import { signCheckpoint, verifyCheckpoint, type Checkpoint } from './checkpoint.js';
import { CompactRange, toFrontierIds, type CompletedNode } from './compact-range.js';
import { LedgerError } from './errors.js';
import { hasControlCharacter } from './text-checks.js';
import { exportLog } from './export-log.js';
import { LEDGER_MIGRATIONS } from './ledger-schema.js';
import type { AppendResult, CheckpointPolicy, ExportOptions, ExportRecord, Ledger, LedgerEntry, LedgerOptions, VerifyOptions, VerifyReport } from './ledger.js';
import { toHashedEntry, type HashedEntry } from './merkle-hash.js';
import { NodeReader } from './node-reader.js';
import type { ConsistencyProof, InclusionProof } from './proof.js';
import { replayLog } from './replay.js';
import { readConsistencyProof, readInclusionProof } from './stored-proofs.js';
import { toSubtrees } from './tree-math.js';

/** Entries accepted by one append() call, and read by one read() call. */
export const MAX_BATCH = 100_000;
/** Entries whose rows are built and inserted together inside one append. */
const INSERT_SLICE = 1024;

/** The ledger on a Store; every method is safe against other writers sharing the database. */
class StoreLedger implements Ledger {
  /** The right edge of the tree as of the last commit this process saw. */
  private frontier = CompactRange.empty();
  private lastCheckpointAt = 0;

  constructor(private readonly options: LedgerOptions, private readonly logId: number) {}

  get origin(): string {
    return this.options.origin;
  }

  private get store(): LedgerDatabase {
    return this.options.store;
  }

  async append(entries: readonly unknown[]): Promise<AppendResult[]> {
    if (entries.length > MAX_BATCH) throw new LedgerError('LEDGER_LIMIT', `expected at most ${MAX_BATCH} entries per append, got ${entries.length}`);
    if (entries.length === 0) return [];
    // Canonicalise and hash before taking the lock, so writers hold it for the inserts alone.
    const hashed = entries.map(toHashedEntry);
    const leaves = hashed.map((h) => h.leaf);
    const [results, frontier] = await this.store.transaction(async (tx) => {
      const working = (await this.readFrontier(tx)).clone();
      const first = working.size;
      // Rows are built and written a slice at a time, so they die young instead of filling the heap.
      for (let at = 0; at < hashed.length; at += INSERT_SLICE) {
        const end = Math.min(hashed.length, at + INSERT_SLICE);
        const rows: LedgerSqlValue[][] = [];
        const nodes: CompletedNode[] = [];
        for (let i = at; i < end; i += 1) {
          const { leaf, body } = hashed[i] as HashedEntry;
          rows.push([this.logId, first + i, leaf, body]);
          working.pushLeaf(leaf, nodes);
        }
        await tx.insertMany('ledger_entries', ['log_id', 'idx', 'leaf', 'body'], rows);
        await tx.insertMany('ledger_nodes', ['log_id', 'id', 'hash'], nodes.map((n) => [this.logId, n.id, n.hash]));
      }
      await tx.run('UPDATE ledger_logs SET size = ? WHERE id = ?', [working.size, this.logId]);
      if (this.isCheckpointDue()) await this.storeCheckpoint(tx, working);
      return [leaves.map((leafHash, i) => ({ index: first + i, leafHash })), working] as const;
    });
    this.frontier = frontier;
    return results;
  }

  private isCheckpointDue(): boolean {
    const policy: CheckpointPolicy = this.options.checkpoint ?? 'batch';
    if (policy === 'batch') return true;
    if (policy === 'manual') return false;
    return Date.now() - this.lastCheckpointAt >= policy.everyMs;
  }

  /** Reads the size under the log's lock and reloads the right edge if another writer moved it. */
  private async readFrontier(tx: LedgerTransaction): Promise<CompactRange> {
    await tx.lock(`ledger:${this.origin}`);
    const size = await this.readSize(tx);
    if (size === this.frontier.size) return this.frontier;
    const reader = new NodeReader(tx, this.logId);
    const ids = toFrontierIds(size);
    await reader.load(ids);
    const subtrees = toSubtrees(0, size).map((s) => ({ ...s, hash: reader.toRangeHash(s.offset, s.offset + 2 ** s.level) }));
    return CompactRange.of(size, subtrees);
  }

  private async readSize(db: LedgerSql): Promise<number> {
    const row = await db.get<{ size: number }>('SELECT size FROM ledger_logs WHERE id = ?', [this.logId]);
    return row?.size ?? 0;
  }

  private async storeCheckpoint(tx: LedgerTransaction, tree: CompactRange): Promise<Checkpoint> {
    const checkpoint = signCheckpoint(this.origin, { size: tree.size, rootHash: tree.rootHash() }, this.options.signer);
    const row: LedgerSqlValue[] = [this.logId, checkpoint.size, Buffer.from(checkpoint.rootHash), checkpoint.text, new Date().toISOString()];
    // Ed25519 is deterministic, so a second checkpoint of the same tree is the same note.
    await tx.run('INSERT INTO ledger_checkpoints (log_id, size, root, note, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (log_id, size) DO NOTHING', row);
    this.lastCheckpointAt = Date.now();
    return checkpoint;
  }

  size(): Promise<number> {
    return this.readSize(this.store);
  }

  async read(start: number, end: number): Promise<LedgerEntry[]> {
    const size = await this.size();
    checkRange({ start, end, size, what: 'read' });
    if (end - start > MAX_BATCH) throw new LedgerError('LEDGER_LIMIT', `expected to read at most ${MAX_BATCH} entries at once, got ${end - start}`);
    const rows = await this.store.all<{ idx: number; body: Buffer }>('SELECT idx, body FROM ledger_entries WHERE log_id = ? AND idx >= ? AND idx < ? ORDER BY idx', [this.logId, start, end]);
    return rows.map((row) => ({ index: row.idx, entry: JSON.parse(Buffer.from(row.body).toString('utf8')) as unknown }));
  }

  async checkpoint(): Promise<Checkpoint> {
    const [checkpoint, frontier] = await this.store.transaction(async (tx) => {
      const tree = await this.readFrontier(tx);
      return [await this.storeCheckpoint(tx, tree), tree] as const;
    });
    this.frontier = frontier;
    return checkpoint;
  }

  async latestCheckpoint(): Promise<Checkpoint | undefined> {
    const row = await this.store.get<{ note: string }>('SELECT note FROM ledger_checkpoints WHERE log_id = ? ORDER BY size DESC LIMIT 1', [this.logId]);
    return row === undefined ? undefined : verifyCheckpoint(row.note, this.options.signer.verifierKey, this.origin);
  }

  async rootHash(size?: number): Promise<Uint8Array> {
    const current = await this.size();
    const at = size ?? current;
    checkRange({ start: 0, end: at, size: current, what: 'root hash' });
    const [root] = await new NodeReader(this.store, this.logId).readRanges([[0, at]]);
    return root ?? Buffer.alloc(0);
  }

  async proveInclusion(index: number, size?: number): Promise<InclusionProof> {
    const current = await this.size();
    const at = size ?? current;
    checkRange({ start: index, end: at, size: current, what: 'inclusion proof' });
    if (index >= at) throw new LedgerError('LEDGER_USAGE', `expected an index below the tree size ${at}, got ${index}`);
    return readInclusionProof(new NodeReader(this.store, this.logId), index, at);
  }

  async proveConsistency(fromSize: number, toSize?: number): Promise<ConsistencyProof> {
    const current = await this.size();
    const to = toSize ?? current;
    checkRange({ start: fromSize, end: to, size: current, what: 'consistency proof' });
    return readConsistencyProof(new NodeReader(this.store, this.logId), fromSize, to);
  }

  verify(options: VerifyOptions = {}): Promise<VerifyReport> {
    return replayLog({ db: this.store, logId: this.logId, origin: this.origin, verifierKey: this.options.signer.verifierKey, ...options });
  }

  export(options: ExportOptions = {}): AsyncIterable<ExportRecord> {
    return exportLog(this, { db: this.store, logId: this.logId, verifierKey: this.options.signer.verifierKey, ...options });
  }
}

function checkRange(range: { readonly start: number; readonly end: number; readonly size: number; readonly what: string }): void {
  const { start, end, size, what } = range;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || start > end || end > size) {
    throw new LedgerError('LEDGER_USAGE', `expected 0 ≤ ${start} ≤ ${end} ≤ log size ${size} for a ${what}`);
  }
}

/** An origin is the first line of every checkpoint: printable, one line, bounded. */
function checkOrigin(origin: string): void {
  if (origin.length === 0 || origin.length > 256 || hasControlCharacter(origin)) {
    throw new LedgerError('LEDGER_USAGE', `expected an origin of 1 to 256 printable characters, got ${JSON.stringify(origin.slice(0, 64))}`);
  }
}

/**
 * Opens (creating on first use) the log named `origin` in `options.store`, applying the ledger's
 * schema migrations first.
 * @returns the ledger
 * @throws LedgerError LEDGER_USAGE for a bad origin; StoreError when the store fails
 */
export async function openLedger(options: LedgerOptions): Promise<Ledger> {
  checkOrigin(options.origin);
  await options.store.migrate('ledger', LEDGER_MIGRATIONS);
  await options.store.run('INSERT INTO ledger_logs (origin, size) VALUES (?, 0) ON CONFLICT (origin) DO NOTHING', [options.origin]);
  const row = await options.store.get<{ id: number }>('SELECT id FROM ledger_logs WHERE origin = ?', [options.origin]);
  if (row === undefined) throw new LedgerError('LEDGER_TAMPERED', `expected a log row for ${options.origin}, got none`);
  return new StoreLedger(options, row.id);
}
