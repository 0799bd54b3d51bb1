// SPDX-License-Identifier: Apache-2.0
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Virtual keys look like `cit-<12 hex id>-<43 base64url secret>`. The id is public and finds the
 * record; only SHA-256 of the 256-bit secret is stored, so a copy of the store grants nothing. A
 * slow password hash adds nothing for a uniformly random 256-bit secret and would cost every request.
 */
const KEY_PATTERN = /^cit-([0-9a-f]{12})-([A-Za-z0-9_-]{43})$/;
/** Domain separation, so a stored hash is never a valid hash of anything else Citadel stores. */
const HASH_CONTEXT = 'citadel gateway virtual key v1\0';

export interface IssuedKey {
  /** Public identifier, safe to log. */
  readonly id: string;
  /** The whole key, shown to its owner once and never stored. */
  readonly key: string;
  /** SHA-256 of the secret, hex: what the store keeps. */
  readonly hash: string;
}

/** @returns the hex SHA-256 of a key secret under the virtual-key context. */
export function hashKeySecret(secret: string): string {
  return createHash('sha256').update(HASH_CONTEXT).update(secret).digest('hex');
}

/** @returns a fresh key with 256 bits of secret. */
export function issueVirtualKey(): IssuedKey {
  const id = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { id, key: `cit-${id}-${secret}`, hash: hashKeySecret(secret) };
}

/** @returns the id and secret of a well-formed key, or undefined for anything else. */
export function toKeyParts(key: string): { id: string; secret: string } | undefined {
  if (key.length !== 60) return undefined;
  const match = KEY_PATTERN.exec(key);
  if (!match?.[1] || !match[2]) return undefined;
  return { id: match[1], secret: match[2] };
}

/**
 * Compares a presented secret with a stored hash in time independent of where they differ
 * (CWE-208), so the hash cannot be learnt a byte at a time.
 * @returns true when `secret` hashes to `storedHash`.
 */
export function isKeySecret(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashKeySecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return stored.length === presented.length && timingSafeEqual(presented, stored);
}

/** @returns true when two tokens are equal, compared in constant time over their SHA-256 digests. */
export function isSameToken(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** @returns the bearer token of an Authorization header (RFC 6750 §2.1), or undefined. */
export function toBearerToken(header: string | undefined): string | undefined {
  if (!header || header.length > 8192) return undefined;
  const match = /^Bearer[ ]+([^\s]+)\s*$/i.exec(header);
  return match?.[1];
}
