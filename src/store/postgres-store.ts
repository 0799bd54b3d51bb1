// SPDX-License-Identifier: Apache-2.0
import pg from 'pg';
import { StoreError } from './errors.js';
import { migrateNamespace, type ExecTransaction } from './migrate.js';
import { checkIdentifier, checkInsert, toNumberedPlaceholders, toQueryFailure } from './sql-text.js';
import type { Migration, SqlRow, SqlTransaction, SqlValue, Store } from './store.js';

/** PostgreSQL accepts at most 65535 bind parameters per statement. */
const MAX_PARAMS = 60_000;

/** BIGINT arrives as text; return it as a number, and refuse rather than round past 2^53. */
function toSafeNumber(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new StoreError('STORE_IO', `expected a bigint below 2^53, got ${text}`);
  return value;
}

/** Parsers for this pool only; pg's global parser table stays untouched for other users. */
const TYPES: pg.CustomTypesConfig = {
  getTypeParser: (oid, format) => (oid === pg.types.builtins.INT8 ? toSafeNumber : pg.types.getTypeParser(oid, format) as unknown),
};

function toPgValue(value: SqlValue): unknown {
  if (typeof value === 'bigint') return value.toString();
  return value instanceof Uint8Array && !Buffer.isBuffer(value) ? Buffer.from(value.buffer, value.byteOffset, value.byteLength) : value;
}

type Queryable = pg.Pool | pg.PoolClient;

/** Runs statements on a pool (autocommit) or on one client inside a transaction. */
class PostgresExecutor implements ExecTransaction {
  readonly dialect = 'postgres' as const;

  constructor(
    protected readonly target: Queryable,
    protected readonly lockPrefix: string,
    protected readonly isClosed: () => boolean,
  ) {}

  protected async query(what: string, sql: string, params: readonly SqlValue[]): Promise<pg.QueryResult> {
    if (this.isClosed()) throw new StoreError('STORE_CLOSED', 'expected an open store, got a closed one');
    try {
      return await this.target.query(toNumberedPlaceholders(sql), params.map(toPgValue));
    } catch (error) {
      if (error instanceof StoreError) throw error;
      throw toQueryFailure(what, error);
    }
  }

  async all<R extends SqlRow = SqlRow>(sql: string, params: readonly SqlValue[] = []): Promise<R[]> {
    return (await this.query('a query', sql, params)).rows as R[];
  }

  async get<R extends SqlRow = SqlRow>(sql: string, params: readonly SqlValue[] = []): Promise<R | undefined> {
    return (await this.query('a query', sql, params)).rows[0] as R | undefined;
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<{ readonly changes: number }> {
    return { changes: (await this.query('a statement', sql, params)).rowCount ?? 0 };
  }

  async insertMany(table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[]): Promise<void> {
    checkInsert(table, columns, rows);
    const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
    for (let start = 0; start < rows.length; start += perStatement) {
      const chunk = rows.slice(start, start + perStatement);
      const tuple = `(${columns.map(() => '?').join(', ')})`;
      const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')}`;
      await this.query(`an insert into ${table}`, sql, chunk.flat());
    }
  }

  async exec(sql: string): Promise<void> {
    if (this.isClosed()) throw new StoreError('STORE_CLOSED', 'expected an open store, got a closed one');
    try {
      await this.target.query(sql);
    } catch (error) {
      throw toQueryFailure('a migration', error);
    }
  }

  async lock(name: string): Promise<void> {
    // Transaction-scoped advisory lock: released by COMMIT or ROLLBACK, even when a replica dies.
    await this.query('a lock', 'SELECT pg_advisory_xact_lock(hashtextextended(?, 0))', [`${this.lockPrefix}:${name}`]);
  }
}

/** PostgreSQL through a `pg` pool, for many replicas sharing one database. */
export class PostgresStore extends PostgresExecutor implements Store {
  private closed = false;

  constructor(readonly url: string, private readonly pool: pg.Pool, schema: string) {
    super(pool, schema, () => this.closed);
  }

  transaction<T>(fn: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    return this.runTransaction(fn);
  }

  /** A transaction whose executor can also run multi-statement SQL, for migrations. */
  async runTransaction<T>(fn: (tx: ExecTransaction) => Promise<T>): Promise<T> {
    if (this.closed) throw new StoreError('STORE_CLOSED', 'expected an open store, got a closed one');
    const client = await this.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(new PostgresExecutor(client, this.lockPrefix, () => this.closed));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async connect(): Promise<pg.PoolClient> {
    try {
      return await this.pool.connect();
    } catch (error) {
      throw new StoreError('STORE_UNAVAILABLE', `expected a postgresql connection, got: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }

  migrate(namespace: string, migrations: readonly Migration[]): Promise<void> {
    return migrateNamespace(this, { namespace, migrations });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

/** Options for a PostgreSQL store. */
export interface PostgresOptions {
  /** Schema holding every table (created when missing); default `public`. */
  readonly schema?: string;
  /** Connections in the pool; default 10. */
  readonly poolSize?: number;
}

/**
 * Connects to PostgreSQL and checks the connection with one round trip.
 * @throws StoreError STORE_UNAVAILABLE when the server cannot be reached, STORE_USAGE for a bad schema name
 */
export async function openPostgresStore(url: string, options: PostgresOptions = {}): Promise<PostgresStore> {
  try {
    return await connectPostgres(url, options);
  } catch (error) {
    // Two processes creating the same schema at once: the loser sees a unique violation; retry once.
    if ((error as { cause?: { code?: string } }).cause?.code !== '23505') throw error;
    return connectPostgres(url, options);
  }
}

async function connectPostgres(url: string, options: PostgresOptions): Promise<PostgresStore> {
  const schema = options.schema ?? 'public';
  checkIdentifier(schema);
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, types: TYPES, options: `-c search_path=${schema}` });
  pool.on('error', () => { /* an idle client died; the next query reconnects and reports */ });
  const store = new PostgresStore(toDisplayUrl(url), pool, schema);
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new StoreError('STORE_UNAVAILABLE', `expected postgresql at ${toDisplayUrl(url)}, got: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return store;
}

/** @returns the URL without its password, for messages and `Store.url`. */
export function toDisplayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparsable url)';
  }
}
