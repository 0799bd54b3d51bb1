// SPDX-License-Identifier: Apache-2.0
// Crash safety: a writer killed with a real SIGKILL in the middle of a batch leaves a log that
// verifies, holding whole batches only (each append is one transaction). SQLite and PostgreSQL.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openLedger, openSigner } from '../../src/ledger/index.js';
import { openStore } from '../../src/store/index.js';
import { PG_URL, RUN_POSTGRES, dropSchema, toRunName } from '../store/support/services.js';
import { DIST } from './support/cli.js';

/** Large enough that an append lasts well past the kill delays below, however fast appends get. */
const BATCH = 10_000;
const ORIGIN = 'citadel.test/crash';
const dir = mkdtempSync(join(tmpdir(), 'citadel-crash-'));

/** The writer: appends batches forever, announcing each one before it starts. */
const WRITER = `
import { openStore } from ${JSON.stringify(pathToFileURL(join(DIST, 'store/index.js')).href)};
import { openLedger, openSigner } from ${JSON.stringify(pathToFileURL(join(DIST, 'ledger/index.js')).href)};
const [url, schema, keyDir] = process.argv.slice(2);
const store = await openStore(url, schema ? { schema } : {});
const ledger = await openLedger({ store, signer: await openSigner({ dir: keyDir, name: ${JSON.stringify(ORIGIN)} }), origin: ${JSON.stringify(ORIGIN)} });
for (let batch = 0; ; batch += 1) {
  const entries = Array.from({ length: ${BATCH} }, (_, i) => ({ batch, i, pad: 'x'.repeat(40) }));
  process.stdout.write('begin ' + batch + '\\n');
  await ledger.append(entries);
  process.stdout.write('end ' + batch + '\\n');
}
`;
const writerPath = join(dir, 'writer.mjs');
writeFileSync(writerPath, WRITER);

/**
 * Starts the writer and SIGKILLs it a moment after it begins batch `killAt`.
 * @returns the last batch begun, and whether its append had not returned when the kill landed
 */
function runAndKill(target: { url: string; schema: string }, killAt: number, delayMs: number): Promise<{ begun: number; midBatch: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writerPath, target.url, target.schema, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let begun = -1;
    let ended = -1;
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.stdout.on('data', (chunk: Buffer) => {
      for (const match of chunk.toString().matchAll(/begin (\d+)/g)) begun = Math.max(begun, Number(match[1]));
      for (const match of chunk.toString().matchAll(/end (\d+)/g)) ended = Math.max(ended, Number(match[1]));
      if (begun >= killAt && !child.killed) setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ begun, midBatch: ended < begun });
      else reject(new Error(`writer exited with ${String(code)} before it was killed: ${stderr}`));
    });
  });
}

const schemas: string[] = [];
afterAll(async () => {
  for (const schema of schemas) await dropSchema(schema);
});

const BACKENDS = [
  { name: 'sqlite', run: true, url: `sqlite:${join(dir, 'crash.db')}`, schema: '' },
  { name: 'postgresql', run: RUN_POSTGRES, url: PG_URL, schema: toRunName('crash') },
];

for (const backend of BACKENDS) {
  describe.runIf(backend.run)(`crash safety: ${backend.name}`, () => {
    it('keeps a verifiable log of whole batches across three kills mid-batch', async () => {
      if (backend.schema !== '') schemas.push(backend.schema);
      let committedAtLeast = 0;
      for (const [round, delay] of [[0, 2], [1, 10], [2, 20]] as const) {
        const { begun, midBatch } = await runAndKill(backend, 2 + round, delay);
        expect(midBatch).toBe(true);
        const store = await openStore(backend.url, backend.schema === '' ? {} : { schema: backend.schema });
        try {
          const ledger = await openLedger({ store, signer: await openSigner({ dir, name: ORIGIN }), origin: ORIGIN });
          const report = await ledger.verify();
          // Batches begun before the last one finished; the last may or may not have committed.
          expect(report.size % BATCH).toBe(0);
          expect(report.size).toBeGreaterThanOrEqual(committedAtLeast + begun * BATCH);
          expect(report.size).toBeLessThanOrEqual(committedAtLeast + (begun + 1) * BATCH);
          expect((await ledger.latestCheckpoint())?.size).toBe(report.size);
          committedAtLeast = report.size;
        } finally {
          await store.close();
        }
      }
    }, 180_000);
  });
}
