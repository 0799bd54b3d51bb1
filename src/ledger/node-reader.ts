// SPDX-License-Identifier: Apache-2.0
import type { LedgerSql } from './ledger-database.js';
import { toFoldedHash } from './compact-range.js';
import { LedgerError } from './errors.js';
import { toNodeId, toSubtrees } from './tree-math.js';

/** Ids per `IN (...)` list: well under SQLite's 32766 and PostgreSQL's 65535 parameters. */
const IDS_PER_QUERY = 500;

/** @returns placeholders for an IN list; an empty list becomes (NULL), which matches nothing. */
function toMarks(values: readonly unknown[]): string {
  return values.length === 0 ? 'NULL' : values.map(() => '?').join(',');
}

/** @returns the first leaf index under the node with in-order id `id`. */
function toFirstLeaf(id: number): number {
  let level = 0;
  while ((id + 1) % 2 ** (level + 1) === 0) level += 1;
  return (id + 1 - 2 ** level) / 2;
}

/**
 * Reads stored subtree hashes of one log, remembering what it read, and folds them into the hash
 * of any proof range. A missing node is tampering: the writer stores every complete subtree.
 */
export class NodeReader {
  private readonly cache = new Map<number, Buffer>();

  constructor(private readonly db: LedgerSql, private readonly logId: number) {}

  /** Loads the given node ids that are not cached yet. @throws LedgerError LEDGER_TAMPERED when one is missing */
  async load(ids: readonly number[]): Promise<void> {
    const missing = [...new Set(ids.filter((id) => !this.cache.has(id)))].sort((a, b) => a - b);
    // Leaf hashes (even ids) live with their entries, interior hashes (odd ids) in ledger_nodes:
    // one query reads both, since each round trip costs more than the reads themselves.
    for (let i = 0; i < missing.length; i += IDS_PER_QUERY) {
      const chunk = missing.slice(i, i + IDS_PER_QUERY);
      const leaves = chunk.filter((id) => id % 2 === 0).map((id) => id / 2);
      const interior = chunk.filter((id) => id % 2 === 1);
      const rows = await this.db.all<{ id: number; hash: Buffer }>(
        `SELECT 2 * idx AS id, leaf AS hash FROM ledger_entries WHERE log_id = ? AND idx IN (${toMarks(leaves)})
         UNION ALL SELECT id, hash FROM ledger_nodes WHERE log_id = ? AND id IN (${toMarks(interior)})`,
        [this.logId, ...leaves, this.logId, ...interior],
      );
      for (const row of rows) this.cache.set(row.id, Buffer.from(row.hash));
    }
    const absent = missing.find((id) => !this.cache.has(id));
    if (absent !== undefined) {
      const index = toFirstLeaf(absent);
      throw new LedgerError('LEDGER_TAMPERED', `expected a stored hash for the subtree starting at entry ${index}, got none`, { index });
    }
  }

  /** @returns the hash of leaves [start, end), from nodes already loaded. */
  toRangeHash(start: number, end: number): Buffer {
    return toFoldedHash(toSubtrees(start, end).map((s) => this.cache.get(toNodeId(s)) ?? Buffer.alloc(0)));
  }

  /** @returns the hashes of the given ranges, loading what is needed in as few queries as possible. */
  async readRanges(ranges: readonly (readonly [number, number])[]): Promise<Buffer[]> {
    await this.load(ranges.flatMap(([start, end]) => toSubtrees(start, end).map(toNodeId)));
    return ranges.map(([start, end]) => this.toRangeHash(start, end));
  }
}
