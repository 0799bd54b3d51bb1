// SPDX-License-Identifier: Apache-2.0
// Arguments shared by both counter implementations; the arithmetic itself lives in each, the
// in-memory twin in TypeScript and the Redis one in Lua, and one contract suite holds them equal.
import { StoreError } from './errors.js';
import type { TokenBucketOptions, WindowOptions } from './shared.js';

/** Longest key accepted: keys are built from API keys or addresses, never from bodies. */
export const MAX_KEY_LENGTH = 512;

function checkPositive(value: number, what: string): void {
  if (!Number.isFinite(value) || value <= 0) throw new StoreError('STORE_USAGE', `expected ${what} to be a positive number, got ${value}`);
}

/** @throws StoreError STORE_USAGE for an empty or oversized key */
export function checkKey(key: string, what = 'key'): void {
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) throw new StoreError('STORE_USAGE', `expected a ${what} of 1 to ${MAX_KEY_LENGTH} characters, got ${key.length}`);
}

/** @returns the cost, after checking that it can ever be granted. @throws StoreError STORE_USAGE */
export function checkBucket(options: TokenBucketOptions): number {
  checkPositive(options.capacity, 'capacity');
  checkPositive(options.refillPerSecond, 'refillPerSecond');
  const cost = options.cost ?? 1;
  checkPositive(cost, 'cost');
  if (cost > options.capacity) throw new StoreError('STORE_USAGE', `expected a cost of at most the capacity ${options.capacity}, got ${cost}`);
  return cost;
}

/** @returns the cost, after checking that it can ever be granted. @throws StoreError STORE_USAGE */
export function checkWindow(options: WindowOptions): number {
  checkPositive(options.limit, 'limit');
  if (!Number.isInteger(options.windowMs) || options.windowMs < 1) throw new StoreError('STORE_USAGE', `expected windowMs to be a positive integer, got ${options.windowMs}`);
  const cost = options.cost ?? 1;
  checkPositive(cost, 'cost');
  if (cost > options.limit) throw new StoreError('STORE_USAGE', `expected a cost of at most the limit ${options.limit}, got ${cost}`);
  return cost;
}

/** @throws StoreError STORE_USAGE unless ttlMs is a positive integer */
export function checkTtl(ttlMs: number): void {
  if (!Number.isInteger(ttlMs) || ttlMs < 1) throw new StoreError('STORE_USAGE', `expected ttlMs to be a positive integer, got ${ttlMs}`);
}

/** @returns `fn()` as a promise: a synchronous throw becomes a rejection, as callers of async APIs expect. */
export function toPromise<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
