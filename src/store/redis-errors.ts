// SPDX-License-Identifier: Apache-2.0
// Kept apart from redis-connection.ts so that the in-memory twins never load the ioredis driver.
import { StoreError } from './errors.js';

/** @returns a StoreError for a failed Redis command. */
export function toRedisFailure(error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  return new StoreError('STORE_UNAVAILABLE', `expected redis to answer, got: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}
