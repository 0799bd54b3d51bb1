// SPDX-License-Identifier: Apache-2.0
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { openLedger, openSigner } from '../ledger/index.js';
import { openStore, type Store } from '../store/index.js';
import { sweepPartialFiles } from './storage/atomic-file.js';
import { migrateVault } from './storage/vault-records.js';
import type { VaultContext } from './vault-context.js';

export interface OpenVaultOptions {
  /** The vault directory: payload blobs, and by default the SQLite metadata and ledger key. */
  readonly dir: string;
  /** Metadata store URL: default sqlite:DIR/vault.db; postgres://… when hosts share a vault. */
  readonly storeUrl?: string;
  /** PostgreSQL schema (for tests and multi-tenant databases). */
  readonly schema?: string;
  readonly vault?: string;
  /** Ledger origin line (C2SP tlog-checkpoint). */
  readonly origin?: string;
  readonly now?: () => number;
}

export interface OpenVault {
  readonly context: VaultContext;
  close(): Promise<void>;
}

export const DEFAULT_VAULT = 'default';
export const DEFAULT_ORIGIN = 'citadel.local/vault';

/**
 * Opens a vault directory with its metadata store and ledger (in the same store), creating tables
 * on first use, and sweeps temp files a killed process may have left where O_TMPFILE is missing.
 * @returns the context every vault operation takes, and a close function.
 */
export async function openVault(options: OpenVaultOptions): Promise<OpenVault> {
  await mkdir(options.dir, { recursive: true, mode: 0o700 });
  const store: Store = await openStore(options.storeUrl ?? `sqlite:${join(options.dir, 'vault.db')}`, options.schema === undefined ? {} : { schema: options.schema });
  try {
    await migrateVault(store);
    const origin = options.origin ?? DEFAULT_ORIGIN;
    const ledger = await openLedger({ store, signer: await openSigner({ dir: join(options.dir, 'ledger-key'), name: origin }), origin });
    await sweepPartialFiles(join(options.dir, 'blobs'));
    const context: VaultContext = { store, ledger, blobDir: options.dir, vault: options.vault ?? DEFAULT_VAULT, now: options.now ?? Date.now };
    return { context, close: () => store.close() };
  } catch (error) {
    await store.close();
    throw error;
  }
}
