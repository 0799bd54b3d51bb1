// SPDX-License-Identifier: Apache-2.0
import type { LedgerMigration } from './ledger-database.js';

/**
 * Tables of every log in a store. Each entry keeps its leaf hash, and `ledger_nodes` the hash of
 * every complete perfect subtree above the leaves under its in-order id (odd numbers; leaf i is
 * 2i), so a proof is a handful of point reads, never a rebuild of the tree.
 */
export const LEDGER_MIGRATIONS: readonly LedgerMigration[] = [
  {
    version: 1,
    description: 'logs, entries with leaf hashes, interior subtree hashes and checkpoints',
    sql: {
      sqlite: `
CREATE TABLE ledger_logs (id INTEGER PRIMARY KEY, origin TEXT NOT NULL UNIQUE, size INTEGER NOT NULL);
CREATE TABLE ledger_entries (log_id INTEGER NOT NULL, idx INTEGER NOT NULL, leaf BLOB NOT NULL, body BLOB NOT NULL, PRIMARY KEY (log_id, idx)) WITHOUT ROWID;
CREATE TABLE ledger_nodes (log_id INTEGER NOT NULL, id INTEGER NOT NULL, hash BLOB NOT NULL, PRIMARY KEY (log_id, id)) WITHOUT ROWID;
CREATE TABLE ledger_checkpoints (log_id INTEGER NOT NULL, size INTEGER NOT NULL, root BLOB NOT NULL, note TEXT NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (log_id, size)) WITHOUT ROWID;`,
      postgres: `
CREATE TABLE ledger_logs (id SERIAL PRIMARY KEY, origin TEXT NOT NULL UNIQUE, size BIGINT NOT NULL);
CREATE TABLE ledger_entries (log_id INTEGER NOT NULL, idx BIGINT NOT NULL, leaf BYTEA NOT NULL, body BYTEA NOT NULL, PRIMARY KEY (log_id, idx));
CREATE TABLE ledger_nodes (log_id INTEGER NOT NULL, id BIGINT NOT NULL, hash BYTEA NOT NULL, PRIMARY KEY (log_id, id));
CREATE TABLE ledger_checkpoints (log_id INTEGER NOT NULL, size BIGINT NOT NULL, root BYTEA NOT NULL, note TEXT NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (log_id, size));`,
    },
  },
];
