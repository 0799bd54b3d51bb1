// SPDX-License-Identifier: Apache-2.0
import { createPrivateKey, createPublicKey, diffieHellman, randomBytes, type KeyObject } from 'node:crypto';
import { VaultError } from '../errors.js';
import { fromBech32, toBech32 } from './bech32.js';

/**
 * Raw 32-byte X25519 and Ed25519 keys as node:crypto KeyObjects. node:crypto takes raw keys only
 * inside DER, so each raw key is wrapped in the fixed PKCS#8 or SPKI prefix of RFC 8410 §7 and §4.
 */
const PKCS8_PREFIX = { x25519: '302e020100300506032b656e04220420', ed25519: '302e020100300506032b657004220420' };
const SPKI_PREFIX = { x25519: '302a300506032b656e032100', ed25519: '302a300506032b6570032100' };
export type Curve = keyof typeof PKCS8_PREFIX;

const IDENTITY_HRP = 'age-secret-key-';
const RECIPIENT_HRP = 'age';

function requireKeyLength(raw: Uint8Array, what: string): void {
  if (raw.length !== 32) throw new VaultError('VAULT_KEY_INVALID', `expected a 32-byte ${what}, got ${raw.length} bytes`);
}

/** @returns the private KeyObject for a raw 32-byte scalar or seed on `curve`. */
export function toPrivateKey(raw: Uint8Array, curve: Curve): KeyObject {
  requireKeyLength(raw, `${curve} private key`);
  return createPrivateKey({ key: Buffer.concat([Buffer.from(PKCS8_PREFIX[curve], 'hex'), raw]), format: 'der', type: 'pkcs8' });
}

/** @returns the public KeyObject for a raw 32-byte public key on `curve`. */
export function toPublicKey(raw: Uint8Array, curve: Curve): KeyObject {
  requireKeyLength(raw, `${curve} public key`);
  return createPublicKey({ key: Buffer.concat([Buffer.from(SPKI_PREFIX[curve], 'hex'), raw]), format: 'der', type: 'spki' });
}

/** @returns the raw 32 bytes of a public key (the tail of its SPKI encoding). */
export function toRawPublicKey(key: KeyObject): Buffer {
  const spki = (key.type === 'private' ? createPublicKey(key) : key).export({ format: 'der', type: 'spki' });
  return spki.subarray(spki.length - 32);
}

/** @returns the raw 32 bytes of a private key (the tail of its PKCS#8 encoding). */
export function toRawPrivateKey(key: KeyObject): Buffer {
  const pkcs8 = key.export({ format: 'der', type: 'pkcs8' });
  return pkcs8.subarray(pkcs8.length - 32);
}

/**
 * X25519 (RFC 7748 §5) of our private key and their public key.
 * @throws VaultError VAULT_KEY_INVALID when the result is all zeros (a low-order point; age spec
 *   "X25519 recipient stanza": the identity MUST abort).
 * @returns the 32-byte shared secret.
 */
export function toSharedSecret(privateKey: KeyObject, publicRaw: Uint8Array): Buffer {
  let secret: Buffer;
  try {
    secret = diffieHellman({ privateKey, publicKey: toPublicKey(publicRaw, 'x25519') });
  } catch (error) {
    throw new VaultError('VAULT_KEY_INVALID', 'expected a usable x25519 share, got one the curve rejects', { cause: error });
  }
  if (secret.every((b) => b === 0)) throw new VaultError('VAULT_KEY_INVALID', 'expected a non-zero x25519 shared secret, got zero');
  return secret;
}

/** An age X25519 identity: the secret scalar and its recipient. Wipe `secret` when done. */
export interface AgeIdentity {
  readonly secret: Buffer;
  readonly recipient: Buffer;
}

/** @returns a fresh identity from 32 CSPRNG bytes (age spec, "The X25519 recipient type"). */
export function generateIdentity(): AgeIdentity {
  return toIdentity(randomBytes(32));
}

/** @returns the identity for a raw 32-byte secret; the buffer is kept, not copied. */
export function toIdentity(secret: Buffer): AgeIdentity {
  return { secret, recipient: toRawPublicKey(toPrivateKey(secret, 'x25519')) };
}

/** @returns the `AGE-SECRET-KEY-1...` encoding of an identity (uppercase, as age writes it). */
export function toIdentityText(identity: AgeIdentity): string {
  return toBech32(IDENTITY_HRP, identity.secret).toUpperCase();
}

/** @returns the `age1...` encoding of a raw recipient public key. */
export function toRecipientText(recipient: Uint8Array): string {
  return toBech32(RECIPIENT_HRP, recipient);
}

/**
 * @throws VaultError VAULT_KEY_INVALID unless `text` is an `AGE-SECRET-KEY-1` string of 32 bytes.
 * @returns the identity it encodes.
 */
export function parseIdentity(text: string): AgeIdentity {
  const { hrp, data } = fromBech32(text.trim());
  if (hrp !== IDENTITY_HRP) throw new VaultError('VAULT_KEY_INVALID', `expected an AGE-SECRET-KEY-1 identity, got prefix ${JSON.stringify(hrp)}`);
  return toIdentity(data);
}

/**
 * @throws VaultError VAULT_KEY_INVALID unless `text` is an `age1` recipient of 32 bytes.
 * @returns the raw recipient public key.
 */
export function parseRecipient(text: string): Buffer {
  const { hrp, data } = fromBech32(text.trim());
  if (hrp !== RECIPIENT_HRP) throw new VaultError('VAULT_KEY_INVALID', `expected an age1 recipient, got prefix ${JSON.stringify(hrp)}`);
  requireKeyLength(data, 'recipient');
  return data;
}
