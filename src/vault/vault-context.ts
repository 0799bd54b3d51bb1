// SPDX-License-Identifier: Apache-2.0
import type { Ledger } from '../ledger/index.js';
import type { Store } from '../store/index.js';
import { isCitadelError } from '../core/index.js';
import { VaultError } from './errors.js';

/** Where a vault lives: metadata on a Store, payloads under `blobDir`, every step on a Ledger. */
export interface VaultContext {
  readonly store: Store;
  readonly ledger: Ledger;
  readonly blobDir: string;
  readonly vault: string;
  /** The clock, in milliseconds since the epoch; tests move it. */
  readonly now: () => number;
}

/** Appends one vault event to the ledger. Entries hold ids, digests and sizes, never key material. */
export async function recordEvent(context: VaultContext, event: string, details: Record<string, unknown>): Promise<void> {
  await context.ledger.append([{ kind: 'vault', event, vault: context.vault, at: context.now(), ...details }]);
}

/**
 * Runs `step`; a refusal (a VaultError) is recorded on the ledger with its code before it is
 * rethrown, so refused attempts are as visible as granted ones.
 * @returns what `step` returns.
 */
export async function withRefusalRecorded<T>(context: VaultContext, what: { step: string; details: Record<string, unknown> }, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof VaultError || isCitadelError(error)) {
      await recordEvent(context, 'refused', { step: what.step, code: error.code, ...what.details });
    }
    throw error;
  }
}
