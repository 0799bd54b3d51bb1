// SPDX-License-Identifier: Apache-2.0
import { StoreError } from './errors.js';
import { MemoryCounters } from './memory-counters.js';
import { MemoryExpiringSet } from './expiring-set.js';
import { MemoryPubSub } from './pubsub.js';
import { checkKey } from './rate-math.js';
import type { ExpiringSet, PubSub, RateCounter, SharedOptions } from './shared.js';

const DEFAULT_PREFIX = 'citadel:';

/** @returns true when `url` names a Redis server rather than the in-memory twin. */
function isRedisUrl(url: string | undefined): url is string {
  return url !== undefined && /^rediss?:\/\//.test(url);
}

/** The Redis driver and adapters, loaded on first use so single-process deployments never load them. */
async function loadRedis(): Promise<typeof import('./redis-adapters.js')> {
  return import('./redis-adapters.js');
}

function checkUrl(url: string | undefined): void {
  if (url !== undefined && url !== 'memory:' && !isRedisUrl(url)) {
    throw new StoreError('STORE_USAGE', `expected redis://…, rediss://… or memory:, got ${JSON.stringify(String(url).split(':')[0] ?? '')}:…`);
  }
}

/**
 * Opens rate counters: in Redis for `redis://…`, in this process for undefined or `memory:`.
 * @returns counters; close() them when done
 * @throws StoreError STORE_USAGE for another URL, STORE_UNAVAILABLE when Redis does not answer
 */
export async function openCounters(url?: string, options: SharedOptions = {}): Promise<RateCounter> {
  checkUrl(url);
  if (!isRedisUrl(url)) return new MemoryCounters(options.now ?? Date.now);
  const { RedisCounters, connectRedis } = await loadRedis();
  return new RedisCounters(await connectRedis(url), options.prefix ?? DEFAULT_PREFIX);
}

/**
 * Opens the expiring set `name` (e.g. `bans`): in Redis for `redis://…`, else in this process.
 * @throws StoreError STORE_USAGE for another URL or a bad name, STORE_UNAVAILABLE when Redis does not answer
 */
export async function openExpiringSet(name: string, url?: string, options: SharedOptions = {}): Promise<ExpiringSet> {
  checkUrl(url);
  checkKey(name, 'set name');
  if (!isRedisUrl(url)) return new MemoryExpiringSet(options.now ?? Date.now);
  const { RedisExpiringSet, connectRedis } = await loadRedis();
  return new RedisExpiringSet(await connectRedis(url), `${options.prefix ?? DEFAULT_PREFIX}set:{${name}}:`);
}

/**
 * Opens publish/subscribe: across replicas through Redis for `redis://…`, else in this process.
 * @throws StoreError STORE_USAGE for another URL, STORE_UNAVAILABLE when Redis does not answer
 */
export async function openPubSub(url?: string, options: SharedOptions = {}): Promise<PubSub> {
  checkUrl(url);
  if (!isRedisUrl(url)) return new MemoryPubSub();
  const { RedisPubSub, connectRedis } = await loadRedis();
  const publisher = await connectRedis(url);
  try {
    return new RedisPubSub(publisher, await connectRedis(url), `${options.prefix ?? DEFAULT_PREFIX}pubsub:`);
  } catch (error) {
    publisher.disconnect();
    throw error;
  }
}
