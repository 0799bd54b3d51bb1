// SPDX-License-Identifier: Apache-2.0
// One contract for the ledger on every store: SQLite and the real PostgreSQL on this machine.
import { afterAll, describe, expect, it } from 'vitest';
import {
  openLedger, openSigner, toLeafHash, verifyCheckpoint, verifyConsistency, verifyExport, verifyInclusion, type ExportRecord, type Ledger, type LedgerSigner,
} from '../../src/ledger/index.js';
import type { Store } from '../../src/store/index.js';
import { LEDGER_BACKENDS, toKeyDir } from './support/backends.js';

const ORIGIN = 'citadel.test/contract';

function toEntries(start: number, count: number): { n: number; actor: string }[] {
  return Array.from({ length: count }, (_, i) => ({ n: start + i, actor: `user-${(start + i) % 7}` }));
}

async function collect(records: AsyncIterable<ExportRecord>): Promise<ExportRecord[]> {
  const out: ExportRecord[] = [];
  for await (const record of records) out.push(record);
  return out;
}

for (const backend of LEDGER_BACKENDS) {
  describe.runIf(backend.run)(`Ledger contract: ${backend.name}`, () => {
    const stores: Store[] = [];
    afterAll(async () => {
      for (const store of stores) await store.close();
      await backend.cleanup();
    });

    async function openFresh(options: { checkpoint?: 'batch' | 'manual' | { everyMs: number } } = {}): Promise<{ ledger: Ledger; signer: LedgerSigner; again: () => Promise<Ledger> }> {
      const { store, again } = await backend.open();
      stores.push(store);
      const signer = await openSigner({ dir: toKeyDir(), name: ORIGIN });
      const ledger = await openLedger({ store, signer, origin: ORIGIN, ...options });
      return {
        ledger,
        signer,
        again: async () => {
          const other = await again();
          stores.push(other);
          return openLedger({ store: other, signer, origin: ORIGIN, ...options });
        },
      };
    }

    it('appends in order, returns leaf hashes of the canonical entries, and reads them back', async () => {
      const { ledger } = await openFresh();
      const first = await ledger.append([{ b: 2, a: 1 }, 'two']);
      const second = await ledger.append([[3]]);
      expect([...first, ...second].map((r) => r.index)).toEqual([0, 1, 2]);
      expect(Buffer.from(first[0]?.leafHash ?? []).equals(toLeafHash({ a: 1, b: 2 }))).toBe(true);
      expect(await ledger.size()).toBe(3);
      expect(await ledger.read(0, 3)).toEqual([{ index: 0, entry: { a: 1, b: 2 } }, { index: 1, entry: 'two' }, { index: 2, entry: [3] }]);
      expect(await ledger.append([])).toEqual([]);
    });

    it('signs one checkpoint per batch by default, verifiable with the signer key alone', async () => {
      const { ledger, signer } = await openFresh();
      await ledger.append(toEntries(0, 10));
      await ledger.append(toEntries(10, 5));
      const latest = await ledger.latestCheckpoint();
      expect(latest?.size).toBe(15);
      const checked = verifyCheckpoint(latest?.text ?? '', signer.verifierKey, ORIGIN);
      expect(Buffer.from(checked.rootHash).equals(Buffer.from(await ledger.rootHash()))).toBe(true);
      expect((await ledger.verify()).checkpoints).toBe(2);
    });

    it('signs only on request with the manual policy, and at most once per interval with everyMs', async () => {
      const manual = await openFresh({ checkpoint: 'manual' });
      await manual.ledger.append(toEntries(0, 3));
      expect(await manual.ledger.latestCheckpoint()).toBeUndefined();
      expect((await manual.ledger.checkpoint()).size).toBe(3);
      const timed = await openFresh({ checkpoint: { everyMs: 60_000 } });
      await timed.ledger.append(toEntries(0, 3));
      await timed.ledger.append(toEntries(3, 3));
      expect((await timed.ledger.latestCheckpoint())?.size).toBe(3);
    });

    it('proves inclusion of every entry and consistency between every pair of sizes', async () => {
      const { ledger } = await openFresh();
      const entries = toEntries(0, 37);
      for (let i = 0; i < entries.length; i += 6) await ledger.append(entries.slice(i, i + 6));
      const roots = await Promise.all(Array.from({ length: 38 }, (_, size) => ledger.rootHash(size)));
      for (const size of [1, 2, 5, 8, 16, 17, 36, 37]) {
        for (let index = 0; index < size; index += 1) {
          verifyInclusion(toLeafHash(entries[index]), await ledger.proveInclusion(index, size), roots[size] ?? new Uint8Array());
        }
        for (let from = 0; from <= size; from += 1) {
          verifyConsistency(await ledger.proveConsistency(from, size), roots[from] ?? new Uint8Array(), roots[size] ?? new Uint8Array());
        }
      }
    });

    it('refuses proofs past the end of the log', async () => {
      const { ledger } = await openFresh();
      await ledger.append(toEntries(0, 4));
      await expect(ledger.proveInclusion(4)).rejects.toMatchObject({ code: 'LEDGER_USAGE' });
      await expect(ledger.proveInclusion(0, 5)).rejects.toMatchObject({ code: 'LEDGER_USAGE' });
      await expect(ledger.proveConsistency(3, 2)).rejects.toMatchObject({ code: 'LEDGER_USAGE' });
      await expect(ledger.read(2, 9)).rejects.toMatchObject({ code: 'LEDGER_USAGE' });
    });

    it('keeps one log across replicas appending at once', async () => {
      const { ledger, again } = await openFresh();
      const replica = await again();
      await Promise.all([
        ...Array.from({ length: 8 }, (_, i) => ledger.append(toEntries(i * 10, 10))),
        ...Array.from({ length: 8 }, (_, i) => replica.append(toEntries(1000 + i * 10, 10))),
      ]);
      expect(await ledger.size()).toBe(160);
      const report = await replica.verify();
      expect(report.size).toBe(160);
      expect(report.checkpoints).toBe(16);
      const indexes = (await ledger.read(0, 160)).map((e) => (e.entry as { n: number }).n).sort((a, b) => a - b);
      expect(new Set(indexes).size).toBe(160);
    });

    it('verifies against an earlier checkpoint and proves it extends it', async () => {
      const { ledger } = await openFresh();
      await ledger.append(toEntries(0, 9));
      const earlier = await ledger.checkpoint();
      await ledger.append(toEntries(9, 20));
      const report = await ledger.verify({ against: earlier.text });
      expect(report).toMatchObject({ size: 29, extends: 9 });
    });

    it('exports entries with proofs that an auditor verifies with only the verifier key and an old checkpoint', async () => {
      const { ledger, signer } = await openFresh();
      await ledger.append(toEntries(0, 1500));
      const old = await ledger.checkpoint();
      await ledger.append(toEntries(1500, 700));
      const records = await collect(ledger.export({ against: old.text }));
      expect(records).toHaveLength(2201);
      const audit = await verifyExport(JSON.parse(JSON.stringify(records)) as unknown[], { verifierKey: signer.verifierKey, checkpoint: old.text });
      expect(audit).toMatchObject({ entries: 2200, extends: 1500 });
      expect(audit.checkpoint.size).toBe(2200);
      expect((await ledger.verify({ againstExport: records })).size).toBe(2200);
    });

    it('reopens a log by origin and keeps appending where it stopped', async () => {
      const { ledger, again } = await openFresh();
      await ledger.append(toEntries(0, 5));
      const reopened = await again();
      expect((await reopened.append(toEntries(5, 1)))[0]?.index).toBe(5);
      await expect(ledger.append(toEntries(6, 1))).resolves.toMatchObject([{ index: 6 }]);
      expect((await ledger.verify()).size).toBe(7);
    });
  });
}
