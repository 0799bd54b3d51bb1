// SPDX-License-Identifier: Apache-2.0
// One contract per shared structure, run against the in-memory twin and the real Redis: rate
// counters (token bucket, sliding window), the expiring set, and publish/subscribe.
import { afterAll, describe, expect, it } from 'vitest';
import { openCounters, openExpiringSet, openPubSub, type ExpiringSet, type PubSub, type RateCounter } from '../../src/store/index.js';
import { REDIS_URL, RUN_REDIS, deleteKeys, toRunName } from './support/services.js';

const prefix = `${toRunName('shared')}:`;
const BACKENDS = [
  { name: 'memory', run: true, url: undefined },
  { name: 'redis', run: RUN_REDIS, url: REDIS_URL },
] as const;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
let keySeq = 0;
const freshKey = (): string => `k${++keySeq}`;

afterAll(async () => {
  if (RUN_REDIS) await deleteKeys(prefix);
});

for (const backend of BACKENDS) {
  describe.runIf(backend.run)(`RateCounter contract: ${backend.name}`, () => {
    let counters: RateCounter;
    let replica: RateCounter;
    it('opens', async () => {
      counters = await openCounters(backend.url, { prefix });
      replica = backend.url === undefined ? counters : await openCounters(backend.url, { prefix });
    });
    afterAll(async () => {
      await counters.close();
      await replica.close();
    });

    it('grants a full bucket, then denies with the time until enough tokens return', async () => {
      const key = freshKey();
      const bucket = { capacity: 3, refillPerSecond: 10 };
      for (let i = 0; i < 3; i += 1) expect((await counters.takeToken(key, bucket)).allowed).toBe(true);
      const denied = await counters.takeToken(key, bucket);
      expect(denied.allowed).toBe(false);
      expect(denied.retryAfterMs).toBeGreaterThan(0);
      expect(denied.retryAfterMs).toBeLessThanOrEqual(100);
      await sleep(denied.retryAfterMs + 30);
      expect((await counters.takeToken(key, bucket)).allowed).toBe(true);
    });

    it('takes a weighted cost and refuses a cost above capacity', async () => {
      const key = freshKey();
      expect(await counters.takeToken(key, { capacity: 100, refillPerSecond: 1, cost: 60 })).toMatchObject({ allowed: true });
      expect(await counters.takeToken(key, { capacity: 100, refillPerSecond: 1, cost: 60 })).toMatchObject({ allowed: false });
      await expect(counters.takeToken(key, { capacity: 10, refillPerSecond: 1, cost: 11 })).rejects.toMatchObject({ code: 'STORE_USAGE' });
    });

    it('counts a sliding window exactly and frees units as old hits leave it', async () => {
      const key = freshKey();
      const window = { limit: 5, windowMs: 300 };
      expect(await counters.hitWindow(key, { ...window, cost: 3 })).toMatchObject({ allowed: true, remaining: 2 });
      await sleep(120);
      expect(await counters.hitWindow(key, { ...window, cost: 2 })).toMatchObject({ allowed: true, remaining: 0 });
      const denied = await counters.hitWindow(key, window);
      expect(denied.allowed).toBe(false);
      expect(denied.retryAfterMs).toBeGreaterThan(0);
      expect(denied.retryAfterMs).toBeLessThanOrEqual(300);
      await sleep(denied.retryAfterMs + 30);
      // The first hit (3 units) has left the window; the second (2) has not.
      expect(await counters.hitWindow(key, window)).toMatchObject({ allowed: true, remaining: 2 });
    });

    it('is atomic: concurrent callers on two connections never overspend', async () => {
      const key = freshKey();
      const bucket = { capacity: 10, refillPerSecond: 0.001 };
      const results = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? counters : replica).takeToken(key, bucket)));
      expect(results.filter((r) => r.allowed)).toHaveLength(10);
      const window = { limit: 7, windowMs: 60_000 };
      const hits = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? counters : replica).hitWindow(`${key}w`, window)));
      expect(hits.filter((r) => r.allowed)).toHaveLength(7);
    });

    it('forgets a key on reset', async () => {
      const key = freshKey();
      await counters.takeToken(key, { capacity: 1, refillPerSecond: 0.001 });
      expect((await counters.takeToken(key, { capacity: 1, refillPerSecond: 0.001 })).allowed).toBe(false);
      await counters.reset(key);
      expect((await counters.takeToken(key, { capacity: 1, refillPerSecond: 0.001 })).allowed).toBe(true);
    });

    it('refuses bad arguments', async () => {
      await expect(counters.takeToken('', { capacity: 1, refillPerSecond: 1 })).rejects.toMatchObject({ code: 'STORE_USAGE' });
      await expect(counters.takeToken('x'.repeat(513), { capacity: 1, refillPerSecond: 1 })).rejects.toMatchObject({ code: 'STORE_USAGE' });
      await expect(counters.takeToken('k', { capacity: 0, refillPerSecond: 1 })).rejects.toMatchObject({ code: 'STORE_USAGE' });
      await expect(counters.hitWindow('k', { limit: 1, windowMs: 0.5 })).rejects.toMatchObject({ code: 'STORE_USAGE' });
      await expect(counters.hitWindow('k', { limit: Number.NaN, windowMs: 10 })).rejects.toMatchObject({ code: 'STORE_USAGE' });
    });
  });

  describe.runIf(backend.run)(`ExpiringSet contract: ${backend.name}`, () => {
    let set: ExpiringSet;
    it('opens', async () => { set = await openExpiringSet('bans', backend.url, { prefix }); });
    afterAll(async () => { await set.close(); });

    it('holds a member until its ttl passes', async () => {
      await set.add('203.0.113.7', 200);
      expect(await set.has('203.0.113.7')).toBe(true);
      const ttl = await set.ttl('203.0.113.7');
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(200);
      await sleep(260);
      expect(await set.has('203.0.113.7')).toBe(false);
      expect(await set.ttl('203.0.113.7')).toBeUndefined();
    });

    it('replaces the expiry on a second add and removes on request', async () => {
      await set.add('key-1', 50);
      await set.add('key-1', 10_000);
      await sleep(80);
      expect(await set.has('key-1')).toBe(true);
      expect(await set.remove('key-1')).toBe(true);
      expect(await set.remove('key-1')).toBe(false);
      expect(await set.has('key-1')).toBe(false);
    });

    it('refuses a ttl below 1 ms and oversized members', async () => {
      await expect(set.add('m', 0)).rejects.toMatchObject({ code: 'STORE_USAGE' });
      await expect(set.add('m', 1.5)).rejects.toMatchObject({ code: 'STORE_USAGE' });
      await expect(set.add('x'.repeat(600), 10)).rejects.toMatchObject({ code: 'STORE_USAGE' });
    });
  });

  describe.runIf(backend.run)(`PubSub contract: ${backend.name}`, () => {
    let pubsub: PubSub;
    let other: PubSub;
    it('opens', async () => {
      pubsub = await openPubSub(backend.url, { prefix });
      other = backend.url === undefined ? pubsub : await openPubSub(backend.url, { prefix });
    });
    afterAll(async () => {
      await pubsub.close();
      await other.close();
    });

    it('delivers to every subscriber of a channel, in order, and only to them', async () => {
      const got: string[] = [];
      const elsewhere: string[] = [];
      const stop1 = await other.subscribe('bans', (message, channel) => { got.push(`${channel}:${message}`); });
      const stop2 = await other.subscribe('keys', (message) => { elsewhere.push(message); });
      expect(await pubsub.publish('bans', 'a')).toBeGreaterThanOrEqual(1);
      await pubsub.publish('bans', 'b');
      await sleep(100);
      expect(got).toEqual(['bans:a', 'bans:b']);
      expect(elsewhere).toEqual([]);
      await stop1();
      await stop2();
      await pubsub.publish('bans', 'c');
      await sleep(100);
      expect(got).toEqual(['bans:a', 'bans:b']);
    });

    it('keeps delivering to the others when one handler throws', async () => {
      const got: string[] = [];
      const stopBad = await other.subscribe('alerts', () => { throw new Error('bug'); });
      const stopGood = await other.subscribe('alerts', (message) => { got.push(message); });
      await pubsub.publish('alerts', 'x');
      await sleep(100);
      expect(got).toEqual(['x']);
      await stopBad();
      await stopGood();
    });

    it('refuses oversized messages', async () => {
      await expect(pubsub.publish('bans', 'x'.repeat(70_000))).rejects.toMatchObject({ code: 'STORE_USAGE' });
    });
  });
}

