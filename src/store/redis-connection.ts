// SPDX-License-Identifier: Apache-2.0
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { StoreError } from './errors.js';
import { toRedisFailure } from './redis-errors.js';

/** @returns the URL without its password, for messages. */
export function toRedisDisplayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'redis://(unparsable url)';
  }
}

/** @returns true when `url` names a Redis server rather than the in-memory twin. */
export function isRedisUrl(url: string | undefined): url is string {
  return url !== undefined && /^rediss?:\/\//.test(url);
}

/**
 * Connects to Redis and waits until it answers.
 * @throws StoreError STORE_UNAVAILABLE when it does not, STORE_USAGE for a URL that is not redis://
 */
export async function connectRedis(url: string): Promise<Redis> {
  if (!isRedisUrl(url)) throw new StoreError('STORE_USAGE', `expected a redis:// or rediss:// url, got ${JSON.stringify(String(url).split(':')[0] ?? '')}:…`);
  // Fail fast: a request waits for one reconnect at most, then reports; callers decide to retry.
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 5000 });
  redis.on('error', () => { /* surfaced by the failing command */ });
  try {
    await redis.connect();
    await redis.ping();
    return redis;
  } catch (error) {
    redis.disconnect();
    throw new StoreError('STORE_UNAVAILABLE', `expected redis at ${toRedisDisplayUrl(url)}, got: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** A Lua script run by its SHA-1 (EVALSHA), loaded again when Redis has forgotten it. */
export class LuaScript {
  private readonly sha: string;

  constructor(private readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  /** @returns the script's reply. @throws StoreError STORE_UNAVAILABLE */
  async run(redis: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!String(error).includes('NOSCRIPT')) throw toRedisFailure(error);
    }
    try {
      return await redis.eval(this.source, keys.length, ...keys, ...args);
    } catch (error) {
      throw toRedisFailure(error);
    }
  }
}
