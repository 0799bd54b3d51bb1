// SPDX-License-Identifier: Apache-2.0
// The storage the ledger needs, declared here so that ledger depends on core alone (DESIGN.md
// import direction). A `Store` from the store capability satisfies it as is; whoever composes the
// two (gateway, vault, cli) passes one in.

/** A value bound to a `?` placeholder. */
export type LedgerSqlValue = string | number | bigint | Uint8Array | null;

/** One result row, keyed by column name. */
export type LedgerSqlRow = Record<string, unknown>;

/** Statements, with `?` placeholders in both dialects. */
export interface LedgerSql {
  readonly dialect: 'sqlite' | 'postgres';
  all<R extends LedgerSqlRow = LedgerSqlRow>(sql: string, params?: readonly LedgerSqlValue[]): Promise<R[]>;
  get<R extends LedgerSqlRow = LedgerSqlRow>(sql: string, params?: readonly LedgerSqlValue[]): Promise<R | undefined>;
  run(sql: string, params?: readonly LedgerSqlValue[]): Promise<{ readonly changes: number }>;
  insertMany(table: string, columns: readonly string[], rows: readonly (readonly LedgerSqlValue[])[]): Promise<void>;
}

/** A transaction with a named lock that serialises writers across processes. */
export interface LedgerTransaction extends LedgerSql {
  lock(name: string): Promise<void>;
}

/** A versioned schema step. */
export interface LedgerMigration {
  readonly version: number;
  readonly description: string;
  readonly sql: string | { readonly sqlite: string; readonly postgres: string };
}

/** The database a ledger lives in: SQLite or PostgreSQL behind one async interface. */
export interface LedgerDatabase extends LedgerSql {
  migrate(namespace: string, migrations: readonly LedgerMigration[]): Promise<void>;
  transaction<T>(fn: (tx: LedgerTransaction) => Promise<T>): Promise<T>;
}
