// SPDX-License-Identifier: Apache-2.0
import type { Redis } from 'ioredis';
import { StoreError } from './errors.js';
import { checkKey, checkTtl, toPromise } from './rate-math.js';
import { toRedisFailure } from './redis-errors.js';
import type { ExpiringSet } from './shared.js';

const SWEEP_EVERY = 1024;

/** The single-process twin: a Map of member to expiry time. */
export class MemoryExpiringSet implements ExpiringSet {
  private readonly members = new Map<string, number>();
  private calls = 0;
  private closed = false;

  constructor(private readonly now: () => number) {}

  add(member: string, ttlMs: number): Promise<void> {
    return toPromise(() => {
      this.check(member);
      checkTtl(ttlMs);
      this.members.set(member, this.now() + ttlMs);
    });
  }

  async has(member: string): Promise<boolean> {
    return (await this.ttl(member)) !== undefined;
  }

  ttl(member: string): Promise<number | undefined> {
    return toPromise(() => this.ttlNow(member));
  }

  async remove(member: string): Promise<boolean> {
    const present = await this.has(member);
    this.members.delete(member);
    return present;
  }

  private ttlNow(member: string): number | undefined {
    this.check(member);
    const expiresAt = this.members.get(member);
    if (expiresAt === undefined) return undefined;
    const left = expiresAt - this.now();
    if (left > 0) return left;
    this.members.delete(member);
    return undefined;
  }

  close(): Promise<void> {
    this.closed = true;
    this.members.clear();
    return Promise.resolve();
  }

  private check(member: string): void {
    if (this.closed) throw new StoreError('STORE_CLOSED', 'expected an open set, got a closed one');
    checkKey(member, 'member');
    if (++this.calls % SWEEP_EVERY !== 0) return;
    const now = this.now();
    for (const [m, expiresAt] of this.members) if (expiresAt <= now) this.members.delete(m);
  }
}

/** One Redis key per member with PX expiry: Redis itself forgets expired bans. */
export class RedisExpiringSet implements ExpiringSet {
  private closed = false;

  constructor(private readonly redis: Redis, private readonly base: string) {}

  private toKey(member: string): string {
    if (this.closed) throw new StoreError('STORE_CLOSED', 'expected an open set, got a closed one');
    checkKey(member, 'member');
    return `${this.base}${member}`;
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw toRedisFailure(error);
    }
  }

  async add(member: string, ttlMs: number): Promise<void> {
    const key = this.toKey(member);
    checkTtl(ttlMs);
    await this.call(() => this.redis.set(key, '1', 'PX', ttlMs));
  }

  async has(member: string): Promise<boolean> {
    const key = this.toKey(member);
    return (await this.call(() => this.redis.exists(key))) === 1;
  }

  async ttl(member: string): Promise<number | undefined> {
    const key = this.toKey(member);
    const left = await this.call(() => this.redis.pttl(key));
    // PTTL: -2 when the key is absent; -1 (no expiry) cannot happen for keys this class writes.
    return left >= 0 ? left : undefined;
  }

  async remove(member: string): Promise<boolean> {
    const key = this.toKey(member);
    return (await this.call(() => this.redis.del(key))) === 1;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.redis.quit().catch(() => undefined);
  }
}
