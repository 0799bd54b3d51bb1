// SPDX-License-Identifier: Apache-2.0
import { canonicalizeJson } from '../ledger/index.js';
import { VaultError } from './errors.js';
import type { UnlockedPrincipal } from './keys/principal.js';
import { checkApproval, createApproval, type SignedApproval } from './release/approval.js';
import { checkNotExpired, createRequest, toPlanDigest, verifyRequest, type ResharePlan, type SignedRequest } from './release/request.js';
import { readApprovalById, readApprovals, readCustodians, readModel, readRequest, readVault } from './storage/vault-records.js';
import { recordEvent, withRefusalRecorded, type VaultContext } from './vault-context.js';

/** A request waits at most 30 days for approvals: a stale request is a standing invitation. */
const MAX_TTL_MS = 30 * 86_400_000;

export interface RequestFlowOptions {
  readonly requester: UnlockedPrincipal;
  readonly purpose: string;
  readonly ttlMs: number;
  /** The model to release; omit when `reshare` is given. */
  readonly model?: string;
  readonly reshare?: ResharePlan;
}

/**
 * Files a signed request to release a model (or to reshare custody).
 * @throws VaultError VAULT_NOT_FOUND, VAULT_USAGE.
 * @returns the stored request.
 */
export async function fileRequest(context: VaultContext, options: RequestFlowOptions): Promise<SignedRequest> {
  return withRefusalRecorded(context, { step: 'request', details: { model: options.model ?? '*', requester: options.requester.principal.id } }, async () => {
    const vault = await readVault(context.store, context.vault);
    if ((options.model === undefined) === (options.reshare === undefined)) throw new VaultError('VAULT_USAGE', 'expected either a model to release or a reshare plan, got both or neither');
    if (!(options.ttlMs > 0 && options.ttlMs <= MAX_TTL_MS)) throw new VaultError('VAULT_USAGE', `expected an expiry within 30 days, got ${options.ttlMs} ms`);
    const digest = options.reshare ? toPlanDigest(options.reshare) : (await readModel(context.store, context.vault, options.model ?? '')).digest;
    const now = context.now();
    const request = createRequest(options.requester, {
      vault: context.vault, epoch: vault.epoch, model: options.model ?? '*', modelDigest: digest, purpose: options.purpose,
      expiresAt: now + options.ttlMs, now, ...(options.reshare ? { reshare: options.reshare } : {}),
    });
    await context.store.run('INSERT INTO vault_requests (id, vault, body, signature, sealed_one_time, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      request.id, context.vault, canonicalizeJson(request.body), request.signature, request.sealedOneTime, 'open', now,
    ]);
    await recordEvent(context, 'request', { request: request.id, kind: request.body.kind, model: request.body.model, modelDigest: digest, purpose: request.body.purpose, requester: request.body.requester.id, expiresAt: request.body.expiresAt });
    return request;
  });
}

/** @returns the request, after checking it is intact, open and unexpired. */
export async function readOpenRequest(context: VaultContext, requestId: string): Promise<SignedRequest> {
  const { request, state } = await readRequest(context.store, requestId);
  verifyRequest(request);
  if (request.body.vault !== context.vault) throw new VaultError('VAULT_REQUEST_INVALID', `expected a request for vault ${context.vault}, got one for ${request.body.vault}`);
  if (state !== 'open') throw new VaultError('VAULT_REQUEST_CLOSED', `expected an open request, got one that is ${state}`);
  checkNotExpired(request, context.now());
  const vault = await readVault(context.store, context.vault);
  if (vault.epoch !== request.body.epoch) throw new VaultError('VAULT_REQUEST_CLOSED', 'expected a request made under the current custodians, got one from before a reshare');
  return request;
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new VaultError('VAULT_IO', String(error));
}

/**
 * Attaches an approval to request `requestId` after checking it against its request: signature, replay, binding, self and
 * duplicate checks, all recorded on the ledger when refused.
 * @throws VaultError VAULT_APPROVAL_* , VAULT_REQUEST_*.
 */
export async function submitApproval(context: VaultContext, requestId: string, approval: SignedApproval): Promise<void> {
  const details = { request: requestId, approval: approval.body.id, custodian: approval.body.custodian };
  await withRefusalRecorded(context, { step: 'approve', details }, async () => {
    const { request } = await readRequest(context.store, requestId);
    // Read before the transaction: a Store runs one transaction at a time per process, and reads
    // outside it wait for it.
    const open = await readOpenRequest(context, request.id).then(() => undefined, (error: unknown) => toError(error));
    await context.store.transaction(async (tx) => {
      await tx.lock(`vault:${context.vault}`);
      const previous = await readApprovalById(tx, approval.body.id);
      const custodians = (await readCustodians(tx, context.vault, request.body.epoch)).map((c) => c.principal);
      const seen = new Set((await readApprovals(tx, request.id)).map((a) => a.body.custodian));
      const used = new Set(previous?.usedAt != null ? [previous.body.id] : []);
      checkApproval(approval, { request, custodians, used, seen });
      if (open !== undefined) throw open;
      await tx.run('INSERT INTO vault_approvals (id, request_id, custodian_id, body, signature, sealed_share, used_at) VALUES (?, ?, ?, ?, ?, ?, NULL)', [
        approval.body.id, request.id, approval.body.custodian, canonicalizeJson(approval.body), approval.signature, approval.sealedShare,
      ]);
    });
    await recordEvent(context, 'approve', details);
  });
}

/**
 * A custodian approves a request: checks it, opens its own share locally, re-encrypts it to the
 * request's one-time key, signs and submits.
 * @throws VaultError VAULT_NOT_CUSTODIAN, VAULT_APPROVAL_SELF, VAULT_REQUEST_EXPIRED, ...
 * @returns the approval.
 */
export async function approveRequest(context: VaultContext, requestId: string, custodian: UnlockedPrincipal): Promise<SignedApproval> {
  const details = { request: requestId, custodian: custodian.principal.id };
  const approval = await withRefusalRecorded(context, { step: 'approve', details }, async () => {
    const request = await readOpenRequest(context, requestId);
    const own = (await readCustodians(context.store, context.vault, request.body.epoch)).find((c) => c.principal.id === custodian.principal.id);
    if (!own) throw new VaultError('VAULT_NOT_CUSTODIAN', `expected a current custodian of ${context.vault}, got ${custodian.principal.name}`);
    if (own.principal.id === request.body.requester.id) throw new VaultError('VAULT_APPROVAL_SELF', 'expected approvals from custodians other than the requester, got the requester');
    return createApproval(custodian, request, { sealedShare: own.sealedShare, now: context.now() });
  });
  await submitApproval(context, requestId, approval);
  return approval;
}
