// SPDX-License-Identifier: Apache-2.0
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSigner } from '../../src/ledger/index.js';
import { parseVerifierKey } from '../../src/ledger/signed-note.js';
import { toKeyDir } from './support/backends.js';

describe('openSigner', () => {
  it('generates an ed25519 key on first use, readable by its owner only, and reuses it', async () => {
    const dir = join(toKeyDir(), 'nested');
    const first = await openSigner({ dir, name: 'citadel.test/key' });
    expect(statSync(join(dir, 'ledger-ed25519.pem')).mode & 0o777).toBe(0o600);
    const again = await openSigner({ dir, name: 'citadel.test/key' });
    expect(again.verifierKey).toBe(first.verifierKey);
    expect(parseVerifierKey(first.verifierKey).name).toBe('citadel.test/key');
  });

  it('refuses a key file others can read', async () => {
    const dir = toKeyDir();
    await openSigner({ dir, name: 'k' });
    chmodSync(join(dir, 'ledger-ed25519.pem'), 0o644);
    await expect(openSigner({ dir, name: 'k' })).rejects.toMatchObject({ code: 'LEDGER_KEY' });
  });

  it('refuses a key that is not ed25519, and a file that is not a key', async () => {
    const dir = toKeyDir();
    mkdirSync(dir, { recursive: true });
    const rsa = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' });
    writeFileSync(join(dir, 'ledger-ed25519.pem'), rsa, { mode: 0o600 });
    await expect(openSigner({ dir, name: 'k' })).rejects.toMatchObject({ code: 'LEDGER_KEY' });
    writeFileSync(join(dir, 'ledger-ed25519.pem'), 'not a key', { mode: 0o600 });
    await expect(openSigner({ dir, name: 'k' })).rejects.toMatchObject({ code: 'LEDGER_KEY' });
  });

  it('refuses key names a signed note cannot carry', async () => {
    await expect(openSigner({ dir: toKeyDir(), name: 'has space' })).rejects.toMatchObject({ code: 'LEDGER_USAGE' });
    await expect(openSigner({ dir: toKeyDir(), name: 'has+plus' })).rejects.toMatchObject({ code: 'LEDGER_USAGE' });
  });
});
