// SPDX-License-Identifier: Apache-2.0
// One contract, every Store: SQLite (file and :memory:) and the real PostgreSQL on this machine.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Migration, type Store } from '../../src/store/index.js';
import { PG_URL, RUN_POSTGRES, dropSchema, toRunName } from './support/services.js';

const dir = mkdtempSync(join(tmpdir(), 'citadel-store-'));

interface Backend {
  readonly name: string;
  readonly run: boolean;
  open(): Promise<Store>;
  cleanup(): Promise<void>;
}

const pgSchema = toRunName('store');
const BACKENDS: readonly Backend[] = [
  { name: 'sqlite file', run: true, open: () => openStore(`sqlite:${join(dir, 'contract.db')}`), cleanup: () => Promise.resolve() },
  { name: 'sqlite :memory:', run: true, open: () => openStore('sqlite::memory:'), cleanup: () => Promise.resolve() },
  { name: 'postgresql', run: RUN_POSTGRES, open: () => openStore(PG_URL, { schema: pgSchema }), cleanup: () => dropSchema(pgSchema) },
];

const NOTES: readonly Migration[] = [
  { version: 1, description: 'notes', sql: 'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)' },
  {
    version: 2,
    description: 'blobs and big integers',
    sql: {
      sqlite: 'ALTER TABLE notes ADD COLUMN data BLOB; ALTER TABLE notes ADD COLUMN big INTEGER',
      postgres: 'ALTER TABLE notes ADD COLUMN data BYTEA; ALTER TABLE notes ADD COLUMN big BIGINT',
    },
  },
];

