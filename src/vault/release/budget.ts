// SPDX-License-Identifier: Apache-2.0
import { VaultError } from '../errors.js';

/**
 * Egress budgets: bytes released per window, per vault and per requester. A limit is absolute
 * ("20GiB") or a multiple of the model being released ("2x"), so "2x per day" lets a model out
 * twice a day and no more, whoever asks (RAND's "bounded egress"; ASL-3 egress controls).
 */
export interface Budget {
  readonly windowMs: number;
  readonly vault: string;
  readonly requester: string;
}

export const DEFAULT_BUDGET: Budget = Object.freeze({ windowMs: 24 * 3600_000, vault: '2x', requester: '2x' });

const UNITS: Readonly<Record<string, number>> = { '': 1, b: 1, k: 1e3, kb: 1e3, kib: 1024, m: 1e6, mb: 1e6, mib: 1024 ** 2, g: 1e9, gb: 1e9, gib: 1024 ** 3, t: 1e12, tb: 1e12, tib: 1024 ** 4 };
const DURATIONS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3600_000, d: 86_400_000 };

/**
 * @throws VaultError VAULT_USAGE unless `text` is like 2x, 0.5x, 20GiB, 1000000 or none.
 * @returns the limit in bytes for a model of `modelBytes` (Infinity for none).
 */
export function toLimitBytes(text: string, modelBytes: number): number {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === 'none') return Infinity;
  const multiple = /^(\d+(?:\.\d+)?)x$/.exec(trimmed);
  if (multiple) return Number(multiple[1]) * modelBytes;
  const absolute = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/.exec(trimmed);
  const unit = UNITS[absolute?.[2] ?? 'none'];
  if (!absolute || unit === undefined) throw new VaultError('VAULT_USAGE', `expected a limit like 2x, 20GiB or none, got ${JSON.stringify(text.slice(0, 40))}`);
  return Number(absolute[1]) * unit;
}

/**
 * @throws VaultError VAULT_USAGE unless `text` is like 30s, 15m, 24h or 7d.
 * @returns the duration in milliseconds.
 */
export function toDurationMs(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([smhd])$/.exec(text.trim());
  const unit = DURATIONS[match?.[2] ?? ''];
  if (!match || unit === undefined || Number(match[1]) <= 0) throw new VaultError('VAULT_USAGE', `expected a duration like 15m, 24h or 7d, got ${JSON.stringify(text.slice(0, 40))}`);
  return Number(match[1]) * unit;
}

/** @returns a checked budget. @throws VaultError VAULT_USAGE */
export function toBudget(windowMs: number, vault: string, requester: string): Budget {
  toLimitBytes(vault, 1);
  toLimitBytes(requester, 1);
  if (!(windowMs > 0)) throw new VaultError('VAULT_USAGE', `expected a positive window, got ${windowMs}`);
  return { windowMs, vault, requester };
}

/** Bytes already released inside the window. */
export interface Egress {
  readonly vault: number;
  readonly requester: number;
}

/**
 * Refuses a release of `bytes` that would take either total past its limit.
 * @throws VaultError VAULT_BUDGET_EXCEEDED, before any byte is written.
 */
export function checkBudget(budget: Budget, used: Egress, bytes: number): void {
  const vaultLimit = toLimitBytes(budget.vault, bytes);
  const requesterLimit = toLimitBytes(budget.requester, bytes);
  if (used.vault + bytes > vaultLimit) {
    throw new VaultError('VAULT_BUDGET_EXCEEDED', `expected at most ${vaultLimit} bytes out of this vault per window, got ${used.vault} released plus ${bytes} asked`);
  }
  if (used.requester + bytes > requesterLimit) {
    throw new VaultError('VAULT_BUDGET_EXCEEDED', `expected at most ${requesterLimit} bytes per requester per window, got ${used.requester} released plus ${bytes} asked`);
  }
}
