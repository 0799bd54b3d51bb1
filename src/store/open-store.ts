// SPDX-License-Identifier: Apache-2.0
import { StoreError } from './errors.js';
import { openRecoveredSqliteStore, openSqliteStore } from './sqlite-store.js';
import type { Store } from './store.js';

/** The embedded default: a SQLite file under the data directory, relative to the working directory. */
export const DEFAULT_STORE_URL = 'sqlite:.citadel/citadel.db';

export interface StoreOptions {
  /** PostgreSQL only: schema holding every table, created when missing (default `public`). */
  readonly schema?: string;
  /** PostgreSQL only: pool size (default 10). */
  readonly poolSize?: number;
  /**
   * SQLite only: open a private copy of a damaged file so what survives can be read and checked
   * (`citadel ledger verify` on a truncated database). The original is never written.
   */
  readonly recover?: boolean;
}

/**
 * Opens a store: `sqlite:PATH` (PATH may be `:memory:`) or `postgres://…` / `postgresql://…`.
 * @returns an open store; call close() when done
 * @throws StoreError STORE_USAGE for any other URL, STORE_UNAVAILABLE when it cannot be reached,
 * STORE_CORRUPT for a damaged SQLite file
 */
export async function openStore(url: string = DEFAULT_STORE_URL, options: StoreOptions = {}): Promise<Store> {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (path === '') throw new StoreError('STORE_USAGE', 'expected sqlite:PATH, got an empty path');
    return options.recover === true && path !== ':memory:' ? openRecoveredSqliteStore(url, path) : openSqliteStore(url, path);
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    if (options.poolSize !== undefined && !(Number.isInteger(options.poolSize) && options.poolSize >= 1 && options.poolSize <= 1000)) {
      throw new StoreError('STORE_USAGE', `expected a pool size from 1 to 1000, got ${options.poolSize}`);
    }
    // Loaded on first use: most commands never talk to PostgreSQL and need not pay for its driver.
    const { openPostgresStore } = await import('./postgres-store.js');
    return openPostgresStore(url, options);
  }
  throw new StoreError('STORE_USAGE', `expected a store url sqlite:PATH or postgres://…, got ${JSON.stringify(url.split(':')[0] ?? '')}:…`);
}
