// SPDX-License-Identifier: Apache-2.0
import { CitadelError } from '../core/index.js';

/** Stable codes raised by the store layer (SQLite, PostgreSQL, Redis and their in-memory twins). */
export type StoreErrorCode =
  | 'STORE_USAGE' // a bad URL, identifier, option or argument
  | 'STORE_UNAVAILABLE' // the database or Redis server could not be reached
  | 'STORE_IO' // a query failed after the connection was made
  | 'STORE_MIGRATION' // a migration failed, or the database is newer than this code
  | 'STORE_CORRUPT' // the database file is damaged (truncated, overwritten)
  | 'STORE_CLOSED'; // the store was used after close()

export class StoreError extends CitadelError<StoreErrorCode> {}
