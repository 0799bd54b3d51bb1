// SPDX-License-Identifier: Apache-2.0

/**
 * Options shared by the Redis-backed structures and their in-memory twins. Without a URL (or with
 * `memory:`) the twin is used: one process, no network.
 */
export interface SharedOptions {
  /** Key and channel prefix, so several deployments or test runs can share one Redis. */
  readonly prefix?: string;
  /** Clock for the in-memory twin, in milliseconds (tests); Redis always uses its own TIME. */
  readonly now?: () => number;
}

/** A token bucket: `capacity` tokens, refilled continuously at `refillPerSecond`. */
export interface TokenBucketOptions {
  readonly capacity: number;
  readonly refillPerSecond: number;
  /** Tokens this call takes (default 1). */
  readonly cost?: number;
}

/** A sliding window: at most `limit` units in any `windowMs` span (exact sliding log). */
export interface WindowOptions {
  readonly limit: number;
  readonly windowMs: number;
  /** Units this call adds (default 1). */
  readonly cost?: number;
}

/** The outcome of one counter call. A denied call takes nothing. */
export interface RateDecision {
  readonly allowed: boolean;
  /** Tokens (bucket) or units (window) left after this call. */
  readonly remaining: number;
  /** When denied, how long until the same call could succeed; 0 when allowed. */
  readonly retryAfterMs: number;
}

/** Atomic rate counters shared by every replica (Redis Lua) or local to one process. */
export interface RateCounter {
  /** @returns the decision for taking `cost` tokens from bucket `key`. @throws StoreError */
  takeToken(key: string, options: TokenBucketOptions): Promise<RateDecision>;
  /** @returns the decision for adding `cost` units to window `key`. @throws StoreError */
  hitWindow(key: string, options: WindowOptions): Promise<RateDecision>;
  /** Forgets `key` in both kinds of counter. */
  reset(key: string): Promise<void>;
  close(): Promise<void>;
}

/** A set whose members expire (temporary bans). */
export interface ExpiringSet {
  /** Adds `member` for `ttlMs`, replacing any earlier expiry. @throws StoreError STORE_USAGE for ttlMs < 1 */
  add(member: string, ttlMs: number): Promise<void>;
  /** @returns true while `member` is present and unexpired. */
  has(member: string): Promise<boolean>;
  /** @returns milliseconds until `member` expires, or undefined when it is absent. */
  ttl(member: string): Promise<number | undefined>;
  /** @returns true when `member` was present. */
  remove(member: string): Promise<boolean>;
  close(): Promise<void>;
}

/** Receives one message published on a channel. */
export type MessageHandler = (message: string, channel: string) => void;

/** Publish and subscribe across replicas (Redis) or within one process. Delivery is at most once. */
export interface PubSub {
  /** @returns how many subscribers received it (Redis counts connections, the twin handlers). */
  publish(channel: string, message: string): Promise<number>;
  /** Subscribes `handler`; resolves once messages can arrive. @returns a function that unsubscribes it */
  subscribe(channel: string, handler: MessageHandler): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
