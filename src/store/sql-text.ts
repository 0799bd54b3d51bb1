// SPDX-License-Identifier: Apache-2.0
import { StoreError } from './errors.js';
import type { SqlValue } from './store.js';

/** Table and column names are spliced into SQL, so only plain identifiers are accepted. */
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** @throws StoreError STORE_USAGE unless `name` is a lowercase SQL identifier of at most 63 characters */
export function checkIdentifier(name: string): void {
  if (!IDENTIFIER.test(name)) throw new StoreError('STORE_USAGE', `expected a lowercase sql identifier, got ${JSON.stringify(name.slice(0, 80))}`);
}

/** @throws StoreError STORE_USAGE for a bad table, column list or row width */
export function checkInsert(table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[]): void {
  checkIdentifier(table);
  if (columns.length === 0) throw new StoreError('STORE_USAGE', 'expected at least one column, got none');
  for (const column of columns) checkIdentifier(column);
  for (const row of rows) {
    if (row.length !== columns.length) throw new StoreError('STORE_USAGE', `expected rows of ${columns.length} values, got one of ${row.length}`);
  }
}

/**
 * Rewrites `?` placeholders to PostgreSQL's `$1..$n`, leaving quoted strings and identifiers
 * alone, so one SQL text serves both dialects.
 */
export function toNumberedPlaceholders(sql: string): string {
  let n = 0;
  let quote: string | undefined;
  let out = '';
  for (const ch of sql) {
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
      out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else {
      out += ch === '?' ? `$${++n}` : ch;
    }
  }
  return out;
}

/** Serialises async work: the next task starts when the previous one settles. */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  /** @returns what `task` returned, once every earlier task has settled. */
  run<T>(task: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** @returns a message naming the failed operation, and the driver's message (never parameters). */
export function toQueryFailure(what: string, error: unknown): StoreError {
  const reason = error instanceof Error ? error.message : String(error);
  const code = isCorruption(error) ? 'STORE_CORRUPT' : 'STORE_IO';
  return new StoreError(code, `expected ${what} to succeed, got: ${reason}`, { cause: error });
}

/** @returns true for SQLite's "damaged file" errors (sqlite.org/rescode.html SQLITE_CORRUPT, SQLITE_NOTADB). */
export function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}
