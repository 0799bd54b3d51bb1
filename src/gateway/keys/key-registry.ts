// SPDX-License-Identifier: Apache-2.0
import { timingSafeEqual } from 'node:crypto';
import type { Store } from '../../store/index.js';
import { policySchema, type GatewayConfigInput, type Policy } from '../config/schema.js';
import { GatewayError } from '../errors.js';
import { toPolicyProblems } from './policy.js';
import { isKeySecret, issueVirtualKey, toKeyParts } from './virtual-key.js';

/** A key as the admin API shows it: never the secret, never the hash. */
export interface KeyInfo {
  readonly id: string;
  readonly name: string;
  /** The policy overrides given at creation; the effective policy merges them over the default. */
  readonly policy: PolicyOverrides;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

/** An authenticated caller's key with its effective policy. */
export interface KeyPrincipal {
  readonly id: string;
  readonly name: string;
  readonly policy: Policy;
}

export type PolicyOverrides = NonNullable<GatewayConfigInput['defaultPolicy']>;

interface KeyRow {
  id: string;
  name: string;
  hash: string;
  policy: string;
  created_at: string;
  revoked_at: string | null;
  [column: string]: unknown;
}

interface CachedKey {
  readonly row: KeyRow | undefined;
  readonly principal: KeyPrincipal | undefined;
  readonly expires: number;
  /**
   * The secret that last matched the stored hash, so a key in steady use is checked with one
   * constant-time compare instead of a SHA-256 per request. It lives no longer than this entry
   * (the TTL, or until a revocation drops it); the process holds every presented key in its
   * request buffers anyway, so keeping it here exposes nothing a memory read would not.
   */
  verified: Buffer | undefined;
}

/** Keys looked up recently; revocations reach other replicas by pub/sub, and at worst after the TTL. */
const CACHE_TTL_MS = 30_000;
/** An id nobody holds is remembered briefly, so guessing cannot turn every request into a query. */
const MISS_TTL_MS = 5_000;
const CACHE_MAX = 10_000;
const MAX_NAME = 200;

/**
 * @returns the effective policy: overrides merged over `base` field by field (actions and limits
 * merge key by key).
 * @throws GatewayError GATEWAY_BAD_REQUEST naming the field when the result breaks the schema.
 */
export function toEffectivePolicy(base: Policy, overrides: PolicyOverrides): Policy {
  const merged = { ...base, ...overrides, actions: { ...base.actions, ...overrides.actions }, limits: { ...base.limits, ...overrides.limits } };
  const result = policySchema.safeParse(merged);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new GatewayError('GATEWAY_BAD_REQUEST', `invalid policy: ${issue?.path.join('.') ?? ''}: ${issue?.message.toLowerCase() ?? ''}`);
  }
  const problems = toPolicyProblems(result.data);
  if (problems.length) throw new GatewayError('GATEWAY_BAD_REQUEST', `invalid policy: ${problems.join('; ')}`);
  return result.data;
}

function toInfo(row: KeyRow): KeyInfo {
  return { id: row.id, name: row.name, policy: JSON.parse(row.policy) as PolicyOverrides, createdAt: row.created_at, revokedAt: row.revoked_at };
}

/** Virtual keys in the store (hashed), with a bounded cache in front for the request path. */
export class KeyRegistry {
  private readonly cache = new Map<string, CachedKey>();

  constructor(private readonly store: Store, private readonly defaultPolicy: Policy) {}

  /**
   * Issues a key. @returns its info and the key itself, which is shown this once.
   * @throws GatewayError GATEWAY_BAD_REQUEST for a bad name or policy
   */
  async create(name: string, overrides: PolicyOverrides = {}): Promise<{ info: KeyInfo; key: string }> {
    if (!name || name.length > MAX_NAME) throw new GatewayError('GATEWAY_BAD_REQUEST', `expected a key name of 1-${MAX_NAME} characters, got ${name.length}`);
    toEffectivePolicy(this.defaultPolicy, overrides);
    const issued = issueVirtualKey();
    const row: KeyRow = { id: issued.id, name, hash: issued.hash, policy: JSON.stringify(overrides), created_at: new Date().toISOString(), revoked_at: null };
    await this.store.run('INSERT INTO gateway_keys (id, name, hash, policy, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?)', [row.id, row.name, row.hash, row.policy, row.created_at, null]);
    this.cache.delete(row.id);
    return { info: toInfo(row), key: issued.key };
  }

  /** @returns every key, newest first, revoked ones included. */
  async list(): Promise<KeyInfo[]> {
    const rows = await this.store.all<KeyRow>('SELECT id, name, hash, policy, created_at, revoked_at FROM gateway_keys ORDER BY created_at DESC, id');
    return rows.map(toInfo);
  }

  /** Revokes a key. @returns false when no live key has that id. */
  async revoke(id: string): Promise<boolean> {
    const { changes } = await this.store.run('UPDATE gateway_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [new Date().toISOString(), id]);
    this.forget(id);
    return changes > 0;
  }

  /** Drops a cached key (a revocation announced by another replica). */
  forget(id: string): void {
    this.cache.delete(id);
  }

  /**
   * @returns the principal for a presented key, or undefined for a malformed, unknown, revoked or
   * wrong key. The secret is compared in constant time against the stored hash.
   */
  async authenticate(presented: string): Promise<KeyPrincipal | undefined> {
    const parts = toKeyParts(presented);
    if (!parts) return undefined;
    const cached = await this.lookup(parts.id);
    if (!cached.row || cached.row.revoked_at !== null) return undefined;
    // toKeyParts admits only 43 base64url characters, so both buffers are 43 bytes long.
    const secret = Buffer.from(parts.secret, 'latin1');
    if (cached.verified && timingSafeEqual(secret, cached.verified)) return cached.principal;
    if (!isKeySecret(parts.secret, cached.row.hash)) return undefined;
    cached.verified = secret;
    return cached.principal;
  }

  private async lookup(id: string): Promise<CachedKey> {
    const now = Date.now();
    const hit = this.cache.get(id);
    if (hit && hit.expires > now) return hit;
    const row = await this.store.get<KeyRow>('SELECT id, name, hash, policy, created_at, revoked_at FROM gateway_keys WHERE id = ?', [id]);
    const principal = row ? this.toPrincipal(row) : undefined;
    const entry: CachedKey = { row, principal, expires: now + (row ? CACHE_TTL_MS : MISS_TTL_MS), verified: undefined };
    if (this.cache.size >= CACHE_MAX) this.cache.delete(this.cache.keys().next().value ?? '');
    this.cache.set(id, entry);
    return entry;
  }

  private toPrincipal(row: KeyRow): KeyPrincipal | undefined {
    try {
      return { id: row.id, name: row.name, policy: toEffectivePolicy(this.defaultPolicy, JSON.parse(row.policy) as PolicyOverrides) };
    } catch {
      // A stored policy the current default no longer accepts: the key fails closed.
      return undefined;
    }
  }
}
