// SPDX-License-Identifier: Apache-2.0

/** The SQL dialect behind a Store, for the rare statement that must differ (bulk reads, upserts). */
export type Dialect = 'sqlite' | 'postgres';

/**
 * A value bound to a `?` placeholder. Integers come back as `number` from both dialects (BIGINT
 * beyond 2^53 is refused rather than rounded), blobs as `Buffer`.
 */
export type SqlValue = string | number | bigint | Uint8Array | null;

/** One result row, keyed by column name. */
export type SqlRow = Record<string, unknown>;

/**
 * What both a Store and an open transaction can do. SQL uses `?` placeholders in both dialects (the
 * PostgreSQL driver rewrites them to `$1..$n`), so a `?` may not appear inside a string literal.
 */
export interface SqlExecutor {
  readonly dialect: Dialect;
  /** @returns every row of a query. @throws StoreError STORE_IO */
  all<R extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<R[]>;
  /** @returns the first row of a query, or undefined. @throws StoreError STORE_IO */
  get<R extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<R | undefined>;
  /** Runs a statement. @returns the number of rows it changed. @throws StoreError STORE_IO */
  run(sql: string, params?: readonly SqlValue[]): Promise<{ readonly changes: number }>;
  /**
   * Inserts many rows into `table` in as few round trips as the dialect allows.
   * @throws StoreError STORE_USAGE for a bad identifier or a row of the wrong width, STORE_IO
   */
  insertMany(table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[]): Promise<void>;
}

/** A transaction: everything a SqlExecutor does, plus a lock that serialises writers by name. */
export interface SqlTransaction extends SqlExecutor {
  /**
   * Holds `name` until the transaction ends, across every process sharing the database
   * (PostgreSQL advisory lock; SQLite's BEGIN IMMEDIATE already serialises all writers).
   */
  lock(name: string): Promise<void>;
}

/** One versioned schema step. `sql` may hold several statements; give both dialects when they differ. */
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string | { readonly sqlite: string; readonly postgres: string };
}

/** A relational store: embedded SQLite by default, PostgreSQL when many replicas share one log. */
export interface Store extends SqlExecutor {
  /** The URL it was opened with, without any password. */
  readonly url: string;
  /**
   * Applies the migrations of `namespace` newer than the recorded version, each in its own
   * transaction, in version order. Idempotent; safe when several processes start together.
   * @throws StoreError STORE_MIGRATION when a step fails or the database is ahead of `migrations`
   */
  migrate(namespace: string, migrations: readonly Migration[]): Promise<void>;
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws.
   * Transactions in one process run one after another.
   * @returns what `fn` returned. @throws what `fn` threw, or StoreError STORE_IO
   */
  transaction<T>(fn: (tx: SqlTransaction) => Promise<T>): Promise<T>;
  /** Closes the connection(s); later calls throw StoreError STORE_CLOSED. */
  close(): Promise<void>;
}
