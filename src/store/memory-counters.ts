// SPDX-License-Identifier: Apache-2.0
import { StoreError } from './errors.js';
import { checkBucket, checkKey, checkWindow, toPromise } from './rate-math.js';
import type { RateCounter, RateDecision, TokenBucketOptions, WindowOptions } from './shared.js';

interface Bucket {
  tokens: number;
  updatedAt: number;
  idleAt: number;
}

interface Window {
  readonly hits: { readonly at: number; readonly cost: number }[];
  sum: number;
  windowMs: number;
}

/** Sweep idle state every so many calls, so keys from past callers do not pile up. */
const SWEEP_EVERY = 1024;

/** The single-process twin of the Redis counters: same arithmetic, a Map instead of Lua. */
export class MemoryCounters implements RateCounter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly windows = new Map<string, Window>();
  private calls = 0;
  private closed = false;

  constructor(private readonly now: () => number) {}

  takeToken(key: string, options: TokenBucketOptions): Promise<RateDecision> {
    return toPromise(() => this.takeTokenNow(key, options));
  }

  hitWindow(key: string, options: WindowOptions): Promise<RateDecision> {
    return toPromise(() => this.hitWindowNow(key, options));
  }

  reset(key: string): Promise<void> {
    return toPromise(() => {
      this.check(key);
      this.buckets.delete(key);
      this.windows.delete(key);
    });
  }

  private takeTokenNow(key: string, options: TokenBucketOptions): RateDecision {
    this.check(key);
    const cost = checkBucket(options);
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: options.capacity, updatedAt: now, idleAt: now };
    // Continuous refill since the last call, capped at capacity.
    bucket.tokens = Math.min(options.capacity, bucket.tokens + (Math.max(0, now - bucket.updatedAt) * options.refillPerSecond) / 1000);
    bucket.updatedAt = now;
    bucket.idleAt = now + Math.ceil((options.capacity / options.refillPerSecond) * 1000);
    this.buckets.set(key, bucket);
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return { allowed: true, remaining: bucket.tokens, retryAfterMs: 0 };
    }
    const retryAfterMs = Math.ceil(((cost - bucket.tokens) / options.refillPerSecond) * 1000);
    return { allowed: false, remaining: bucket.tokens, retryAfterMs };
  }

  private hitWindowNow(key: string, options: WindowOptions): RateDecision {
    this.check(key);
    const cost = checkWindow(options);
    const now = this.now();
    const window = this.windows.get(key) ?? { hits: [], sum: 0, windowMs: options.windowMs };
    window.windowMs = options.windowMs;
    this.windows.set(key, window);
    expireHits(window, now);
    if (window.sum + cost <= options.limit) {
      window.hits.push({ at: now, cost });
      window.sum += cost;
      return { allowed: true, remaining: options.limit - window.sum, retryAfterMs: 0 };
    }
    return { allowed: false, remaining: options.limit - window.sum, retryAfterMs: toWindowRetry(window, { now, need: window.sum + cost - options.limit }) };
  }

  close(): Promise<void> {
    this.closed = true;
    this.buckets.clear();
    this.windows.clear();
    return Promise.resolve();
  }

  private check(key: string): void {
    if (this.closed) throw new StoreError('STORE_CLOSED', 'expected open counters, got closed ones');
    checkKey(key);
    if (++this.calls % SWEEP_EVERY === 0) this.sweep(this.now());
  }

  private sweep(now: number): void {
    for (const [key, bucket] of this.buckets) if (bucket.idleAt <= now) this.buckets.delete(key);
    for (const [key, window] of this.windows) {
      expireHits(window, now);
      if (window.hits.length === 0) this.windows.delete(key);
    }
  }
}

/** Drops hits older than the window: a hit at `at` counts while now < at + windowMs. */
function expireHits(window: Window, now: number): void {
  let drop = 0;
  for (const hit of window.hits) {
    if (hit.at + window.windowMs > now) break;
    window.sum -= hit.cost;
    drop += 1;
  }
  if (drop > 0) window.hits.splice(0, drop);
  if (window.hits.length === 0) window.sum = 0;
}

/** @returns milliseconds until enough of the oldest hits expire to free `need` units. */
function toWindowRetry(window: Window, at: { readonly now: number; readonly need: number }): number {
  let freed = 0;
  for (const hit of window.hits) {
    freed += hit.cost;
    if (freed >= at.need) return Math.max(1, hit.at + window.windowMs - at.now);
  }
  return window.windowMs;
}
