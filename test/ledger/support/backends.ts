// SPDX-License-Identifier: Apache-2.0
// Stores a ledger suite runs against: SQLite files and, when reachable (always in CI), PostgreSQL
// in a schema of its own that is dropped afterwards.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../../src/store/index.js';
import { PG_URL, RUN_POSTGRES, dropSchema, toRunName } from '../../store/support/services.js';

export interface LedgerBackend {
  readonly name: string;
  readonly run: boolean;
  /** Opens a fresh, empty store; `again` reopens the same one (another replica or process). */
  open(): Promise<{ store: Store; again: () => Promise<Store> }>;
  cleanup(): Promise<void>;
}

const schemas: string[] = [];

export const LEDGER_BACKENDS: readonly LedgerBackend[] = [
  {
    name: 'sqlite',
    run: true,
    open: async () => {
      const url = `sqlite:${join(mkdtempSync(join(tmpdir(), 'citadel-ledger-')), 'ledger.db')}`;
      return { store: await openStore(url), again: () => openStore(url) };
    },
    cleanup: () => Promise.resolve(),
  },
  {
    name: 'postgresql',
    run: RUN_POSTGRES,
    open: async () => {
      const schema = toRunName('ledger');
      schemas.push(schema);
      return { store: await openStore(PG_URL, { schema }), again: () => openStore(PG_URL, { schema }) };
    },
    cleanup: async () => {
      for (const schema of schemas.splice(0)) await dropSchema(schema);
    },
  },
];

/** @returns a fresh directory for a signing key. */
export function toKeyDir(): string {
  return mkdtempSync(join(tmpdir(), 'citadel-key-'));
}