describe('shared structures', () => {
  it('refuse URLs that are neither redis nor memory', async () => {
    await expect(openCounters('http://x')).rejects.toMatchObject({ code: 'STORE_USAGE' });
    await expect(openPubSub('postgres://x')).rejects.toMatchObject({ code: 'STORE_USAGE' });
  });

  it('report an unreachable Redis as STORE_UNAVAILABLE', async () => {
    await expect(openExpiringSet('bans', 'redis://127.0.0.1:1')).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
  });

  it('throw STORE_CLOSED after close', async () => {
    const counters = await openCounters();
    await counters.close();
    await expect(counters.takeToken('k', { capacity: 1, refillPerSecond: 1 })).rejects.toMatchObject({ code: 'STORE_CLOSED' });
  });

  it('the in-memory counters follow an injected clock exactly', async () => {
    let now = 1_000;
    const counters = await openCounters(undefined, { now: () => now });
    const bucket = { capacity: 2, refillPerSecond: 1 };
    await counters.takeToken('k', bucket);
    await counters.takeToken('k', bucket);
    expect(await counters.takeToken('k', bucket)).toEqual({ allowed: false, remaining: 0, retryAfterMs: 1000 });
    now += 1000;
    expect(await counters.takeToken('k', bucket)).toEqual({ allowed: true, remaining: 0, retryAfterMs: 0 });
    expect(await counters.hitWindow('w', { limit: 1, windowMs: 500 })).toMatchObject({ allowed: true });
    now += 499;
    expect(await counters.hitWindow('w', { limit: 1, windowMs: 500 })).toEqual({ allowed: false, remaining: 0, retryAfterMs: 1 });
    now += 1;
    expect(await counters.hitWindow('w', { limit: 1, windowMs: 500 })).toMatchObject({ allowed: true });
  });
});
