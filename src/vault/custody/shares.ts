// SPDX-License-Identifier: Apache-2.0
import { timingSafeEqual } from 'node:crypto';
import { combine, split } from 'shamir-secret-sharing';
import { decryptAgeBytes, encryptAgeBytes } from '../age/age-file.js';
import { parseRecipient, toIdentity, type AgeIdentity } from '../age/keys.js';
import { VaultError } from '../errors.js';
import type { Principal } from '../keys/principal.js';

/** One custodian's share of the vault identity, encrypted (as an age file) to that custodian. */
export interface SealedShare {
  readonly custodian: Principal;
  readonly index: number;
  readonly sealed: Buffer;
}

/** The library works in GF(2^8) with the x coordinate in one byte, so at most 255 shares. */
const MAX_SHARES = 255;

/**
 * @throws VaultError VAULT_USAGE unless 2 <= threshold <= custodians <= 255 and custodians are distinct.
 */
export function checkCustody(threshold: number, custodians: readonly Principal[]): void {
  if (!Number.isInteger(threshold) || threshold < 2) throw new VaultError('VAULT_USAGE', `expected a threshold of at least 2 (no single custodian may release), got ${threshold}`);
  if (custodians.length < threshold || custodians.length > MAX_SHARES) throw new VaultError('VAULT_USAGE', `expected ${threshold} to ${MAX_SHARES} custodians, got ${custodians.length}`);
  if (new Set(custodians.map((c) => c.id)).size !== custodians.length) throw new VaultError('VAULT_USAGE', 'expected distinct custodians, got the same key twice');
}

/**
 * Splits the vault identity with Shamir's scheme (shamir-secret-sharing, audited by Cure53 and
 * Zellic) and encrypts share i to custodian i. The identity itself is never written anywhere.
 * @throws VaultError VAULT_USAGE for a bad threshold or custodian list.
 * @returns one sealed share per custodian, in order.
 */
export async function splitIdentity(identity: AgeIdentity, threshold: number, custodians: readonly Principal[]): Promise<SealedShare[]> {
  checkCustody(threshold, custodians);
  // A plain Uint8Array copy: the library checks instanceof, which a Buffer from another realm fails.
  const secret = Uint8Array.from(identity.secret);
  const shares = await split(secret, custodians.length, threshold).finally(() => secret.fill(0));
  return custodians.map((custodian, index) => {
    const share = shares[index] ?? new Uint8Array();
    const sealed = encryptAgeBytes(share, [parseRecipient(custodian.recipient)]);
    share.fill(0);
    return { custodian, index, sealed };
  });
}

/**
 * Rebuilds the identity from shares. The library does not check what it rebuilds, so the result is
 * accepted only if its public key is the vault's recipient.
 * @throws VaultError VAULT_SHARE_INVALID when the shares do not rebuild the vault identity.
 * @returns the identity; the caller wipes `secret` when done.
 */
export async function combineShares(shares: readonly Uint8Array[], recipient: Uint8Array): Promise<AgeIdentity> {
  let secret: Buffer;
  try {
    const copies = shares.map((s) => Uint8Array.from(s));
    secret = Buffer.from(await combine(copies).finally(() => { for (const c of copies) c.fill(0); }));
  } catch (error) {
    throw new VaultError('VAULT_SHARE_INVALID', 'expected shares of one split, got shares that do not combine', { cause: error });
  }
  if (secret.length !== 32) throw new VaultError('VAULT_SHARE_INVALID', `expected a 32-byte identity, got ${secret.length} bytes`);
  const identity = toIdentity(secret);
  if (!timingSafeEqual(identity.recipient, recipient)) {
    secret.fill(0);
    throw new VaultError('VAULT_SHARE_INVALID', 'expected the shares to rebuild the vault identity, got another key');
  }
  return identity;
}

/** @returns a custodian's share, opened with the custodian's own identity. */
export function openShare(sealed: Buffer, identity: AgeIdentity): Buffer {
  return decryptAgeBytes(sealed, identity, 4096);
}

/** @returns a share re-encrypted to a request's one-time recipient. */
export function resealShare(share: Uint8Array, oneTimeRecipient: Uint8Array): Buffer {
  return encryptAgeBytes(share, [oneTimeRecipient]);
}
