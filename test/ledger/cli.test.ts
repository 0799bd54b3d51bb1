// SPDX-License-Identifier: Apache-2.0
// `citadel ledger append|checkpoint|prove|verify|export|key` end to end through the built CLI, on
// SQLite and on PostgreSQL (`--db postgres://… --schema …`).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toLeafHash, verifyCheckpoint, verifyConsistency, verifyExport, verifyInclusion } from '../../src/ledger/index.js';
import { PG_URL, RUN_POSTGRES, dropSchema, toRunName } from '../store/support/services.js';
import { runLedger } from './support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'citadel-ledger-cli-'));
const entries = Array.from({ length: 25 }, (_, i) => ({ event: 'approval', request: `r-${i}`, custodian: `c${i % 3}` }));
const dataFile = join(dir, 'entries.jsonl');
writeFileSync(dataFile, `${entries.map((e) => JSON.stringify(e)).join('\n')}\n\n`);

const pgSchema = toRunName('ledger_cli');
const BACKENDS = [
  { name: 'sqlite', run: true, flags: ['--db', `sqlite:${join(dir, 'cli.db')}`] },
  { name: 'postgresql', run: RUN_POSTGRES, flags: ['--db', PG_URL, '--schema', pgSchema, '--key-dir', join(dir, 'pg-key')] },
];

afterAll(async () => {
  if (RUN_POSTGRES) await dropSchema(pgSchema);
});

const fromBase64 = (text: string): Buffer => Buffer.from(text, 'base64');

for (const backend of BACKENDS) {
  // Each CLI run starts a whole node process, seconds each on a busy machine.
  describe.runIf(backend.run)(`citadel ledger on ${backend.name}`, { timeout: 300_000 }, () => {
    const ledger = (...args: string[]): ReturnType<typeof runLedger> => runLedger([...args, ...backend.flags]);

    it('appends a JSONL file, checkpoints, proves, verifies and exports', () => {
      const appended = ledger('append', '--data', dataFile);
      expect(appended.status, appended.stderr).toBe(0);
      expect(appended.stdout).toBe('appended 25 entries at 0..24; size 25\n');

      const key = ledger('key').stdout.trim();
      const checkpoint = ledger('checkpoint');
      expect(checkpoint.status).toBe(0);
      const verified = verifyCheckpoint(checkpoint.stdout, key, 'citadel.local/ledger');
      expect(verified.size).toBe(25);

      const proof = JSON.parse(ledger('prove', '--index', '7').stdout) as { index: number; size: number; path: string[]; leafHash: string; rootHash: string };
      expect(fromBase64(proof.leafHash).equals(toLeafHash(entries[7]))).toBe(true);
      verifyInclusion(fromBase64(proof.leafHash), { index: proof.index, size: proof.size, path: proof.path.map(fromBase64) }, verified.rootHash);

      const consistency = JSON.parse(ledger('prove', '--from', '10').stdout) as { fromSize: number; toSize: number; path: string[]; fromRoot: string; toRoot: string };
      verifyConsistency({ fromSize: 10, toSize: 25, path: consistency.path.map(fromBase64) }, fromBase64(consistency.fromRoot), verified.rootHash);

      const checkpointFile = join(dir, `${backend.name}-checkpoint.txt`);
      writeFileSync(checkpointFile, checkpoint.stdout);
      expect(ledger('append', '--data', dataFile).status).toBe(0);
      const ok = ledger('verify', '--against', checkpointFile);
      expect(ok.status, ok.stderr).toBe(0);
      expect(ok.stdout).toContain('ok: 50 entries');
      expect(ok.stdout).toContain('extends the checkpoint of 25 entries');

      const exported = ledger('export', '--against', checkpointFile);
      const records = exported.stdout.trim().split('\n').map((line) => JSON.parse(line) as unknown);
      expect(records).toHaveLength(51);
      return expect(verifyExport(records, { verifierKey: key, checkpoint: checkpoint.stdout })).resolves.toMatchObject({ entries: 50, extends: 25 });
    });

    it('exits 2 with the code on usage errors', () => {
      const both = ledger('prove', '--index', '1', '--from', '1');
      expect(both.status).toBe(2);
      expect(both.stderr).toContain('LEDGER_USAGE');
      expect(ledger('prove', '--index', '999').stderr).toContain('LEDGER_USAGE');
      expect(ledger('prove', '--index', '-1').status).toBe(2);
      const badLine = join(dir, 'bad.jsonl');
      writeFileSync(badLine, '{"ok":1}\n{not json}\n');
      const bad = ledger('append', '--data', badLine);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('LEDGER_ENTRY_INVALID');
      expect(bad.stderr).toContain('line 2');
    });
  });
}

describe('citadel ledger: store errors', { timeout: 60_000 }, () => {
  it('exits 2 on an unknown store url', () => {
    const result = runLedger(['verify', '--db', 'mysql://x']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('STORE_USAGE');
  });
});
