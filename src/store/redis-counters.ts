// SPDX-License-Identifier: Apache-2.0
import type { Redis } from 'ioredis';
import { StoreError } from './errors.js';
import { checkBucket, checkKey, checkWindow } from './rate-math.js';
import { LuaScript } from './redis-connection.js';
import { toRedisFailure } from './redis-errors.js';
import type { RateCounter, RateDecision, TokenBucketOptions, WindowOptions } from './shared.js';

// Both scripts read the clock with TIME inside Redis, so replicas with skewed clocks share one
// timeline; scripts are atomic, so concurrent callers never both take the last token.
const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
`;

/** KEYS[1] bucket hash {tokens, ts}; ARGV capacity, refill per second, cost. */
const TOKEN_BUCKET = new LuaScript(`${NOW}
local capacity, rate, cost = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1]) or capacity
local ts = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - ts) * rate / 1000)
local allowed, retry = 0, 0
if tokens >= cost then tokens = tokens - cost; allowed = 1 else retry = math.ceil((cost - tokens) / rate * 1000) end
redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens), 'ts', string.format('%.17g', now))
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / rate * 1000) + 1000)
return {allowed, string.format('%.17g', tokens), retry}`);

/** KEYS[1] zset of "seq:cost" scored by time, KEYS[2] hash {sum, seq}; ARGV window ms, limit, cost. */
const SLIDING_WINDOW = new LuaScript(`${NOW}
local window, limit, cost = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local function costOf(member) return tonumber(string.match(member, ':(.+)$')) end
local sum = tonumber(redis.call('HGET', KEYS[2], 'sum')) or 0
local old = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now - window)
for _, m in ipairs(old) do sum = sum - costOf(m) end
if #old > 0 then redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window) end
if redis.call('ZCARD', KEYS[1]) == 0 then sum = 0 end
local result
if sum + cost <= limit then
  local seq = redis.call('HINCRBY', KEYS[2], 'seq', 1)
  redis.call('ZADD', KEYS[1], now, seq .. ':' .. ARGV[3])
  sum = sum + cost
  result = {1, string.format('%.17g', limit - sum), 0}
else
  local need, freed, retry = sum + cost - limit, 0, window
  local hits = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
  for i = 1, #hits, 2 do
    freed = freed + costOf(hits[i])
    if freed >= need then retry = math.max(1, math.ceil(tonumber(hits[i + 1]) + window - now)); break end
  end
  result = {0, string.format('%.17g', limit - sum), retry}
end
redis.call('HSET', KEYS[2], 'sum', string.format('%.17g', sum))
redis.call('PEXPIRE', KEYS[1], window)
redis.call('PEXPIRE', KEYS[2], window)
return result`);

function toDecision(reply: unknown): RateDecision {
  const [allowed, remaining, retry] = reply as [number, string, number];
  return { allowed: allowed === 1, remaining: Number(remaining), retryAfterMs: retry };
}

/** Rate counters shared by every replica through Redis. */
export class RedisCounters implements RateCounter {
  private closed = false;

  constructor(private readonly redis: Redis, private readonly prefix: string) {}

  private toKeys(key: string): { bucket: string; window: string; windowState: string } {
    if (this.closed) throw new StoreError('STORE_CLOSED', 'expected open counters, got closed ones');
    checkKey(key);
    // The {hash tag} keeps one caller's keys in one Redis Cluster slot, as multi-key scripts need.
    const base = `${this.prefix}rate:{${key}}`;
    return { bucket: `${base}:b`, window: `${base}:w`, windowState: `${base}:ws` };
  }

  async takeToken(key: string, options: TokenBucketOptions): Promise<RateDecision> {
    const keys = this.toKeys(key);
    const cost = checkBucket(options);
    return toDecision(await TOKEN_BUCKET.run(this.redis, [keys.bucket], [options.capacity, options.refillPerSecond, cost]));
  }

  async hitWindow(key: string, options: WindowOptions): Promise<RateDecision> {
    const keys = this.toKeys(key);
    const cost = checkWindow(options);
    return toDecision(await SLIDING_WINDOW.run(this.redis, [keys.window, keys.windowState], [options.windowMs, options.limit, cost]));
  }

  async reset(key: string): Promise<void> {
    const keys = this.toKeys(key);
    try {
      await this.redis.del(keys.bucket, keys.window, keys.windowState);
    } catch (error) {
      throw toRedisFailure(error);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.redis.quit().catch(() => undefined);
  }
}
