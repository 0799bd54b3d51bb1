// SPDX-License-Identifier: Apache-2.0
import { isCitadelError, toMessage } from '../core/index.js';
import type { LedgerSql } from './ledger-database.js';
import { verifyCheckpoint, type Checkpoint } from './checkpoint.js';
import { CompactRange, type CompletedNode } from './compact-range.js';
import { LedgerError } from './errors.js';
import type { ExportRecord, VerifyReport } from './ledger.js';
import { hashLeaf } from './merkle-hash.js';
import { NodeReader } from './node-reader.js';
import { proveStoredConsistency } from './stored-proofs.js';
import { ExportCursor } from './export-cursor.js';
import { canonicalizeJson } from './canonical-json.js';

/** Entries read per query while replaying. */
const PAGE = 4096;
/** Node ids compared per query. */
const IDS_PER_QUERY = 500;

export interface ReplayOptions {
  readonly db: LedgerSql;
  readonly logId: number;
  readonly origin: string;
  readonly verifierKey: string;
  readonly against?: string;
  readonly againstExport?: AsyncIterable<ExportRecord> | Iterable<ExportRecord>;
}

function tampered(message: string, index?: number): LedgerError {
  return new LedgerError('LEDGER_TAMPERED', message, index === undefined ? {} : { index });
}

function inconsistent(message: string, index: number): LedgerError {
  return new LedgerError('LEDGER_INCONSISTENT', message, { index });
}

/** What the replay must match when it reaches a given size. */
interface Milestone {
  readonly checkpoint: Checkpoint;
  readonly kind: 'stored' | 'against';
}

/** Replays a log from its first entry, comparing everything stored with what it recomputes. */
class Replay {
  private readonly tree = CompactRange.empty();
  /** Size of the last checkpoint the replay matched: the first bad index cannot be below it. */
  private vouched = 0;

  constructor(private readonly options: ReplayOptions, private readonly milestones: Map<number, Milestone[]>, private readonly cursor?: ExportCursor) {}

  async run(size: number): Promise<Buffer> {
    this.checkMilestones();
    for (let start = 0; start < size; start += PAGE) {
      const end = Math.min(size, start + PAGE);
      const entries = await this.readPage(start, end);
      const stored = await this.readNodes(start, end);
      for (let i = start; i < end; i += 1) {
        const entry = entries.get(i);
        if (entry === undefined) throw tampered(`expected entry ${i} of ${size}, got none: it was deleted`, i);
        checkCanonical(entry.body, i);
        const leafHash = hashLeaf(entry.body);
        await this.cursor?.check(i, leafHash);
        for (const node of this.tree.push(leafHash)) compareNode(node, node.level === 0 ? entry.leaf : stored.get(node.id));
        this.checkMilestones();
      }
    }
    return this.tree.rootHash();
  }

  private checkMilestones(): void {
    const size = this.tree.size;
    const due = this.milestones.get(size);
    if (due === undefined) return;
    const root = this.tree.rootHash();
    for (const { checkpoint, kind } of due) {
      if (Buffer.from(checkpoint.rootHash).equals(root)) {
        if (kind === 'stored') this.vouched = size;
        continue;
      }
      const expected = Buffer.from(checkpoint.rootHash).toString('hex');
      if (kind === 'stored') {
        throw tampered(`expected the first ${size} entries to hash to the stored checkpoint's root ${expected}, got ${root.toString('hex')}: history from entry ${this.vouched} on was rewritten`, this.vouched);
      }
      // Stored checkpoints that agree with a rewritten log may have been re-signed with it, so only
      // the given checkpoint is trusted here, and it vouches for its whole tree at once.
      throw inconsistent(`expected the first ${size} entries to hash to the given checkpoint's root ${expected}, got ${root.toString('hex')}: history before entry ${size} was rewritten (verify against an export to name the entry)`, 0);
    }
  }

  /** Reads entries [start, end); when the page cannot be read, finds the first unreadable entry. */
  private async readPage(start: number, end: number): Promise<Map<number, { readonly leaf: Buffer; readonly body: Buffer }>> {
    const sql = 'SELECT idx, leaf, body FROM ledger_entries WHERE log_id = ? AND idx >= ? AND idx < ? ORDER BY idx';
    try {
      const rows = await this.options.db.all<{ idx: number; leaf: Buffer; body: Buffer }>(sql, [this.options.logId, start, end]);
      return new Map(rows.map((r) => [r.idx, { leaf: Buffer.from(r.leaf), body: Buffer.from(r.body) }]));
    } catch (error) {
      for (let i = start; i < end; i += 1) {
        try {
          await this.options.db.get('SELECT body FROM ledger_entries WHERE log_id = ? AND idx = ?', [this.options.logId, i]);
        } catch (inner) {
          throw tampered(`expected entry ${i} to be readable, got: ${toMessage(inner)}`, i);
        }
      }
      throw tampered(`expected entries ${start} to ${end - 1} to be readable, got: ${toMessage(error)}`, start);
    }
  }

