// SPDX-License-Identifier: Apache-2.0
import { createCipheriv, createDecipheriv, generateKeyPairSync, hkdfSync } from 'node:crypto';
import { VaultError } from '../errors.js';
import { fromBase64Raw, toBase64Raw } from './base64.js';
import type { Stanza } from './header.js';
import { toPrivateKey, toRawPublicKey, toSharedSecret, type AgeIdentity } from './keys.js';

/** age spec, "X25519 recipient stanza". */
const INFO = 'age-encryption.org/v1/X25519';
const ZERO_NONCE = Buffer.alloc(12);
const FILE_KEY_BYTES = 16;

function toWrapKey(shared: Buffer, ephemeralShare: Uint8Array, recipient: Uint8Array): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeralShare, recipient]), INFO, 32));
}

/** @returns an X25519 stanza wrapping `fileKey` to `recipient` with a fresh ephemeral key. */
export function wrapFileKey(fileKey: Uint8Array, recipient: Uint8Array): Stanza {
  const { privateKey } = generateKeyPairSync('x25519');
  const share = toRawPublicKey(privateKey);
  const wrapKey = toWrapKey(toSharedSecret(privateKey, recipient), share, recipient);
  const cipher = createCipheriv('chacha20-poly1305', wrapKey, ZERO_NONCE, { authTagLength: 16 });
  const body = Buffer.concat([cipher.update(fileKey), cipher.final(), cipher.getAuthTag()]);
  wrapKey.fill(0);
  return { type: 'X25519', args: [toBase64Raw(share)], body };
}

function tryUnwrap(stanza: Stanza, identity: AgeIdentity): Buffer | undefined {
  if (stanza.args.length !== 1) throw new VaultError('VAULT_HEADER_INVALID', `expected 1 argument in an X25519 stanza, got ${stanza.args.length}`);
  const share = fromBase64Raw(stanza.args[0] ?? '');
  if (share.length !== 32) throw new VaultError('VAULT_HEADER_INVALID', `expected a 32-byte ephemeral share, got ${share.length} bytes`);
  // The body length is checked before any decryption to deny a partitioning oracle (age spec).
  if (stanza.body.length !== FILE_KEY_BYTES + 16) throw new VaultError('VAULT_HEADER_INVALID', `expected a 32-byte X25519 stanza body, got ${stanza.body.length} bytes`);
  const wrapKey = toWrapKey(toSharedSecret(toPrivateKey(identity.secret, 'x25519'), share), share, identity.recipient);
  try {
    const decipher = createDecipheriv('chacha20-poly1305', wrapKey, ZERO_NONCE, { authTagLength: 16 });
    decipher.setAuthTag(stanza.body.subarray(FILE_KEY_BYTES));
    return Buffer.concat([decipher.update(stanza.body.subarray(0, FILE_KEY_BYTES)), decipher.final()]);
  } catch {
    return undefined; // addressed to another identity
  } finally {
    wrapKey.fill(0);
  }
}

/**
 * Finds the X25519 stanza addressed to `identity` and unwraps the file key. Stanzas of other types
 * are ignored, as the age spec requires of identity implementations.
 * @throws VaultError VAULT_HEADER_INVALID on a malformed X25519 stanza, VAULT_NO_IDENTITY when none opens.
 * @returns the 16-byte file key.
 */
export function unwrapFileKey(stanzas: readonly Stanza[], identity: AgeIdentity): Buffer {
  for (const stanza of stanzas) {
    if (stanza.type !== 'X25519') continue;
    const fileKey = tryUnwrap(stanza, identity);
    if (fileKey) return fileKey;
  }
  throw new VaultError('VAULT_NO_IDENTITY', 'expected a stanza addressed to this identity, found none');
}
