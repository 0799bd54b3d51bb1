// SPDX-License-Identifier: Apache-2.0
import type { Command } from 'commander';

type Register = (program: Command) => void;

/**
 * Every CLI verb: one file under commands/ and one line here. Loaded on demand, so that
 * `citadel scan` does not pay for importing the gateway's server or the store's drivers.
 */
export const COMMANDS: Readonly<Record<string, () => Promise<Register>>> = {
  scan: async () => (await import('./scan.js')).registerScan,
  detect: async () => (await import('./detect.js')).registerDetect,
  ledger: async () => (await import('./ledger.js')).registerLedger,
  gateway: async () => (await import('./gateway.js')).registerGateway,
  vault: async () => (await import('./vault.js')).registerVault,
};

/** Flags the program answers itself, with no verb loaded. */
const PROGRAM_FLAGS = new Set(['--version', '-V']);

/** @returns the registrations needed for `argv`: only the verb named, none for --version, or all for help. */
export async function loadCommands(argv: readonly string[]): Promise<Register[]> {
  const verb = argv[2];
  if (verb !== undefined && PROGRAM_FLAGS.has(verb)) return [];
  const names = verb !== undefined && verb in COMMANDS ? [verb] : Object.keys(COMMANDS);
  return Promise.all(names.map((name) => (COMMANDS[name] as () => Promise<Register>)()));
}