  /**
   * Reads the stored hashes of the interior nodes completed by leaves [start, end): most have
   * in-order ids in [2·start, 2·(end-1)]; the few larger subtrees that began on an earlier page
   * have smaller ids and are read by id.
   */
  private async readNodes(start: number, end: number): Promise<Map<number, Buffer>> {
    const { db, logId } = this.options;
    const stored = new Map<number, Buffer>();
    try {
      const rows = await db.all<{ id: number; hash: Buffer }>('SELECT id, hash FROM ledger_nodes WHERE log_id = ? AND id >= ? AND id <= ?', [logId, 2 * start, 2 * (end - 1)]);
      for (const row of rows) stored.set(row.id, Buffer.from(row.hash));
      const earlier = toInteriorIds(start, end).filter((id) => id < 2 * start);
      for (let i = 0; i < earlier.length; i += IDS_PER_QUERY) {
        const ids = earlier.slice(i, i + IDS_PER_QUERY);
        const more = await db.all<{ id: number; hash: Buffer }>(`SELECT id, hash FROM ledger_nodes WHERE log_id = ? AND id IN (${ids.map(() => '?').join(',')})`, [logId, ...ids]);
        for (const row of more) stored.set(row.id, Buffer.from(row.hash));
      }
    } catch (error) {
      throw await this.findUnreadableNode(start, end, error);
    }
    return stored;
  }

  /** Reads the nodes of one leaf at a time to name the first leaf whose hashes cannot be read. */
  private async findUnreadableNode(start: number, end: number, error: unknown): Promise<LedgerError> {
    for (let i = start; i < end; i += 1) {
      const ids = toInteriorIds(i, i + 1);
      if (ids.length === 0) continue;
      try {
        await this.options.db.all(`SELECT id, hash FROM ledger_nodes WHERE log_id = ? AND id IN (${ids.map(() => '?').join(',')})`, [this.options.logId, ...ids]);
      } catch (inner) {
        return tampered(`expected the hashes completed by entry ${i} to be readable, got: ${toMessage(inner)}`, i);
      }
    }
    return tampered(`expected the hashes of entries ${start} to ${end - 1} to be readable, got: ${toMessage(error)}`, start);
  }
}

/** @returns ids of the interior nodes that appending leaves [start, end) completes (RFC 9162 §2.1.1 shape). */
function toInteriorIds(start: number, end: number): number[] {
  const ids: number[] = [];
  for (let i = start; i < end; i += 1) {
    // Leaf i completes the subtree of 2^level leaves ending at i for every 2^level dividing i + 1.
    for (let width = 2; (i + 1) % width === 0; width *= 2) ids.push(2 * (i + 1 - width) + width - 1);
  }
  return ids;
}

/** Every leaf and interior hash computed must equal the stored one that proofs are built from. */
function compareNode(node: CompletedNode, hash: Buffer | undefined): void {
  const what = node.level === 0 ? `entry ${node.offset}` : `entries ${node.offset} to ${node.offset + 2 ** node.level - 1}`;
  if (hash === undefined) throw tampered(`expected a stored hash of ${what}, got none`, node.offset);
  // An interior mismatch whose children all match means one of its entries was replaced together
  // with its leaf hash; the first entry it covers is the earliest that may be bad.
  const why = node.level === 0 ? '' : ': one of these entries was replaced';
  if (!hash.equals(node.hash)) throw tampered(`expected the stored hash of ${what} to be ${hash.toString('hex')}, got ${node.hash.toString('hex')} from the entries${why}`, node.offset);
}

/** Entries are stored canonical (RFC 8785); any other form was written by someone else. */
function checkCanonical(body: Buffer, index: number): void {
  const text = body.toString('utf8');
  let canonical: string;
  try {
    canonical = canonicalizeJson(JSON.parse(text));
  } catch (error) {
    throw tampered(`expected entry ${index} to be json, got: ${toMessage(error)}`, index);
  }
  if (canonical !== text) throw tampered(`expected entry ${index} in canonical json (rfc 8785), got another form`, index);
}

async function readStoredCheckpoints(options: ReplayOptions): Promise<Checkpoint[]> {
  const rows = await options.db.all<{ size: number; note: string }>('SELECT size, note FROM ledger_checkpoints WHERE log_id = ? ORDER BY size', [options.logId]);
  return rows.map((row) => {
    try {
      const checkpoint = verifyCheckpoint(row.note, options.verifierKey, options.origin);
      if (checkpoint.size !== row.size) throw new Error(`it claims size ${checkpoint.size}`);
      return checkpoint;
    } catch (error) {
      throw tampered(`expected the stored checkpoint of size ${row.size} to be signed by this ledger's key, got: ${toMessage(error)}`, row.size);
    }
  });
}

