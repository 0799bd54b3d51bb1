// SPDX-License-Identifier: Apache-2.0
import { canonicalizeJson } from '../ledger/index.js';
import { generateIdentity, toRecipientText } from './age/keys.js';
import { splitIdentity } from './custody/shares.js';
import { VaultError } from './errors.js';
import type { Principal } from './keys/principal.js';
import { DEFAULT_BUDGET, toBudget, type Budget } from './release/budget.js';
import { readCustodians, readModels, readVault, type ModelRow } from './storage/vault-records.js';
import { recordEvent, withRefusalRecorded, type VaultContext } from './vault-context.js';

export interface InitOptions {
  readonly threshold: number;
  readonly custodians: readonly Principal[];
  /** The key that signs manifests when models are sealed. */
  readonly operator: Principal;
  readonly budget?: Budget;
}

/** What `vault list` shows: the vault, its custodians and its models. */
export interface VaultSummary {
  readonly vault: string;
  readonly threshold: number;
  readonly epoch: number;
  readonly recipient: string;
  readonly operator: Principal;
  readonly custodians: readonly Principal[];
  readonly budget: Budget;
  readonly models: readonly Omit<ModelRow, 'bundle'>[];
}

/**
 * Creates a vault: a fresh X25519 identity split M-of-N to the custodians. Only the shares, each
 * encrypted to its custodian, are stored; the identity exists in memory for this call only.
 * @throws VaultError VAULT_EXISTS, VAULT_USAGE.
 * @returns the vault's age recipient.
 */
export async function initVault(context: VaultContext, options: InitOptions): Promise<string> {
  return withRefusalRecorded(context, { step: 'init', details: {} }, async () => {
    const identity = generateIdentity();
    let shares;
    try {
      shares = await splitIdentity(identity, options.threshold, options.custodians);
    } finally {
      identity.secret.fill(0);
    }
    const recipient = toRecipientText(identity.recipient);
    const budget = options.budget ?? DEFAULT_BUDGET;
    await context.store.transaction(async (tx) => {
      await tx.lock(`vault:${context.vault}`);
      if (await tx.get('SELECT name FROM vault_vaults WHERE name = ?', [context.vault])) throw new VaultError('VAULT_EXISTS', `expected no vault named ${JSON.stringify(context.vault)}, got one`);
      await tx.run('INSERT INTO vault_vaults (name, threshold, epoch, recipient, operator, budget, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        context.vault, options.threshold, 1, recipient, canonicalizeJson(options.operator), canonicalizeJson(budget), context.now(),
      ]);
      await tx.insertMany('vault_custodians', ['vault', 'epoch', 'custodian_id', 'principal', 'share_index', 'sealed_share'],
        shares.map((s) => [context.vault, 1, s.custodian.id, canonicalizeJson(s.custodian), s.index, s.sealed]));
    });
    await recordEvent(context, 'init', { threshold: options.threshold, custodians: options.custodians.map((c) => c.id), operator: options.operator.id, recipient });
    return recipient;
  });
}

/** @returns the vault, its current custodians and its models. @throws VaultError VAULT_NOT_FOUND */
export async function describeVault(context: VaultContext): Promise<VaultSummary> {
  const vault = await readVault(context.store, context.vault);
  const custodians = await readCustodians(context.store, context.vault, vault.epoch);
  const models = (await readModels(context.store, context.vault)).map((m) => ({ model: m.model, digest: m.digest, plainBytes: m.plainBytes, sealedAt: m.sealedAt }));
  return {
    vault: vault.name, threshold: vault.threshold, epoch: vault.epoch, recipient: vault.recipient, operator: vault.operator,
    custodians: custodians.map((c) => c.principal), budget: JSON.parse(vault.budget) as Budget, models,
  };
}

/**
 * Sets the egress budget (recorded on the ledger with the old and new values).
 * @throws VaultError VAULT_NOT_FOUND, VAULT_USAGE.
 */
export async function setBudget(context: VaultContext, budget: Budget): Promise<void> {
  const checked = toBudget(budget.windowMs, budget.vault, budget.requester);
  const before = await readVault(context.store, context.vault);
  await context.store.run('UPDATE vault_vaults SET budget = ? WHERE name = ?', [canonicalizeJson(checked), context.vault]);
  await recordEvent(context, 'budget', { before: JSON.parse(before.budget) as unknown, after: checked });
}
