// SPDX-License-Identifier: Apache-2.0
import { isCitadelError } from '../core/index.js';
import { StoreError } from './errors.js';
import { checkIdentifier } from './sql-text.js';
import type { Dialect, Migration, SqlTransaction } from './store.js';

/** A transaction that can also run multi-statement SQL (migrations only). */
export interface ExecTransaction extends SqlTransaction {
  exec(sql: string): Promise<void>;
}

/** What a store offers the migrator. */
export interface MigrationTarget {
  readonly dialect: Dialect;
  runTransaction<T>(fn: (tx: ExecTransaction) => Promise<T>): Promise<T>;
}

/** One namespace's schema steps. */
export interface MigrationPlan {
  readonly namespace: string;
  readonly migrations: readonly Migration[];
}

/** Each namespace's applied versions, one row per step, shared by every capability. */
const LEDGER_TABLE = `CREATE TABLE IF NOT EXISTS citadel_migrations (
  namespace TEXT NOT NULL,
  version INTEGER NOT NULL,
  description TEXT NOT NULL,
  applied_at TEXT NOT NULL,
  PRIMARY KEY (namespace, version)
)`;

function checkPlan(plan: MigrationPlan): void {
  checkIdentifier(plan.namespace);
  plan.migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new StoreError('STORE_USAGE', `expected migration ${i + 1} of ${plan.namespace} at position ${i}, got version ${m.version}`);
  });
}

function toDialectSql(migration: Migration, dialect: Dialect): string {
  return typeof migration.sql === 'string' ? migration.sql : migration.sql[dialect];
}

/** Applies one step unless another process did first. @returns false when nothing is left to do */
async function applyNext(target: MigrationTarget, plan: MigrationPlan): Promise<boolean> {
  return target.runTransaction(async (tx) => {
    // One lock for all namespaces: concurrent CREATE TABLE IF NOT EXISTS can still race in PostgreSQL.
    await tx.lock('citadel_migrations');
    await tx.exec(LEDGER_TABLE);
    const row = await tx.get<{ version: number | null }>('SELECT MAX(version) AS version FROM citadel_migrations WHERE namespace = ?', [plan.namespace]);
    const current = row?.version ?? 0;
    if (current > plan.migrations.length) {
      throw new StoreError('STORE_MIGRATION', `expected ${plan.namespace} schema version ${plan.migrations.length} or older, got ${current}: the database was written by newer code`);
    }
    const next = plan.migrations[current];
    if (next === undefined) return false;
    await tx.exec(toDialectSql(next, target.dialect));
    await tx.run('INSERT INTO citadel_migrations (namespace, version, description, applied_at) VALUES (?, ?, ?, ?)', [plan.namespace, next.version, next.description, new Date().toISOString()]);
    return true;
  });
}

/**
 * Brings `plan.namespace` up to its last version, one transaction per step, under a lock so that
 * replicas starting together apply each step once.
 * @throws StoreError STORE_USAGE for a malformed plan, STORE_MIGRATION when a step fails or the
 * database is ahead of the code
 */
export async function migrateNamespace(target: MigrationTarget, plan: MigrationPlan): Promise<void> {
  checkPlan(plan);
  try {
    while (await applyNext(target, plan)) { /* one step per transaction */ }
  } catch (error) {
    if (['STORE_MIGRATION', 'STORE_CLOSED', 'STORE_CORRUPT'].some((code) => isCitadelError(error, code))) throw error;
    throw new StoreError('STORE_MIGRATION', `expected the ${plan.namespace} migrations to apply, got: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
