// SPDX-License-Identifier: Apache-2.0
import { createHash, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { parseRecipient, toIdentity, toPrivateKey, toPublicKey, toRawPrivateKey, toRawPublicKey, toRecipientText, type AgeIdentity } from '../age/keys.js';
import { VaultError } from '../errors.js';
import { objectOf, text } from '../shape.js';

/**
 * What everyone may know of a custodian or requester: a name, an Ed25519 key that signs requests
 * and approvals, and an X25519 age recipient that shares are encrypted to.
 */
export interface Principal {
  readonly id: string;
  readonly name: string;
  /** Raw Ed25519 public key, base64. */
  readonly signingKey: string;
  /** age1… recipient. */
  readonly recipient: string;
}

/** A principal with its private keys unlocked in memory. Call wipePrincipalKeys when done. */
export interface UnlockedPrincipal {
  readonly principal: Principal;
  readonly signing: KeyObject;
  readonly identity: AgeIdentity;
}

const NAME = /^[A-Za-z0-9._@-]{1,64}$/;

const PRINCIPAL = objectOf({ id: text(/^[0-9a-f]{32}$/), name: text(NAME), signingKey: text(/^[A-Za-z0-9+/]{43}=$/), recipient: text(/^age1[a-z0-9]{1,96}$/) });

/** @returns the id of a signing key: the first 16 bytes of its SHA-256, hex. */
export function toPrincipalId(signingKeyRaw: Uint8Array): string {
  return createHash('sha256').update(signingKeyRaw).digest('hex').slice(0, 32);
}

/**
 * @throws VaultError VAULT_KEY_INVALID when the fields do not parse or the id is not the key's.
 * @returns a checked principal.
 */
export function parsePrincipal(value: unknown): Principal {
  const fault = PRINCIPAL(value);
  if (fault !== undefined) throw new VaultError('VAULT_KEY_INVALID', `expected a public key record {id, name, signingKey, recipient}, got ${fault || 'another shape'} wrong`);
  const principal = value as Principal;
  const raw = Buffer.from(principal.signingKey, 'base64');
  if (raw.length !== 32 || toPrincipalId(raw) !== principal.id) throw new VaultError('VAULT_KEY_INVALID', 'expected the id to be the digest of the signing key, got a mismatch');
  parseRecipient(principal.recipient);
  return { id: principal.id, name: principal.name, signingKey: principal.signingKey, recipient: principal.recipient };
}

/**
 * @throws VaultError VAULT_USAGE for a name outside [A-Za-z0-9._@-]{1,64}.
 * @returns a new principal with fresh Ed25519 and X25519 keys.
 */
export function generatePrincipal(name: string): UnlockedPrincipal {
  if (!NAME.test(name)) throw new VaultError('VAULT_USAGE', `expected a name of 1-64 letters, digits or ._@-, got ${JSON.stringify(name.slice(0, 80))}`);
  const { privateKey } = generateKeyPairSync('ed25519');
  const x25519 = toRawPrivateKey(generateKeyPairSync('x25519').privateKey);
  return toUnlockedPrincipal(name, toRawPrivateKey(privateKey), x25519);
}

/** @returns the principal for raw Ed25519 seed and X25519 secret (both kept, not copied). */
export function toUnlockedPrincipal(name: string, signingSeed: Buffer, x25519Secret: Buffer): UnlockedPrincipal {
  const signing = toPrivateKey(signingSeed, 'ed25519');
  const identity = toIdentity(x25519Secret);
  const signingRaw = toRawPublicKey(signing);
  signingSeed.fill(0);
  const principal = { id: toPrincipalId(signingRaw), name, signingKey: signingRaw.toString('base64'), recipient: toRecipientText(identity.recipient) };
  return { principal, signing, identity };
}

/** Overwrites the X25519 secret held in memory; KeyObjects are freed by the collector. */
export function wipePrincipalKeys(unlocked: UnlockedPrincipal): void {
  unlocked.identity.secret.fill(0);
}

/** @returns an Ed25519 signature (RFC 8032) of `message` under a domain `context` line. */
export function signAs(unlocked: UnlockedPrincipal, context: string, message: string): string {
  return sign(null, Buffer.from(`${context}\n${message}`), unlocked.signing).toString('base64');
}

/** @returns true when `signature` is `principal`'s signature of `message` under `context`. */
export function isSignedBy(principal: Principal, signed: { context: string; message: string; signature: string }): boolean {
  const { context, message, signature } = signed;
  const raw = Buffer.from(signature, 'base64');
  if (raw.length !== 64) return false;
  try {
    return verify(null, Buffer.from(`${context}\n${message}`), toPublicKey(Buffer.from(principal.signingKey, 'base64'), 'ed25519'), raw);
  } catch {
    return false;
  }
}
