// SPDX-License-Identifier: Apache-2.0
import { spawn } from 'node:child_process';
import { createHash, randomFillSync } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toSealedPayloadBytes } from '../../src/vault/age/stream.js';
import {
  approveRequest, fileRequest, generatePrincipal, initVault, openVault, toKeyFileText, type OpenVault, type UnlockedPrincipal,
} from '../../src/vault/index.js';

/**
 * Real SIGKILLs at random moments of `citadel vault seal` and `citadel vault release` (the built
 * CLI in a child process). Afterwards no partial blob and no plaintext file may exist, and the
 * vault must still seal and release.
 */
const MAIN = join(import.meta.dirname, '../../dist/cli/main.js');
const ROUNDS = 6;
const PASSPHRASE = 'crash test passphrase';
const dir = mkdtempSync(join(tmpdir(), 'citadel-crash-'));
const vaultDir = join(dir, 'vault');
const model = join(dir, 'model');
const weights = Buffer.alloc(40 * 1024 * 1024 + 123);
let vault: OpenVault;
let people: Record<'a' | 'b' | 'o' | 'r', UnlockedPrincipal>;

function runCli(args: readonly string[], killAfterMs?: number): Promise<{ status: number | null; signal: string | null; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const passphrase = args.includes('--key') ? ['--passphrase-env', 'CRASH_PASS'] : [];
    const child = spawn(process.execPath, [MAIN, 'vault', ...args, '--dir', vaultDir, ...passphrase], { env: { ...process.env, CRASH_PASS: PASSPHRASE }, stdio: 'ignore' });
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (status, signal) => { clearTimeout(timer); resolve({ status, signal, ms: performance.now() - started }); });
  });
}

function listBlobs(): string[] {
  return readdirSync(join(vaultDir, 'blobs'));
}

const VALID_PAYLOADS = new Set([toSealedPayloadBytes(weights.length), toSealedPayloadBytes(2)]);
const WEIGHTS_DIGEST = (): string => createHash('sha256').update(weights).digest('hex');

beforeAll(async () => {
  randomFillSync(weights);
  mkdirSync(model);
  writeFileSync(join(model, 'weights.bin'), weights);
  writeFileSync(join(model, 'c.json'), '{}');
  vault = await openVault({ dir: vaultDir });
  people = { a: generatePrincipal('alice'), b: generatePrincipal('bob'), o: generatePrincipal('operator'), r: generatePrincipal('requester') };
  // Low scrypt cost keeps 30 CLI runs quick; the format and code path are the production ones.
  for (const [k, p] of Object.entries(people)) writeFileSync(join(dir, `${k}.key`), await toKeyFileText(p, Buffer.from(PASSPHRASE), { logN: 10, r: 8, p: 1 }));
  await initVault(vault.context, { threshold: 2, custodians: [people.a.principal, people.b.principal], operator: people.o.principal });
}, 60_000);
afterAll(async () => { await vault.close(); });

function checkNoPartialBlob(): void {
  for (const name of listBlobs()) {
    expect(name.startsWith('.citadel-partial-')).toBe(false);
    expect(VALID_PAYLOADS.has(statSync(join(vaultDir, 'blobs', name)).size)).toBe(true);
  }
}

async function approvedRequest(): Promise<string> {
  const request = await fileRequest(vault.context, { requester: people.r, purpose: 'crash test', ttlMs: 3600_000, model: 'base' });
  await approveRequest(vault.context, request.id, people.a);
  await approveRequest(vault.context, request.id, people.b);
  return request.id;
}

describe('SIGKILL during seal and release', () => {
  it('never leaves a partial blob, and the vault still seals', async () => {
    const clean = await runCli(['seal', model, '--model', 'base', '--key', join(dir, 'o.key')]);
    expect(clean.status).toBe(0);
    const delays: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const delay = Math.random() * clean.ms;
      delays.push(Math.round(delay));
      await runCli(['seal', model, '--model', `killed-${i}`, '--key', join(dir, 'o.key')], delay);
      checkNoPartialBlob();
    }
    const blobRows = await vault.context.store.all<{ blob: string; payload_bytes: number }>('SELECT blob, payload_bytes FROM vault_blobs');
    for (const row of blobRows) expect(statSync(join(vaultDir, 'blobs', row.blob)).size).toBe(row.payload_bytes);
    expect((await runCli(['seal', model, '--model', 'after-kills', '--key', join(dir, 'o.key')])).status, `kill delays ${delays.join(',')} ms`).toBe(0);
    checkNoPartialBlob();
  }, 300_000);

  it('never leaves a partial plaintext file, and the vault still releases', async () => {
    const cleanId = await approvedRequest();
    const clean = await runCli(['release', cleanId, '--out', join(dir, 'clean'), '--key', join(dir, 'r.key')]);
    expect(clean.status).toBe(0);
    await vault.context.store.run("UPDATE vault_vaults SET budget = ?", [JSON.stringify({ windowMs: 1, vault: 'none', requester: 'none' })]);
    const delays: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const id = await approvedRequest();
      const out = join(dir, `out-${i}`);
      const delay = Math.random() * clean.ms;
      delays.push(Math.round(delay));
      await runCli(['release', id, '--out', out, '--key', join(dir, 'r.key')], delay);
      const present = existsSync(out) ? readdirSync(out) : [];
      expect(present.every((n) => n === 'weights.bin' || n === 'c.json' || n === 'model.sig'), present.join(',')).toBe(true);
      for (const name of present) expect(name.startsWith('.citadel-partial-')).toBe(false);
      if (present.includes('weights.bin')) expect(createHash('sha256').update(readFileSync(join(out, 'weights.bin'))).digest('hex')).toBe(WEIGHTS_DIGEST());
      if (present.includes('c.json')) expect(readFileSync(join(out, 'c.json'), 'utf8')).toBe('{}');
    }
    const final = await runCli(['release', await approvedRequest(), '--out', join(dir, 'final'), '--key', join(dir, 'r.key')]);
    expect(final.status, `kill delays ${delays.join(',')} ms`).toBe(0);
    expect(createHash('sha256').update(readFileSync(join(dir, 'final', 'weights.bin'))).digest('hex')).toBe(WEIGHTS_DIGEST());
    expect((await runCli(['verify', join(dir, 'final')])).status).toBe(0);
  }, 300_000);
});
