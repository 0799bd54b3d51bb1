// SPDX-License-Identifier: Apache-2.0
import type { Migration } from '../../store/index.js';

/** The gateway's tables, applied by Store.migrate('gateway', ...) on start (one version per step). */
export const GATEWAY_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'virtual keys (hashed) and temporary bans',
    sql: `
      CREATE TABLE gateway_keys (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        hash TEXT NOT NULL,
        policy TEXT NOT NULL,
        created_at TEXT NOT NULL,
        revoked_at TEXT
      );
      CREATE TABLE gateway_bans (
        subject TEXT PRIMARY KEY,
        until_ms BIGINT NOT NULL,
        reason TEXT NOT NULL,
        strikes INTEGER NOT NULL,
        created_ms BIGINT NOT NULL
      );`,
  },
];
