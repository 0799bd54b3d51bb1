// SPDX-License-Identifier: Apache-2.0
import { createHash, randomBytes } from 'node:crypto';
import { canonicalizeJson } from '../../ledger/index.js';
import { parseRecipient } from '../age/keys.js';
import { openShare, resealShare } from '../custody/shares.js';
import { VaultError } from '../errors.js';
import { isSignedBy, signAs, type Principal, type UnlockedPrincipal } from '../keys/principal.js';
import type { SignedRequest } from './request.js';

export const APPROVAL_CONTEXT = 'citadel-vault-approval/v1';

/** What a custodian signs: this request, this model digest, this expiry, this share. */
export interface ApprovalBody {
  readonly type: typeof APPROVAL_CONTEXT;
  /** Random and unique: an approval is used once, and a second use is a replay. */
  readonly id: string;
  readonly vault: string;
  readonly epoch: number;
  readonly requestId: string;
  readonly modelDigest: string;
  readonly expiresAt: number;
  readonly custodian: string;
  /** SHA-256 of `sealedShare`, so a share cannot be swapped under a valid signature. */
  readonly shareDigest: string;
  readonly approvedAt: number;
}

export interface SignedApproval {
  readonly body: ApprovalBody;
  readonly signature: string;
  /** The custodian's share, encrypted to the request's one-time recipient. */
  readonly sealedShare: Buffer;
}

/**
 * A custodian approves: opens its own share locally, re-encrypts it to the request's one-time key
 * and signs request id + model digest + expiry + share digest.
 * @returns the signed approval.
 */
export function createApproval(custodian: UnlockedPrincipal, request: SignedRequest, own: { sealedShare: Buffer; now: number }): SignedApproval {
  const { now } = own;
  const share = openShare(own.sealedShare, custodian.identity);
  const sealedShare = resealShare(share, parseRecipient(request.body.oneTimeRecipient));
  share.fill(0);
  const body: ApprovalBody = {
    type: APPROVAL_CONTEXT, id: randomBytes(16).toString('hex'), vault: request.body.vault, epoch: request.body.epoch,
    requestId: request.id, modelDigest: request.body.modelDigest, expiresAt: request.body.expiresAt,
    custodian: custodian.principal.id, shareDigest: createHash('sha256').update(sealedShare).digest('hex'), approvedAt: now,
  };
  return { body, signature: signAs(custodian, APPROVAL_CONTEXT, canonicalizeJson(body)), sealedShare };
}

/** What an approval is checked against. */
export interface ApprovalContext {
  readonly request: SignedRequest;
  readonly custodians: readonly Principal[];
  /** Approval ids already consumed by a release. */
  readonly used: ReadonlySet<string>;
  /** Custodian ids that already approved this request (filled in as approvals are checked). */
  readonly seen: Set<string>;
}

/**
 * Checks one approval, in an order that names the most specific fault: forged, replayed, for
 * another request, by the requester, by a custodian who already approved.
 * @throws VaultError VAULT_APPROVAL_FORGED, _REPLAYED, _WRONG_REQUEST, _SELF, _DUPLICATE.
 * @returns the approving custodian.
 */
export function checkApproval(approval: SignedApproval, context: ApprovalContext): Principal {
  const body = approval.body;
  const custodian = context.custodians.find((c) => c.id === body.custodian);
  if (!custodian || !isSignedBy(custodian, { context: APPROVAL_CONTEXT, message: canonicalizeJson(body), signature: approval.signature })) {
    throw new VaultError('VAULT_APPROVAL_FORGED', 'expected an approval signed by a current custodian, got a signature that does not verify');
  }
  if (createHash('sha256').update(approval.sealedShare).digest('hex') !== body.shareDigest) {
    throw new VaultError('VAULT_APPROVAL_FORGED', 'expected the share to match the signed digest, got another share');
  }
  if (context.used.has(body.id)) throw new VaultError('VAULT_APPROVAL_REPLAYED', `expected a fresh approval, got ${body.id} which was already used`);
  const request = context.request;
  if (body.requestId !== request.id || body.modelDigest !== request.body.modelDigest || body.expiresAt !== request.body.expiresAt || body.vault !== request.body.vault || body.epoch !== request.body.epoch) {
    throw new VaultError('VAULT_APPROVAL_WRONG_REQUEST', `expected an approval of request ${request.id.slice(0, 16)}, got one for ${body.requestId.slice(0, 16)}`);
  }
  if (custodian.id === request.body.requester.id || custodian.recipient === request.body.requester.recipient) {
    throw new VaultError('VAULT_APPROVAL_SELF', 'expected approvals from custodians other than the requester, got the requester');
  }
  if (context.seen.has(custodian.id)) throw new VaultError('VAULT_APPROVAL_DUPLICATE', `expected one approval per custodian, got a second from ${custodian.name}`);
  context.seen.add(custodian.id);
  return custodian;
}

/**
 * Checks every approval of a request and that at least `threshold` distinct custodians approved.
 * Any bad approval refuses the whole release: it is evidence of tampering, not noise.
 * @throws VaultError as checkApproval, or VAULT_APPROVAL_MISSING below the threshold.
 * @returns the approvals to use (exactly `threshold`).
 */
export function selectApprovals(approvals: readonly SignedApproval[], context: ApprovalContext, threshold: number): SignedApproval[] {
  for (const approval of approvals) checkApproval(approval, context);
  if (approvals.length < threshold) throw new VaultError('VAULT_APPROVAL_MISSING', `expected ${threshold} approvals from distinct custodians, got ${approvals.length}`);
  return approvals.slice(0, threshold);
}
