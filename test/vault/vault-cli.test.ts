// SPDX-License-Identifier: Apache-2.0
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const MAIN = join(import.meta.dirname, '../../dist/cli/main.js');
const dir = mkdtempSync(join(tmpdir(), 'citadel-vault-cli-'));
const PASSPHRASE = 'cli test passphrase';

function withoutPassphrase(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env['CITADEL_PASSPHRASE'];
  return env;
}

function run(args: readonly string[], env: Record<string, string> = { CITADEL_PASSPHRASE: PASSPHRASE }, input?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [MAIN, 'vault', ...args, '--dir', join(dir, 'v')], { encoding: 'utf8', env: { ...withoutPassphrase(), ...env }, ...(input === undefined ? {} : { input }) });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(args: readonly string[]): Record<string, unknown> {
  const r = run([...args, '--json']);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

describe('citadel vault', () => {
  it('runs keygen, init, seal, request, approve, release, verify with --json and no secret printed', () => {
    for (const name of ['alice', 'bob', 'op', 'req']) expect(run(['keygen', '--name', name, '--key', join(dir, `${name}.key`), '--pub', join(dir, `${name}.pub`)]).status).toBe(0);
    const model = join(dir, 'model');
    mkdirSync(model);
    writeFileSync(join(model, 'w.bin'), Buffer.alloc(100_000, 3));
    expect(json(['init', '--threshold', '2', '--custodian', join(dir, 'alice.pub'), '--custodian', join(dir, 'bob.pub'), '--operator', join(dir, 'op.pub')])['recipient']).toMatch(/^age1/);
    expect(json(['seal', model, '--model', 'm', '--key', join(dir, 'op.key')])).toMatchObject({ model: 'm', files: 1, plainBytes: 100_000 });
    const request = String(json(['request', '--model', 'm', '--purpose', 'cli test', '--key', join(dir, 'req.key')])['request']);
    const outputs: string[] = [];
    for (const who of ['alice', 'bob']) {
      const r = run(['approve', request, '--key', join(dir, `${who}.key`)]);
      expect(r.status, r.stderr).toBe(0);
      outputs.push(r.stdout + r.stderr);
    }
    expect(json(['release', request, '--out', join(dir, 'out'), '--key', join(dir, 'req.key')])).toMatchObject({ model: 'm', files: 1 });
    expect(readFileSync(join(dir, 'out', 'w.bin')).equals(Buffer.alloc(100_000, 3))).toBe(true);
    expect(json(['verify', join(dir, 'out')])).toMatchObject({ model: 'm', files: 1 });
    const listed = JSON.stringify(json(['list']));
    for (const text of [...outputs, listed]) {
      expect(text).not.toMatch(/AGE-SECRET-KEY/);
      expect(text).not.toContain(PASSPHRASE);
    }
  }, 240_000);

  it('exits 2 with a stable code on a refusal or a usage error', () => {
    const wrong = run(['approve', 'nope', '--key', join(dir, 'alice.key')], { CITADEL_PASSPHRASE: 'not the passphrase' });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('VAULT_KEY_INVALID');
    expect(wrong.stderr).not.toContain('not the passphrase');
    const missing = run(['approve', 'nope', '--key', join(dir, 'alice.key')], {});
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('VAULT_USAGE');
    const unknown = run(['approve', 'f'.repeat(64), '--key', join(dir, 'alice.key')]);
    expect(unknown.stderr).toContain('VAULT_NOT_FOUND');
    // The passphrase on a file descriptor (here stdin) opens the key just as the variable does.
    const viaFd = run(['approve', 'f'.repeat(64), '--key', join(dir, 'alice.key'), '--passphrase-fd', '0'], {}, `${PASSPHRASE}\n`);
    expect(viaFd.stderr).toContain('VAULT_NOT_FOUND');
    expect(run(['approve', 'x', '--key', join(dir, 'alice.key'), '--passphrase-fd', 'stdin']).stderr).toContain('VAULT_USAGE');
    expect(run(['budget', '--vault-bytes', 'lots']).stderr).toContain('VAULT_USAGE');
    expect(json(['budget', '--vault-bytes', '3x', '--window', '12h'])).toMatchObject({ vault: '3x', windowMs: 43_200_000 });
  }, 120_000);

  it('names the missing or garbled file in a coded error, not a raw system error', () => {
    const noKey = run(['approve', 'f'.repeat(64), '--key', join(dir, 'absent.key')]);
    expect(noKey.status).toBe(2);
    expect(noKey.stderr).toMatch(/VAULT_NOT_FOUND: expected a key file \(--key\) at .*absent\.key, got no such file/);
    const noPassFile = run(['approve', 'f'.repeat(64), '--key', join(dir, 'alice.key'), '--passphrase-file', join(dir, 'absent.txt')], {});
    expect(noPassFile.stderr).toMatch(/VAULT_NOT_FOUND: expected a passphrase file .* at .*absent\.txt/);
    writeFileSync(join(dir, 'garbled.pub'), 'not json');
    const garbled = run(['init', '--threshold', '1', '--custodian', join(dir, 'garbled.pub'), '--operator', join(dir, 'alice.pub')], {});
    expect(garbled.status).toBe(2);
    expect(garbled.stderr).toMatch(/VAULT_KEY_INVALID: expected a public key file .* at .*garbled\.pub, got text that is not a JSON object/);
    const noPub = run(['init', '--threshold', '1', '--custodian', join(dir, 'alice.pub'), '--operator', join(dir, 'absent.pub')], {});
    expect(noPub.stderr).toMatch(/VAULT_NOT_FOUND: expected a public key file at .*absent\.pub, got no such file/);
    for (const r of [noKey, noPassFile, garbled, noPub]) expect(r.stderr).not.toMatch(/ENOENT: no such file|SyntaxError|at .*\.js:\d+/);
  }, 60_000);
});
