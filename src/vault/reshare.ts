// SPDX-License-Identifier: Apache-2.0
import { canonicalizeJson } from '../ledger/index.js';
import { rewrapHeader } from './age/age-file.js';
import { generateIdentity, toRecipientText } from './age/keys.js';
import { readOpenRequest } from './approve.js';
import { checkRequester, claimApprovals, rebuildIdentity } from './claim.js';
import { checkCustody, splitIdentity } from './custody/shares.js';
import { VaultError } from './errors.js';
import type { UnlockedPrincipal } from './keys/principal.js';
import { readBlobs, readVault } from './storage/vault-records.js';
import { recordEvent, withRefusalRecorded, type VaultContext } from './vault-context.js';

export interface ReshareSummary {
  readonly epoch: number;
  readonly threshold: number;
  readonly custodians: number;
  readonly blobs: number;
  readonly recipient: string;
}

/**
 * Executes an approved reshare request: rebuilds the old identity from M shares, makes a new one,
 * splits it to the new custodians, and rewraps every blob's header to it in one transaction with
 * the new share set. Payloads are untouched (same file key). Old shares rebuild only the old
 * identity, which no longer opens any header.
 * @throws VaultError for every refusal (recorded on the ledger).
 * @returns the new custody.
 */
export async function reshareVault(context: VaultContext, requestId: string, requester: UnlockedPrincipal): Promise<ReshareSummary> {
  const details = { request: requestId, requester: requester.principal.id };
  return withRefusalRecorded(context, { step: 'reshare', details }, async () => {
    const request = await readOpenRequest(context, requestId);
    checkRequester(request, requester);
    const plan = request.body.reshare;
    if (request.body.kind !== 'reshare' || !plan) throw new VaultError('VAULT_USAGE', 'expected a reshare request, got a release request');
    checkCustody(plan.threshold, plan.custodians);
    const vault = await readVault(context.store, context.vault);
    const approvals = await claimApprovals(context, request);
    const blobs = await readBlobs(context.store, context.vault);
    const fresh = generateIdentity();
    const old = await rebuildIdentity(request, approvals, { requester, recipient: vault.recipient });
    let headers: Buffer[];
    try {
      headers = blobs.map((b) => rewrapHeader(b.header, old, [fresh.recipient]));
    } finally {
      old.secret.fill(0);
    }
    const shares = await splitIdentity(fresh, plan.threshold, plan.custodians).finally(() => fresh.secret.fill(0));
    const epoch = vault.epoch + 1;
    const recipient = toRecipientText(fresh.recipient);
    await context.store.transaction(async (tx) => {
      await tx.lock(`vault:${context.vault}`);
      const current = await readVault(tx, context.vault);
      if (current.epoch !== vault.epoch) throw new VaultError('VAULT_REQUEST_CLOSED', 'expected the custody this request was made under, got a newer one');
      // A seal that committed meanwhile has a header this reshare did not rewrap.
      if ((await readBlobs(tx, context.vault)).length !== blobs.length) throw new VaultError('VAULT_REQUEST_CLOSED', 'expected the blobs read at the start, got a model sealed in between: request the reshare again');
      for (const [i, blob] of blobs.entries()) await tx.run('UPDATE vault_blobs SET header = ? WHERE vault = ? AND model = ? AND path = ?', [headers[i] ?? null, context.vault, blob.model, blob.path]);
      await tx.insertMany('vault_custodians', ['vault', 'epoch', 'custodian_id', 'principal', 'share_index', 'sealed_share'],
        shares.map((s) => [context.vault, epoch, s.custodian.id, canonicalizeJson(s.custodian), s.index, s.sealed]));
      await tx.run('UPDATE vault_vaults SET epoch = ?, threshold = ?, recipient = ? WHERE name = ?', [epoch, plan.threshold, recipient, context.vault]);
      await tx.run('UPDATE vault_requests SET state = ? WHERE id = ?', ['released', request.id]);
    });
    await recordEvent(context, 'reshare', { ...details, epoch, threshold: plan.threshold, custodians: plan.custodians.map((c) => c.id), blobs: blobs.length, recipient });
    return { epoch, threshold: plan.threshold, custodians: plan.custodians.length, blobs: blobs.length, recipient };
  });
}
