// SPDX-License-Identifier: Apache-2.0
// Every way an insider can rewrite a SQLite log, each caught by `citadel ledger verify` against a
// checkpoint (or an export) taken before, with the first bad index named.
import { copyFileSync, mkdtempSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { openLedger, openSigner } from '../../src/ledger/index.js';
import { openStore } from '../../src/store/index.js';
import { runLedger, toBadIndex } from './support/cli.js';

const ORIGIN = 'citadel.local/ledger';
const SIZE = 3000;
const BATCH = 500;
const dir = mkdtempSync(join(tmpdir(), 'citadel-tamper-'));
const pristine = join(dir, 'pristine.db');
const checkpointFile = join(dir, 'checkpoint.txt');
const exportFile = join(dir, 'export.jsonl');

function toEntry(i: number): Record<string, unknown> {
  return { i, actor: `custodian-${i % 5}`, action: i % 3 === 0 ? 'approve' : 'read', object: `weights/shard-${i}` };
}

/** @returns a fresh copy of the pristine log to tamper with. */
function copyLog(name: string): string {
  const path = join(dir, `${name}.db`);
  copyFileSync(pristine, path);
  return path;
}

function verify(path: string, against = checkpointFile): ReturnType<typeof runLedger> {
  return runLedger(['verify', '--db', `sqlite:${path}`, '--key-dir', dir, '--against', against]);
}

function withDb(path: string, change: (db: Database.Database) => void): void {
  const db = new Database(path);
  try {
    change(db);
  } finally {
    db.close();
  }
}

/** Builds the log with the library (fast), then checkpoints and exports it with the CLI, as an operator would. */
beforeAll(async () => {
  const store = await openStore(`sqlite:${pristine}`);
  const ledger = await openLedger({ store, signer: await openSigner({ dir, name: ORIGIN }), origin: ORIGIN });
  for (let start = 0; start < SIZE; start += BATCH) await ledger.append(Array.from({ length: BATCH }, (_, i) => toEntry(start + i)));
  await store.close();
  const checkpoint = runLedger(['checkpoint', '--db', `sqlite:${pristine}`, '--key-dir', dir]);
  expect(checkpoint.status, checkpoint.stderr).toBe(0);
  writeFileSync(checkpointFile, checkpoint.stdout);
  const exported = runLedger(['export', '--db', `sqlite:${pristine}`, '--key-dir', dir]);
  writeFileSync(exportFile, exported.stdout);
}, 120_000);

// Each CLI run starts a whole node process, seconds each on a busy machine.
describe('citadel ledger verify: tampering', { timeout: 300_000 }, () => {
  it('passes the untouched log, against the checkpoint and against the export', () => {
    const ok = verify(copyLog('untouched'));
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain(`ok: ${SIZE} entries`);
    expect(verify(copyLog('untouched-export'), exportFile).status).toBe(0);
  });

  it('names an edited entry', () => {
    const path = copyLog('edited');
    withDb(path, (db) => db.prepare('UPDATE ledger_entries SET body = ? WHERE idx = 1234').run(Buffer.from(JSON.stringify({ ...toEntry(1234), action: 'release' }))));
    const result = verify(path);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('LEDGER_TAMPERED');
    expect(toBadIndex(result)).toBe(1234);
  });

  it('names the first of the newest entries deleted, with or without the size lowered to match', () => {
    const path = copyLog('deleted-newest');
    withDb(path, (db) => db.prepare('DELETE FROM ledger_entries WHERE idx >= 2990').run());
    expect(toBadIndex(verify(path))).toBe(2990);
    const hidden = copyLog('deleted-newest-hidden');
    withDb(hidden, (db) => {
      db.prepare('DELETE FROM ledger_entries WHERE idx >= 2990').run();
      db.prepare('DELETE FROM ledger_checkpoints WHERE size > 2990').run();
      db.prepare('UPDATE ledger_logs SET size = 2990').run();
    });
    const result = verify(hidden);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('LEDGER_INCONSISTENT');
    expect(toBadIndex(result)).toBe(2990);
  });

  it('names an entry deleted from the middle, with or without the later ones renumbered', () => {
    const path = copyLog('deleted-middle');
    withDb(path, (db) => db.prepare('DELETE FROM ledger_entries WHERE idx = 777').run());
    expect(toBadIndex(verify(path))).toBe(777);
    const shifted = copyLog('deleted-middle-shifted');
    withDb(shifted, (db) => {
      db.prepare('DELETE FROM ledger_entries WHERE idx = 777').run();
      db.prepare('UPDATE ledger_entries SET idx = -idx WHERE idx > 777').run();
      db.prepare('UPDATE ledger_entries SET idx = -idx - 1 WHERE idx < 0').run();
      db.prepare('UPDATE ledger_logs SET size = size - 1').run();
    });
    // Each renumbered row kept its own leaf hash, so only the subtree hashes written at append time
    // disagree: the checkpoint narrows it to the pair [776, 777]; the export names the entry itself.
    expect(toBadIndex(verify(shifted))).toBe(776);
    expect(toBadIndex(verify(shifted, exportFile))).toBe(777);
  });

  it('names the first of two reordered entries, whether or not their leaf hashes moved with them', () => {
    const path = copyLog('reordered');
    withDb(path, (db) => {
      db.prepare('UPDATE ledger_entries SET idx = -1 WHERE idx = 2001').run();
      db.prepare('UPDATE ledger_entries SET idx = 2001 WHERE idx = 2000').run();
      db.prepare('UPDATE ledger_entries SET idx = 2000 WHERE idx = -1').run();
    });
    // The rows moved with their leaf hashes: the subtree [2000, 2001] written at append time disagrees.
    expect(toBadIndex(verify(path))).toBe(2000);
    const bodies = copyLog('reordered-bodies');
    withDb(bodies, (db) => {
      const [a, b] = [2000, 2001].map((i) => (db.prepare('SELECT body FROM ledger_entries WHERE idx = ?').get(i) as { body: Buffer }).body);
      db.prepare('UPDATE ledger_entries SET body = ? WHERE idx = 2000').run(b);
      db.prepare('UPDATE ledger_entries SET body = ? WHERE idx = 2001').run(a);
    });
    expect(toBadIndex(verify(bodies))).toBe(2000);
  });

  it('catches a whole log replaced by a consistent fork signed with the same key', async () => {
    const fork = join(dir, 'fork.db');
    const store = await openStore(`sqlite:${fork}`);
    const ledger = await openLedger({ store, signer: await openSigner({ dir, name: ORIGIN }), origin: ORIGIN });
    for (let start = 0; start < SIZE; start += BATCH) {
      await ledger.append(Array.from({ length: BATCH }, (_, i) => (start + i === 42 ? { ...toEntry(42), actor: 'mallory' } : toEntry(start + i))));
    }
    expect((await ledger.verify()).size).toBe(SIZE);
    await store.close();
    // A checkpoint vouches for its whole tree at once: the rewrite is caught, somewhere from 0 on;
    // an export holds every entry, so it names the one that changed.
    const result = verify(fork);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('LEDGER_INCONSISTENT');
    expect(toBadIndex(result)).toBe(0);
    const againstExport = verify(fork, exportFile);
    expect(againstExport.status).toBe(1);
    expect(toBadIndex(againstExport)).toBe(42);
  });

  it.each([0.95, 0.7, 0.5, 0.2, 0.01])('catches the SQLite file truncated to %s of its size and names the first lost entry', (fraction) => {
    const path = copyLog(`truncated-${fraction}`);
    const pageBytes = 4096;
    truncateSync(path, Math.floor((statSync(path).size * fraction) / pageBytes) * pageBytes);
    const result = verify(path);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('LEDGER_TAMPERED');
    const index = toBadIndex(result);
    expect(index).toBeGreaterThanOrEqual(0);
    expect(index).toBeLessThanOrEqual(SIZE);
    // Every entry before the named one is still readable and intact in the damaged file.
    if (index !== undefined && index > 0) {
      const db = new Database(join(dir, 'pristine.db'), { readonly: true });
      const first = db.prepare('SELECT body FROM ledger_entries WHERE idx = ?').get(index - 1) as { body: Buffer };
      db.close();
      expect(JSON.parse(first.body.toString('utf8'))).toEqual(toEntry(index - 1));
    }
  });
});
