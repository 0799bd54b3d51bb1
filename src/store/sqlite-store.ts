// SPDX-License-Identifier: Apache-2.0
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { StoreError } from './errors.js';
import { migrateNamespace, type ExecTransaction } from './migrate.js';
import { Mutex, checkInsert, isCorruption, toQueryFailure } from './sql-text.js';
import type { Migration, SqlRow, SqlTransaction, SqlValue, Store } from './store.js';

/** Prepared statements kept per connection; dynamic SQL past this evicts the oldest. */
const STATEMENT_CACHE = 256;

type Statement = Database.Statement;

/** Rows per multi-row INSERT, within SQLite's default limit of 32766 bound parameters. */
const ROWS_PER_INSERT = 128;
const SQLITE_MAX_PARAMS = 32_000;

/** INSERT texts by table, columns and row count: the same text object keeps its statement lookup cheap. */
const INSERT_SQL = new Map<string, string>();
const INSERT_SQL_CACHE = 256;

function toInsertSql(table: string, columns: readonly string[], rows: number): string {
  const key = `${table}(${columns.join(',')})${rows}`;
  let sql = INSERT_SQL.get(key);
  if (sql === undefined) {
    const tuple = `(${columns.map(() => '?').join(',')})`;
    sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => tuple).join(',')}`;
    if (INSERT_SQL.size >= INSERT_SQL_CACHE) INSERT_SQL.delete(INSERT_SQL.keys().next().value ?? '');
    INSERT_SQL.set(key, sql);
  }
  return sql;
}

/** @returns the values of rows [start, end), flattened in order, as one parameter array. */
function toParams(rows: readonly (readonly SqlValue[])[], start: number, end: number): unknown[] {
  const params: unknown[] = [];
  for (let i = start; i < end; i += 1) {
    const row = rows[i] ?? [];
    for (let j = 0; j < row.length; j += 1) params.push(toSqliteValue(row[j] as SqlValue));
  }
  return params;
}

function toSqliteValue(value: SqlValue): unknown {
  return value instanceof Uint8Array && !Buffer.isBuffer(value) ? Buffer.from(value.buffer, value.byteOffset, value.byteLength) : value;
}

/** Statements run synchronously on one connection; the async face keeps the Store contract. */
class SqliteExecutor implements ExecTransaction {
  readonly dialect = 'sqlite' as const;
  constructor(protected readonly connection: SqliteConnection) {}

  protected get db(): Database.Database {
    return this.connection.db;
  }

  /** True once this handle (not necessarily the shared connection) was closed. */
  protected isClosed(): boolean {
    return !this.db.open;
  }

  protected prepare(sql: string): Statement {
    const statements = this.connection.statements;
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      if (statements.size >= STATEMENT_CACHE) statements.delete(statements.keys().next().value ?? '');
      statements.set(sql, statement);
    }
    return statement;
  }

  protected execute<T>(what: string, fn: () => T): T {
    if (this.isClosed()) throw new StoreError('STORE_CLOSED', 'expected an open store, got a closed one');
    try {
      return fn();
    } catch (error) {
      throw toQueryFailure(what, error);
    }
  }

  all<R extends SqlRow = SqlRow>(sql: string, params: readonly SqlValue[] = []): Promise<R[]> {
    return Promise.resolve(this.execute('a query', () => this.prepare(sql).all(...params.map(toSqliteValue)) as R[]));
  }

  get<R extends SqlRow = SqlRow>(sql: string, params: readonly SqlValue[] = []): Promise<R | undefined> {
    return Promise.resolve(this.execute('a query', () => this.prepare(sql).get(...params.map(toSqliteValue)) as R | undefined));
  }

  run(sql: string, params: readonly SqlValue[] = []): Promise<{ readonly changes: number }> {
    return Promise.resolve(this.execute('a statement', () => ({ changes: this.prepare(sql).run(...params.map(toSqliteValue)).changes })));
  }

  insertMany(table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[]): Promise<void> {
    checkInsert(table, columns, rows);
    this.execute(`an insert into ${table}`, () => {
      // Many rows per statement: each run() has a fixed cost that dominates small rows.
      const chunk = Math.max(1, Math.min(ROWS_PER_INSERT, Math.floor(SQLITE_MAX_PARAMS / columns.length)));
      const insertAll = (): void => {
        let at = 0;
        // Spread, not one array argument: better-sqlite3 reads arguments directly but array items
        // one V8 lookup at a time, which makes binding about 1.6 times slower.
        for (; at + chunk <= rows.length; at += chunk) this.prepare(toInsertSql(table, columns, chunk)).run(...toParams(rows, at, at + chunk));
        if (at < rows.length) this.prepare(toInsertSql(table, columns, rows.length - at)).run(...toParams(rows, at, rows.length));
      };
      // Outside a transaction every statement would be its own commit; all or none is also what callers expect.
      if (this.db.inTransaction) insertAll();
      else this.db.transaction(insertAll).immediate();
    });
    return Promise.resolve();
  }

  exec(sql: string): Promise<void> {
    this.execute('a migration', () => this.db.exec(sql));
    return Promise.resolve();
  }

  // BEGIN IMMEDIATE already holds SQLite's single write lock for the whole transaction.
  lock(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * One better-sqlite3 connection, shared by every store opened on the same file in this process:
 * its calls are synchronous, so a second connection waiting on SQLite's write lock would block
 * the event loop that the first needs to finish its transaction.
 */
interface SqliteConnection {
  readonly db: Database.Database;
  readonly mutex: Mutex;
  readonly statements: Map<string, Statement>;
  readonly key: string;
  refs: number;
}

const CONNECTIONS = new Map<string, SqliteConnection>();

/** The embedded default: SQLite in WAL mode. */
export class SqliteStore extends SqliteExecutor implements Store {
  private closed = false;

  constructor(readonly url: string, connection: SqliteConnection) {
    super(connection);
  }

  protected override isClosed(): boolean {
    return this.closed || super.isClosed();
  }

  override all<R extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<R[]> {
    return this.connection.mutex.run(() => super.all<R>(sql, params));
  }

  override get<R extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<R | undefined> {
    return this.connection.mutex.run(() => super.get<R>(sql, params));
  }

  override run(sql: string, params?: readonly SqlValue[]): Promise<{ readonly changes: number }> {
    return this.connection.mutex.run(() => super.run(sql, params));
  }

  override insertMany(table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[]): Promise<void> {
    return this.connection.mutex.run(() => super.insertMany(table, columns, rows));
  }

  transaction<T>(fn: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    return this.runTransaction(fn);
  }

  /** A transaction whose executor can also run multi-statement SQL, for migrations. */
  runTransaction<T>(fn: (tx: ExecTransaction) => Promise<T>): Promise<T> {
    return this.connection.mutex.run(async () => {
      this.execute('begin', () => this.prepare('BEGIN IMMEDIATE').run());
      try {
        const result = await fn(new SqliteExecutor(this.connection));
        this.execute('commit', () => this.prepare('COMMIT').run());
        return result;
      } catch (error) {
        if (this.db.open && this.db.inTransaction) this.db.prepare('ROLLBACK').run();
        throw error;
      }
    });
  }

  migrate(namespace: string, migrations: readonly Migration[]): Promise<void> {
    return migrateNamespace(this, { namespace, migrations });
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    const connection = this.connection;
    return connection.mutex.run(() => {
      connection.refs -= 1;
      if (connection.refs > 0) return;
      CONNECTIONS.delete(connection.key);
      if (connection.db.open) connection.db.close();
    });
  }
}

function connect(path: string): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode survives process crashes; only a power loss can drop the last commits.
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 10000');
    // 64 MiB of page cache (default 2 MiB): a batch of 10,000 entries dirties a few MiB, which
    // would otherwise spill to the WAL before COMMIT.
    db.pragma('cache_size = -65536');
    db.pragma('foreign_keys = ON');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Opens (creating when needed) a SQLite database file with WAL journaling, so readers never block
 * the writer and a crash mid-transaction leaves the last committed state (sqlite.org/wal.html).
 * @throws StoreError STORE_UNAVAILABLE when the file cannot be opened
 */
export function openSqliteStore(url: string, path: string): SqliteStore {
  // :memory: databases are private to their connection, so they are never shared.
  const key = path === ':memory:' ? `:memory:${String(Math.random())}` : resolve(path);
  try {
    let connection = CONNECTIONS.get(key);
    if (connection === undefined || !connection.db.open) {
      connection = { db: connect(path), mutex: new Mutex(), statements: new Map(), key, refs: 0 };
      CONNECTIONS.set(key, connection);
    }
    connection.refs += 1;
    return new SqliteStore(url, connection);
  } catch (error) {
    const code = isCorruption(error) ? 'STORE_CORRUPT' : 'STORE_UNAVAILABLE';
    throw new StoreError(code, `expected a sqlite database at ${path}, got: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** Offset of the "in-header database size" in pages (sqlite.org/fileformat2.html §1.3.7). */
const HEADER_PAGE_COUNT = 28;

/**
 * Opens a private copy of a damaged SQLite file so that what survives can still be read. A
 * truncated file's header still claims its old page count, which makes SQLite refuse the whole
 * file; with the count zeroed SQLite sizes the database from the file (§1.3.7) and only reads of
 * lost pages fail. The original is never written.
 * @throws StoreError STORE_CORRUPT when even the copy cannot be opened
 */
export function openRecoveredSqliteStore(url: string, path: string): SqliteStore {
  const dir = mkdtempSync(join(tmpdir(), 'citadel-recover-'));
  const copy = join(dir, basename(path));
  copyFileSync(path, copy);
  if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${copy}-wal`);
  const bytes = readFileSync(copy);
  if (bytes.length >= HEADER_PAGE_COUNT + 4) {
    bytes.writeUInt32BE(0, HEADER_PAGE_COUNT);
    writeFileSync(copy, bytes);
  }
  let store: SqliteStore;
  try {
    store = openSqliteStore(url, copy);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const close = store.close.bind(store);
  store.close = async () => {
    await close();
    rmSync(dir, { recursive: true, force: true });
  };
  return store;
}
