// SPDX-License-Identifier: Apache-2.0
import { createHash, randomBytes } from 'node:crypto';
import { canonicalizeJson } from '../../ledger/index.js';
import { encryptAgeBytes } from '../age/age-file.js';
import { generateIdentity, parseRecipient, toRecipientText } from '../age/keys.js';
import { VaultError } from '../errors.js';
import { isSignedBy, parsePrincipal, signAs, type Principal, type UnlockedPrincipal } from '../keys/principal.js';

export const REQUEST_CONTEXT = 'citadel-vault-request/v1';

/** A new custodian set, for a reshare request. */
export interface ResharePlan {
  readonly threshold: number;
  readonly custodians: readonly Principal[];
}

/** What a requester signs. Custodians read it before they approve. */
export interface RequestBody {
  readonly type: typeof REQUEST_CONTEXT;
  readonly vault: string;
  readonly epoch: number;
  readonly kind: 'release' | 'reshare';
  /** The model to release; '*' for a reshare. */
  readonly model: string;
  /** The sealed model's OMS subject digest, or the digest of the reshare plan. */
  readonly modelDigest: string;
  readonly purpose: string;
  readonly requester: Principal;
  readonly createdAt: number;
  readonly expiresAt: number;
  /** The one-time X25519 key approvals re-encrypt their shares to. */
  readonly oneTimeRecipient: string;
  readonly nonce: string;
  readonly reshare?: ResharePlan;
}

/** A signed request. `sealedOneTime` is the one-time identity, encrypted to the requester. */
export interface SignedRequest {
  readonly id: string;
  readonly body: RequestBody;
  readonly signature: string;
  readonly sealedOneTime: Buffer;
}

export interface RequestOptions {
  readonly vault: string;
  readonly epoch: number;
  readonly model: string;
  readonly modelDigest: string;
  readonly purpose: string;
  readonly expiresAt: number;
  readonly now: number;
  readonly reshare?: ResharePlan;
}

/** Longest purpose text: a sentence or two for the custodians, not a document. */
const MAX_PURPOSE = 1000;

/** @returns the request id: SHA-256 of the body's canonical JSON (RFC 8785), hex. */
export function toRequestId(body: RequestBody): string {
  return createHash('sha256').update(canonicalizeJson(body)).digest('hex');
}

/** @returns the digest a reshare request carries in `modelDigest`, binding the new custodian set. */
export function toPlanDigest(plan: ResharePlan): string {
  return createHash('sha256').update(canonicalizeJson({ threshold: plan.threshold, custodians: plan.custodians.map((c) => c.id) })).digest('hex');
}

/**
 * Creates and signs a request with a fresh one-time identity, sealed to the requester so that
 * only the requester can later open the shares custodians send.
 * @throws VaultError VAULT_USAGE for an empty or long purpose, or an expiry not in the future.
 * @returns the signed request.
 */
export function createRequest(requester: UnlockedPrincipal, options: RequestOptions): SignedRequest {
  const purpose = options.purpose.trim();
  if (purpose.length === 0 || purpose.length > MAX_PURPOSE) throw new VaultError('VAULT_USAGE', `expected a purpose of 1-${MAX_PURPOSE} characters, got ${purpose.length}`);
  if (!(options.expiresAt > options.now)) throw new VaultError('VAULT_USAGE', 'expected an expiry in the future');
  const oneTime = generateIdentity();
  const body: RequestBody = {
    type: REQUEST_CONTEXT, vault: options.vault, epoch: options.epoch, kind: options.reshare ? 'reshare' : 'release',
    model: options.model, modelDigest: options.modelDigest, purpose, requester: requester.principal,
    createdAt: options.now, expiresAt: options.expiresAt, oneTimeRecipient: toRecipientText(oneTime.recipient),
    nonce: randomBytes(16).toString('hex'), ...(options.reshare ? { reshare: options.reshare } : {}),
  };
  const sealedOneTime = encryptAgeBytes(oneTime.secret, [parseRecipient(requester.principal.recipient)]);
  oneTime.secret.fill(0);
  return { id: toRequestId(body), body, signature: signAs(requester, REQUEST_CONTEXT, canonicalizeJson(body)), sealedOneTime };
}

/**
 * @throws VaultError VAULT_REQUEST_INVALID when the id is not the body's digest or the requester's
 *   signature does not verify.
 */
export function verifyRequest(request: SignedRequest): void {
  parsePrincipal(request.body.requester);
  if (toRequestId(request.body) !== request.id) throw new VaultError('VAULT_REQUEST_INVALID', `expected request id ${request.id} to be the digest of its body, got a mismatch`);
  if (!isSignedBy(request.body.requester, { context: REQUEST_CONTEXT, message: canonicalizeJson(request.body), signature: request.signature })) {
    throw new VaultError('VAULT_REQUEST_INVALID', 'expected the requester signature to verify, got a mismatch');
  }
  if (request.body.reshare && toPlanDigest(request.body.reshare) !== request.body.modelDigest) {
    throw new VaultError('VAULT_REQUEST_INVALID', 'expected the reshare plan to match the request digest, got a mismatch');
  }
}

/** @throws VaultError VAULT_REQUEST_EXPIRED once `now` reaches the expiry. */
export function checkNotExpired(request: SignedRequest, now: number): void {
  if (now >= request.body.expiresAt) {
    throw new VaultError('VAULT_REQUEST_EXPIRED', `expected a request valid until after now, got one that expired at ${new Date(request.body.expiresAt).toISOString()}`);
  }
}
