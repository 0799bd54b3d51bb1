// SPDX-License-Identifier: Apache-2.0
import type { SqlTransaction } from '../store/index.js';
import { decryptAgeBytes } from './age/age-file.js';
import { parseRecipient, toIdentity, type AgeIdentity } from './age/keys.js';
import { combineShares } from './custody/shares.js';
import { VaultError } from './errors.js';
import type { UnlockedPrincipal } from './keys/principal.js';
import { selectApprovals, type SignedApproval } from './release/approval.js';
import { checkBudget, type Budget } from './release/budget.js';
import type { SignedRequest } from './release/request.js';
import { readApprovals, readCustodians, readReleasedBytes, readRequest, readVault } from './storage/vault-records.js';
import type { VaultContext } from './vault-context.js';

/**
 * Claims a request's approvals in one locked transaction: the request must still be open, every
 * approval must check, M distinct custodians must have approved, and (for a release) the egress
 * budget must allow `releaseBytes`. The approvals are then marked used and the bytes counted
 * before any key is rebuilt, so a crash or a concurrent release cannot use them twice.
 * @throws VaultError VAULT_REQUEST_CLOSED, VAULT_APPROVAL_*, VAULT_BUDGET_EXCEEDED.
 * @returns the approvals to combine.
 */
export async function claimApprovals(context: VaultContext, request: SignedRequest, releaseBytes?: number): Promise<SignedApproval[]> {
  return context.store.transaction(async (tx) => {
    await tx.lock(`vault:${context.vault}`);
    const { state } = await readRequest(tx, request.id);
    if (state !== 'open') throw new VaultError('VAULT_REQUEST_CLOSED', `expected an open request, got one that is ${state}`);
    const vault = await readVault(tx, context.vault);
    const custodians = (await readCustodians(tx, context.vault, request.body.epoch)).map((c) => c.principal);
    const stored = await readApprovals(tx, request.id);
    const used = new Set(stored.filter((a) => a.usedAt !== null).map((a) => a.body.id));
    const chosen = selectApprovals(stored, { request, custodians, used, seen: new Set() }, vault.threshold);
    const now = context.now();
    if (releaseBytes !== undefined) await reserveEgress(tx, { context, request, budget: JSON.parse(vault.budget) as Budget, bytes: releaseBytes, now });
    await tx.run('UPDATE vault_requests SET state = ? WHERE id = ?', ['releasing', request.id]);
    for (const approval of stored) await tx.run('UPDATE vault_approvals SET used_at = ? WHERE id = ?', [now, approval.body.id]);
    return chosen;
  });
}

async function reserveEgress(tx: SqlTransaction, what: { context: VaultContext; request: SignedRequest; budget: Budget; bytes: number; now: number }): Promise<void> {
  const requester = what.request.body.requester.id;
  const used = await readReleasedBytes(tx, { vault: what.context.vault, requester, since: what.now - what.budget.windowMs });
  checkBudget(what.budget, used, what.bytes);
  await tx.run('INSERT INTO vault_releases (request_id, vault, requester_id, bytes, released_at) VALUES (?, ?, ?, ?, ?)', [what.request.id, what.context.vault, requester, what.bytes, what.now]);
}

/**
 * Rebuilds the vault identity in memory: the requester opens the one-time identity, which opens
 * each approval's share; the shares must rebuild the vault recipient.
 * @throws VaultError VAULT_KEY_INVALID (not the requester's key), VAULT_SHARE_INVALID.
 * @returns the identity; the caller wipes `secret` as soon as the headers are open.
 */
export async function rebuildIdentity(request: SignedRequest, approvals: readonly SignedApproval[], what: { requester: UnlockedPrincipal; recipient: string }): Promise<AgeIdentity> {
  const oneTime = toIdentity(decryptAgeBytes(request.sealedOneTime, what.requester.identity, 4096));
  const shares: Buffer[] = [];
  try {
    for (const approval of approvals) shares.push(decryptAgeBytes(approval.sealedShare, oneTime, 4096));
    return await combineShares(shares, parseRecipient(what.recipient));
  } catch (error) {
    if (error instanceof VaultError && error.code !== 'VAULT_SHARE_INVALID') throw new VaultError('VAULT_SHARE_INVALID', 'expected approvals whose shares open with the one-time key, got one that does not', { cause: error });
    throw error;
  } finally {
    oneTime.secret.fill(0);
    for (const share of shares) share.fill(0);
  }
}

/** @throws VaultError VAULT_KEY_INVALID unless `unlocked` is the request's requester. */
export function checkRequester(request: SignedRequest, unlocked: UnlockedPrincipal): void {
  if (unlocked.principal.id !== request.body.requester.id) {
    throw new VaultError('VAULT_KEY_INVALID', `expected the requester's key ${request.body.requester.id}, got ${unlocked.principal.id}`);
  }
}
