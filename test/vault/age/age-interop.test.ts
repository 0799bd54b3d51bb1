// SPDX-License-Identifier: Apache-2.0
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decryptAgeFile, encryptAgeFile } from '../../../src/vault/age/age-file.js';
import { generateIdentity, parseIdentity, parseRecipient, toIdentityText, toRecipientText } from '../../../src/vault/age/keys.js';

/**
 * Interop with the reference `age` CLI (Debian package `age`), both directions. The CLI is required:
 * .ci/run installs it, and a missing binary fails here rather than skipping.
 */
const dir = mkdtempSync(join(tmpdir(), 'citadel-age-'));

function hasAge(): boolean {
  return spawnSync('age', ['--version']).status === 0;
}

const SIZES = [0, 1, 65535, 65536, 65537, 3 * 65536, 2 * 1024 * 1024 + 17];

describe('age CLI interop', () => {
  it('finds the age CLI (install it with apt-get install age)', () => {
    expect(hasAge()).toBe(true);
  });

  it.each(SIZES)('age -d opens what we seal (%i bytes)', async (size) => {
    const identity = generateIdentity();
    const plain = randomBytes(size);
    const input = join(dir, `ours-${size}.bin`);
    writeFileSync(input, plain);
    await encryptAgeFile(input, `${input}.age`, [identity.recipient]);
    const keyFile = join(dir, `ours-${size}.key`);
    writeFileSync(keyFile, `${toIdentityText(identity)}\n`, { mode: 0o600 });
    const out = execFileSync('age', ['-d', '-i', keyFile, `${input}.age`], { maxBuffer: 64 << 20 });
    expect(out.equals(plain)).toBe(true);
  });

  it.each(SIZES)('we open what age -e seals (%i bytes)', async (size) => {
    const keyFile = join(dir, `theirs-${size}.key`);
    execFileSync('age-keygen', ['-o', keyFile], { stdio: 'ignore' });
    const identity = parseIdentity(readFileSync(keyFile, 'utf8').split('\n').find((l) => l.startsWith('AGE-SECRET-KEY-')) ?? '');
    const recipient = execFileSync('age-keygen', ['-y', keyFile], { encoding: 'utf8' }).trim();
    expect(toRecipientText(identity.recipient)).toBe(recipient);
    const plain = randomBytes(size);
    const input = join(dir, `theirs-${size}.bin`);
    writeFileSync(input, plain);
    execFileSync('age', ['-e', '-r', recipient, '-o', `${input}.age`, input]);
    const output = join(dir, `theirs-${size}.out`);
    expect(await decryptAgeFile(`${input}.age`, output, identity)).toBe(size);
    expect(readFileSync(output).equals(plain)).toBe(true);
  });

  it('opens a file age -e sealed to several recipients, ours among them', async () => {
    const ours = generateIdentity();
    const theirs = generateIdentity();
    const input = join(dir, 'multi.bin');
    writeFileSync(input, 'weights');
    execFileSync('age', ['-e', '-r', toRecipientText(theirs.recipient), '-r', toRecipientText(ours.recipient), '-o', `${input}.age`, input]);
    await decryptAgeFile(`${input}.age`, join(dir, 'multi.out'), ours);
    expect(readFileSync(join(dir, 'multi.out'), 'utf8')).toBe('weights');
  });

  it('parses and prints keys exactly as age-keygen does', () => {
    const keyFile = join(dir, 'format.key');
    execFileSync('age-keygen', ['-o', keyFile], { stdio: 'ignore' });
    const secretLine = readFileSync(keyFile, 'utf8').split('\n').find((l) => l.startsWith('AGE-SECRET-KEY-')) ?? '';
    const identity = parseIdentity(secretLine);
    expect(toIdentityText(identity)).toBe(secretLine);
    const recipient = execFileSync('age-keygen', ['-y', keyFile], { encoding: 'utf8' }).trim();
    expect(parseRecipient(recipient).equals(identity.recipient)).toBe(true);
  });
});
