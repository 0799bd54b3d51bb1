// SPDX-License-Identifier: Apache-2.0
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BurstDetector } from '../../../src/gateway/alerts/burst-detector.js';
import { WebhookQueue } from '../../../src/gateway/alerts/webhook-queue.js';
import { startWebhookSink, type WebhookSink } from '../support/webhook-sink.js';

let sink: WebhookSink;
beforeEach(async () => { sink = await startWebhookSink(); });
afterEach(async () => { await sink.close(); });

const alert = (n: number) => ({ type: 'ban' as const, at: new Date(0).toISOString(), replica: 'test', n });

describe('WebhookQueue', () => {
  it('retries a failing webhook with backoff and delivers in order', async () => {
    sink.failFirst = 2;
    const outcomes: string[] = [];
    const queue = new WebhookQueue([{ url: sink.url, secret: undefined }], { queueSize: 10, retries: 3, timeoutMs: 2_000, backoffMs: 10, onOutcome: (o) => outcomes.push(o) });
    queue.enqueue(alert(1));
    queue.enqueue(alert(2));
    await queue.close(5_000);
    expect(sink.received.map((r) => r.body['n'])).toEqual([1, 2]);
    expect(sink.attempts).toBe(4);
    expect(outcomes).toEqual(['sent', 'sent']);
  });

  it('gives up after the retries and counts the failure', async () => {
    sink.failFirst = 100;
    const outcomes: string[] = [];
    const queue = new WebhookQueue([{ url: sink.url, secret: undefined }], { queueSize: 10, retries: 1, timeoutMs: 2_000, backoffMs: 5, onOutcome: (o) => outcomes.push(o) });
    queue.enqueue(alert(1));
    await queue.close(5_000);
    expect(sink.attempts).toBe(2);
    expect(outcomes).toEqual(['failed']);
  });

  it('drops alerts past its bound instead of growing', async () => {
    const outcomes: string[] = [];
    const queue = new WebhookQueue([{ url: 'http://127.0.0.1:9/unreachable', secret: undefined }], { queueSize: 3, retries: 0, timeoutMs: 200, onOutcome: (o) => outcomes.push(o) });
    const accepted = Array.from({ length: 10 }, (_, i) => queue.enqueue(alert(i)));
    expect(accepted.filter(Boolean).length).toBeLessThanOrEqual(4);
    expect(queue.pending()).toBeLessThanOrEqual(3);
    expect(outcomes.filter((o) => o === 'dropped').length).toBeGreaterThanOrEqual(6);
    await queue.close(100);
  });
});

describe('BurstDetector', () => {
  it('fires once per window when blocks reach the threshold', () => {
    const bursts = new BurstDetector(3, 1_000);
    expect([0, 10, 20, 30, 40].map((t) => bursts.record('key:a', t))).toEqual([false, false, true, false, false]);
    expect(bursts.record('key:a', 1_100)).toBe(false);
    expect([2_200, 2_201, 2_202].map((t) => bursts.record('key:a', t))).toEqual([false, false, true]);
    expect(bursts.record('key:b', 2_203)).toBe(false);
  });
});