function toMilestones(stored: readonly Checkpoint[], against: Checkpoint | undefined): Map<number, Milestone[]> {
  const milestones = new Map<number, Milestone[]>();
  const add = (checkpoint: Checkpoint, kind: Milestone['kind']): void => {
    milestones.set(checkpoint.size, [...(milestones.get(checkpoint.size) ?? []), { checkpoint, kind }]);
  };
  for (const checkpoint of stored) add(checkpoint, 'stored');
  if (against !== undefined) add(against, 'against');
  return milestones;
}

async function readSize(options: ReplayOptions): Promise<number> {
  return (await options.db.get<{ size: number }>('SELECT size FROM ledger_logs WHERE id = ?', [options.logId]))?.size ?? 0;
}

/** Entries past the recorded size mean the size was lowered to hide them. */
async function checkNoExtraEntries(options: ReplayOptions, size: number): Promise<void> {
  const extra = await options.db.get<{ idx: number | null }>('SELECT MAX(idx) AS idx FROM ledger_entries WHERE log_id = ?', [options.logId]);
  if (extra?.idx !== null && extra?.idx !== undefined && extra.idx >= size) throw tampered(`expected at most ${size} entries, got entry ${extra.idx}: the recorded size was lowered`, size);
}

/**
 * Runs a read of log metadata; in a damaged file it may fail while entries still read, so the
 * failure is kept and reported after the replay has looked for the first bad entry.
 */
async function readOrDefer<T>(read: () => Promise<T>, fallback: T, deferred: unknown[]): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (isCitadelError(error) && error.code.startsWith('LEDGER_')) throw error;
    deferred.push(error);
    return fallback;
  }
}

/**
 * Replays a stored log (see Ledger.verify).
 * @returns what was checked
 * @throws LedgerError LEDGER_TAMPERED or LEDGER_INCONSISTENT naming the first bad index,
 * LEDGER_CHECKPOINT_INVALID for a bad `against`
 */
export async function replayLog(options: ReplayOptions): Promise<VerifyReport> {
  try {
    return await runReplay(options);
  } catch (error) {
    if (isCitadelError(error) && error.code.startsWith('LEDGER_')) throw error;
    throw tampered(`expected the log to be readable, got: ${toMessage(error)}`, 0);
  }
}

async function runReplay(options: ReplayOptions): Promise<VerifyReport> {
  const cursor = options.againstExport === undefined ? undefined : await ExportCursor.open(options.againstExport, options);
  const against = options.against === undefined ? cursor?.checkpoint : verifyCheckpoint(options.against, options.verifierKey, options.origin);
  const size = await readSize(options);
  const deferred: unknown[] = [];
  const stored = await readOrDefer(() => readStoredCheckpoints(options), [], deferred);
  await readOrDefer(() => checkNoExtraEntries(options, size), undefined, deferred);
  const replay = new Replay(options, toMilestones(stored, against), cursor);
  // Replay first: a rewrite inside the log is an earlier bad index than a shortened end.
  const rootHash = await replay.run(size);
  const newest = [...stored, ...(against ? [against] : [])].reduce((max, c) => Math.max(max, c.size), 0);
  if (newest > size) throw inconsistent(`expected at least ${newest} entries, as a checkpoint vouches, got ${size}: entries from ${size} on were deleted`, size);
  if (deferred.length > 0) throw tampered(`expected the log's checkpoints and index to be readable, got: ${toMessage(deferred[0])}; its ${size} entries verify`, size);
  await cursor?.finish(size);
  await checkConsistencyChain(options, { stored, against, root: rootHash, size });
  return { size, rootHash, checkpoints: stored.length, ...(against ? { extends: against.size } : {}) };
}

/** Each stored checkpoint must be provably extended by the next one, and the log by `against`. */
async function checkConsistencyChain(options: ReplayOptions, state: { stored: readonly Checkpoint[]; against: Checkpoint | undefined; root: Buffer; size: number }): Promise<void> {
  const chain = [...state.stored, ...(state.against ? [state.against] : [])].sort((a, b) => a.size - b.size);
  const reader = new NodeReader(options.db, options.logId);
  for (let i = 1; i < chain.length; i += 1) {
    const [from, to] = [chain[i - 1], chain[i]];
    if (from !== undefined && to !== undefined) await proveStoredConsistency(reader, { from, to, index: from.size });
  }
  const last = chain.at(-1);
  if (last !== undefined) await proveStoredConsistency(reader, { from: last, to: { size: state.size, rootHash: state.root }, index: last.size });
}
