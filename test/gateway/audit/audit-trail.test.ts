// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { AuditTrail } from '../../../src/gateway/audit/audit-trail.js';
import type { Ledger } from '../../../src/ledger/index.js';

/** A ledger whose append fails while `down` is true; it records what it accepted. */
function fakeLedger(): { ledger: Ledger; appended: unknown[]; down: boolean } {
  const state = { appended: [] as unknown[], down: false, ledger: undefined as unknown as Ledger };
  state.ledger = {
    append: (entries: readonly unknown[]) => {
      if (state.down) return Promise.reject(new Error('ledger down'));
      state.appended.push(...entries);
      return Promise.resolve(entries.map((_, i) => ({ index: i, leafHash: new Uint8Array(32) })));
    },
  } as unknown as Ledger;
  return state;
}

const entry = (n: number) => ({ type: 'test', n });

describe('AuditTrail', () => {
  it('appends in batches and in order', async () => {
    const fake = fakeLedger();
    const trail = new AuditTrail(fake.ledger, { batchSize: 3, flushIntervalMs: 10, queueSize: 100 });
    for (let i = 0; i < 7; i++) trail.record(entry(i));
    await trail.close();
    expect(fake.appended.map((e) => (e as { n: number }).n)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('keeps entries through a ledger outage, reports the backlog, then catches up', async () => {
    const fake = fakeLedger();
    fake.down = true;
    let failures = 0;
    const trail = new AuditTrail(fake.ledger, { batchSize: 2, flushIntervalMs: 5, queueSize: 4, onFailure: () => { failures += 1; } });
    for (let i = 0; i < 5; i++) trail.record(entry(i));
    await trail.flush();
    expect(failures).toBeGreaterThan(0);
    expect(trail.isBacklogged()).toBe(true);
    fake.down = false;
    await trail.close(5_000);
    expect(fake.appended).toHaveLength(5);
    expect(trail.isBacklogged()).toBe(false);
  });

  it('drops and counts entries past twice its bound instead of growing', async () => {
    const fake = fakeLedger();
    fake.down = true;
    let dropped = 0;
    const trail = new AuditTrail(fake.ledger, { batchSize: 100, flushIntervalMs: 1_000, queueSize: 3, onDropped: () => { dropped += 1; } });
    const kept = Array.from({ length: 10 }, (_, i) => trail.record(entry(i))).filter(Boolean).length;
    expect(kept).toBe(6);
    expect(dropped).toBe(4);
    expect(trail.pending()).toBe(6);
    fake.down = false;
    await trail.close(5_000);
  });
});
