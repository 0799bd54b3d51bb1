// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { generatePrincipal, readPublicPrincipal, toKeyFileText, unlockKeyFile } from '../../../src/vault/index.js';

const FAST = { logN: 10, r: 8, p: 1 };
const pass = Buffer.from('a long enough passphrase');

describe('custodian key files (scrypt + ChaCha20-Poly1305)', () => {
  it('round-trips both keys and keeps the public record in clear', async () => {
    const alice = generatePrincipal('alice');
    const text = await toKeyFileText(alice, pass, FAST);
    expect(text).not.toContain(alice.identity.secret.toString('base64'));
    expect(readPublicPrincipal(text)).toEqual(alice.principal);
    const opened = await unlockKeyFile(text, pass);
    expect(opened.principal).toEqual(alice.principal);
    expect(opened.identity.secret.equals(alice.identity.secret)).toBe(true);
  });

  it('uses OWASP-level scrypt by default', async () => {
    const text = await toKeyFileText(generatePrincipal('bob'), pass);
    expect(JSON.parse(text)).toMatchObject({ kdf: { name: 'scrypt', logN: 15, r: 8, p: 3 } });
  });

  it('refuses a wrong passphrase, a swapped public record and a short passphrase', async () => {
    const alice = generatePrincipal('alice');
    const text = await toKeyFileText(alice, pass, FAST);
    await expect(unlockKeyFile(text, Buffer.from('another passphrase'))).rejects.toMatchObject({ code: 'VAULT_KEY_INVALID' });
    const swapped = JSON.parse(text) as { principal: unknown };
    swapped.principal = generatePrincipal('mallory').principal;
    await expect(unlockKeyFile(JSON.stringify(swapped), pass)).rejects.toMatchObject({ code: 'VAULT_KEY_INVALID' });
    await expect(toKeyFileText(alice, Buffer.from('short'), FAST)).rejects.toMatchObject({ code: 'VAULT_USAGE' });
    await expect(unlockKeyFile('{"type":"citadel-vault-key"}', pass)).rejects.toMatchObject({ code: 'VAULT_KEY_INVALID' });
    await expect(unlockKeyFile('not json', pass)).rejects.toMatchObject({ code: 'VAULT_KEY_INVALID' });
  });
});