for (const backend of BACKENDS) {
  describe.runIf(backend.run)(`Store contract: ${backend.name}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await backend.open();
      await store.migrate('contract', NOTES);
    });
    afterAll(async () => {
      await store.close();
      await backend.cleanup();
    });

    it('applies migrations once, in order, and records them', async () => {
      await store.migrate('contract', NOTES);
      const rows = await store.all<{ version: number }>('SELECT version FROM citadel_migrations WHERE namespace = ? ORDER BY version', ['contract']);
      expect(rows.map((r) => r.version)).toEqual([1, 2]);
    });

    it('refuses a database newer than the code', async () => {
      await expect(store.migrate('contract', NOTES.slice(0, 1))).rejects.toMatchObject({ code: 'STORE_MIGRATION' });
    });

    it('refuses migrations out of order', async () => {
      await expect(store.migrate('other', [NOTES[1] as Migration])).rejects.toMatchObject({ code: 'STORE_USAGE' });
    });

    it('rolls a failed migration back entirely', async () => {
      const bad: Migration[] = [{ version: 1, description: 'half', sql: 'CREATE TABLE half_done (x INTEGER); CREATE TABLE broken (' }];
      await expect(store.migrate('broken', bad)).rejects.toMatchObject({ code: 'STORE_MIGRATION' });
      await expect(store.all('SELECT * FROM half_done')).rejects.toMatchObject({ code: 'STORE_IO' });
    });

    it('round-trips text, blobs and integers up to 2^53', async () => {
      const data = Buffer.from([0, 1, 2, 255]);
      await store.run('INSERT INTO notes (id, body, data, big) VALUES (?, ?, ?, ?)', [1, 'héllo ?', data, Number.MAX_SAFE_INTEGER]);
      const row = await store.get<{ body: string; data: Buffer; big: number }>('SELECT body, data, big FROM notes WHERE id = ?', [1]);
      expect(row?.body).toBe('héllo ?');
      expect(Buffer.from(row?.data ?? []).equals(data)).toBe(true);
      expect(row?.big).toBe(Number.MAX_SAFE_INTEGER);
    });

    it("leaves '?' inside string literals alone", async () => {
      const row = await store.get<{ q: string; n: number }>("SELECT 'what?' AS q, ? AS n", [7]);
      expect(row?.q).toBe('what?');
      expect(Number(row?.n)).toBe(7);
    });

    it('inserts many rows at once, past the per-statement parameter limit', async () => {
      const rows = Array.from({ length: 25_000 }, (_, i) => [1000 + i, `n${i}`, Uint8Array.of(i % 256), i] as const);
      await store.insertMany('notes', ['id', 'body', 'data', 'big'], rows);
      const count = await store.get<{ n: number }>('SELECT COUNT(*) AS n FROM notes WHERE id >= 1000');
      expect(Number(count?.n)).toBe(25_000);
    });

    it('refuses identifiers that are not plain names, and rows of the wrong width', async () => {
      await expect(store.insertMany('notes; DROP TABLE notes', ['id'], [[1]])).rejects.toMatchObject({ code: 'STORE_USAGE' });
      await expect(store.insertMany('notes', ['id', 'body'], [[1]])).rejects.toMatchObject({ code: 'STORE_USAGE' });
    });

    it('commits a transaction that resolves', async () => {
      await store.transaction(async (tx) => {
        await tx.lock('notes');
        await tx.run('INSERT INTO notes (id, body) VALUES (?, ?)', [2, 'kept']);
      });
      expect((await store.get<{ body: string }>('SELECT body FROM notes WHERE id = 2'))?.body).toBe('kept');
    });

    it('rolls back a transaction that throws, and rethrows its error', async () => {
      const failure = new Error('nope');
      await expect(store.transaction(async (tx) => {
        await tx.run('INSERT INTO notes (id, body) VALUES (?, ?)', [3, 'gone']);
        throw failure;
      })).rejects.toBe(failure);
      expect(await store.get('SELECT body FROM notes WHERE id = 3')).toBeUndefined();
    });

    it('serialises writers that read then write under one lock', async () => {
      await store.run('INSERT INTO notes (id, body, big) VALUES (?, ?, ?)', [4, 'counter', 0]);
      const bump = (): Promise<void> => store.transaction(async (tx) => {
        await tx.lock('counter');
        const row = await tx.get<{ big: number }>('SELECT big FROM notes WHERE id = 4');
        await new Promise((resolve) => setTimeout(resolve, 2));
        await tx.run('UPDATE notes SET big = ? WHERE id = 4', [(row?.big ?? 0) + 1]);
      });
      await Promise.all(Array.from({ length: 20 }, bump));
      expect((await store.get<{ big: number }>('SELECT big FROM notes WHERE id = 4'))?.big).toBe(20);
    });

    it('reports a failing statement as STORE_IO without its parameters', async () => {
      const error: unknown = await store.run('INSERT INTO notes (id, body) VALUES (?, ?)', [2, 'secret-value']).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'STORE_IO' });
      expect((error as Error).message).not.toContain('secret-value');
    });
  });
}

describe('openStore', () => {
  it('refuses unknown URL schemes', async () => {
    await expect(openStore('mysql://x')).rejects.toMatchObject({ code: 'STORE_USAGE' });
    await expect(openStore('sqlite:')).rejects.toMatchObject({ code: 'STORE_USAGE' });
  });

  it('reports an unreachable PostgreSQL as STORE_UNAVAILABLE', async () => {
    await expect(openStore('postgres://postgres@127.0.0.1:1/none')).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
  });

  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(openStore(PG_URL, { schema: 'x; DROP' })).rejects.toMatchObject({ code: 'STORE_USAGE' });
  });

  it('throws STORE_CLOSED after close', async () => {
    const store = await openStore('sqlite::memory:');
    await store.close();
    await expect(store.all('SELECT 1')).rejects.toMatchObject({ code: 'STORE_CLOSED' });
  });

  it('opens SQLite in WAL mode', async () => {
    const store = await openStore(`sqlite:${join(dir, 'wal.db')}`);
    expect((await store.get<{ journal_mode: string }>('PRAGMA journal_mode'))?.journal_mode).toBe('wal');
    await store.close();
  });
});
