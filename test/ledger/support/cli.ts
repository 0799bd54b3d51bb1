// SPDX-License-Identifier: Apache-2.0
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** The built CLI (`npm test` builds it first, as for the scan CLI tests). */
export const MAIN = join(import.meta.dirname, '../../../dist/cli/main.js');
export const DIST = join(import.meta.dirname, '../../../dist');

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `citadel ledger ...` and returns what it printed. */
export function runLedger(args: readonly string[], options: { cwd?: string; input?: string } = {}): CliResult {
  const result = spawnSync(process.execPath, [MAIN, 'ledger', ...args], { encoding: 'utf8', cwd: options.cwd, input: options.input, maxBuffer: 256 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** @returns the index a failed verify names ("first bad index N"), or undefined. */
export function toBadIndex(result: CliResult): number | undefined {
  const match = /first bad index (\d+)/.exec(result.stderr);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
