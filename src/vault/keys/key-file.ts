// SPDX-License-Identifier: Apache-2.0
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { VaultError } from '../errors.js';
import { anything, integer, literal, objectOf, text } from '../shape.js';
import { canonicalizeJson } from '../../ledger/index.js';
import { parsePrincipal, toUnlockedPrincipal, type Principal, type UnlockedPrincipal } from './principal.js';

/**
 * A custodian's key file: the public record in clear, the two private keys sealed with
 * ChaCha20-Poly1305 (RFC 8439) under a scrypt (RFC 7914) key from the passphrase. The public record
 * is the AEAD's associated data, so a file whose name or keys were swapped does not open.
 * scrypt N=2^15, r=8, p=3 is one of OWASP's equivalent minimum settings (Password Storage Cheat
 * Sheet) and needs 32 MiB, where N=2^17, p=1 would need 128 MiB in a release that must stay small.
 */
export interface ScryptParams {
  readonly logN: number;
  readonly r: number;
  readonly p: number;
}
export const DEFAULT_SCRYPT: ScryptParams = Object.freeze({ logN: 15, r: 8, p: 3 });

const BASE64 = /^[A-Za-z0-9+/]{0,200}={0,2}$/;
const KEY_FILE = objectOf({
  type: literal('citadel-vault-key'),
  version: literal(1),
  principal: anything,
  kdf: objectOf({ name: literal('scrypt'), salt: text(BASE64), logN: integer(10, 20), r: integer(1, 32), p: integer(1, 16) }),
  nonce: text(BASE64),
  sealed: text(BASE64),
});

interface KeyFile {
  readonly principal: unknown;
  readonly kdf: ScryptParams & { readonly salt: string };
  readonly nonce: string;
  readonly sealed: string;
}

const SECRET_BYTES = 64;

function deriveKey(passphrase: Uint8Array, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const N = 2 ** params.logN;
  return new Promise((resolve, reject) => {
    scrypt(passphrase, salt, 32, { N, r: params.r, p: params.p, maxmem: 256 * N * params.r }, (error, key) => {
      if (error) reject(new VaultError('VAULT_KEY_INVALID', 'expected scrypt to derive a key, got an error', { cause: error }));
      else resolve(key);
    });
  });
}

function requirePassphrase(passphrase: Uint8Array): void {
  if (passphrase.length < 8) throw new VaultError('VAULT_USAGE', `expected a passphrase of at least 8 bytes, got ${passphrase.length}`);
}

/**
 * @throws VaultError VAULT_USAGE for a passphrase under 8 bytes.
 * @returns the JSON text of a key file holding `unlocked`, sealed under `passphrase`.
 */
export async function toKeyFileText(unlocked: UnlockedPrincipal, passphrase: Uint8Array, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  requirePassphrase(passphrase);
  const salt = randomBytes(16);
  const nonce = randomBytes(12);
  const key = await deriveKey(passphrase, salt, params);
  const secret = Buffer.concat([Buffer.from(unlocked.signing.export({ format: 'der', type: 'pkcs8' }).subarray(-32)), unlocked.identity.secret]);
  const cipher = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
  cipher.setAAD(Buffer.from(canonicalizeJson(unlocked.principal)), { plaintextLength: secret.length });
  const sealed = Buffer.concat([cipher.update(secret), cipher.final(), cipher.getAuthTag()]);
  key.fill(0);
  secret.fill(0);
  const file = { type: 'citadel-vault-key', version: 1, principal: unlocked.principal, kdf: { name: 'scrypt', salt: salt.toString('base64'), ...params }, nonce: nonce.toString('base64'), sealed: sealed.toString('base64') };
  return `${JSON.stringify(file, null, 2)}\n`;
}

function parseKeyFile(source: string): KeyFile {
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch (error) {
    throw new VaultError('VAULT_KEY_INVALID', 'expected a key file in JSON, got something else', { cause: error });
  }
  const fault = KEY_FILE(json);
  if (fault !== undefined) throw new VaultError('VAULT_KEY_INVALID', `expected a citadel-vault-key v1 file, got ${fault || 'another shape'} wrong`);
  return json as KeyFile;
}

/** @returns the public record of a key file, without the passphrase. */
export function readPublicPrincipal(source: string): Principal {
  const parsed = parseKeyFile(source);
  return parsePrincipal(parsed.principal);
}

/**
 * Opens a key file.
 * @throws VaultError VAULT_KEY_INVALID for a malformed file or a wrong passphrase (one message for
 *   both cases that depend on secrets, so the error says nothing about which it was).
 * @returns the unlocked principal.
 */
export async function unlockKeyFile(source: string, passphrase: Uint8Array): Promise<UnlockedPrincipal> {
  const parsed = parseKeyFile(source);
  const principal = parsePrincipal(parsed.principal);
  const key = await deriveKey(passphrase, Buffer.from(parsed.kdf.salt, 'base64'), parsed.kdf);
  const sealed = Buffer.from(parsed.sealed, 'base64');
  let secret: Buffer;
  try {
    const decipher = createDecipheriv('chacha20-poly1305', key, Buffer.from(parsed.nonce, 'base64'), { authTagLength: 16 });
    decipher.setAAD(Buffer.from(canonicalizeJson(principal)), { plaintextLength: sealed.length - 16 });
    decipher.setAuthTag(sealed.subarray(-16));
    secret = Buffer.concat([decipher.update(sealed.subarray(0, -16)), decipher.final()]);
  } catch (error) {
    throw new VaultError('VAULT_KEY_INVALID', 'expected the passphrase to open the key file, got a mismatch', { cause: error });
  } finally {
    key.fill(0);
  }
  if (secret.length !== SECRET_BYTES) throw new VaultError('VAULT_KEY_INVALID', `expected ${SECRET_BYTES} secret bytes, got ${secret.length}`);
  const unlocked = toUnlockedPrincipal(principal.name, Buffer.from(secret.subarray(0, 32)), Buffer.from(secret.subarray(32)));
  secret.fill(0);
  if (canonicalizeJson(unlocked.principal) !== canonicalizeJson(principal)) throw new VaultError('VAULT_KEY_INVALID', 'expected the private keys to match the public record, got a mismatch');
  return unlocked;
}
