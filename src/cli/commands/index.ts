// SPDX-License-Identifier: Apache-2.0
import { Help, type Command } from 'commander';
import { VERBS, type Verb } from './verbs.js';

type Register = (program: Command) => void;

/**
 * Every CLI verb: one file under commands/ and one line here (and its listing in verbs.ts). Loaded
 * on demand, so that `citadel scan` does not pay for importing the gateway's server or the
 * store's drivers.
 */
export const COMMANDS: Readonly<Record<Verb, () => Promise<Register>>> = {
  scan: async () => (await import('./scan.js')).registerScan,
  detect: async () => (await import('./detect.js')).registerDetect,
  ledger: async () => (await import('./ledger.js')).registerLedger,
  gateway: async () => (await import('./gateway.js')).registerGateway,
  vault: async () => (await import('./vault.js')).registerVault,
};

/** Flags the program answers itself, with no verb loaded. */
const PROGRAM_FLAGS = new Set(['--version', '-V']);

function isVerb(word: string | undefined): word is Verb {
  return word !== undefined && Object.hasOwn(COMMANDS, word);
}

const STANDARD_HELP = new Help();

/** Every verb as the program's help lists it (term and summary), with nothing imported. */
export function registerListings(program: Command): void {
  for (const verb of Object.keys(VERBS) as Verb[]) program.command(verb).description(VERBS[verb].summary);
  program.configureHelp({ subcommandTerm: (command) => (isVerb(command.name()) ? VERBS[command.name() as Verb].term : STANDARD_HELP.subcommandTerm(command)) });
}

/**
 * @returns the registrations needed for `argv`: the verb named (also as `help VERB`), none for
 * --version, and otherwise every verb as a listing only, for the program's own help or error.
 */
export async function loadCommands(argv: readonly string[]): Promise<Register[]> {
  const verb = argv[2];
  if (verb !== undefined && PROGRAM_FLAGS.has(verb)) return [];
  const named = toNamedVerb(argv);
  if (isVerb(named)) return [await COMMANDS[named]()];
  return [registerListings];
}

/** @returns the word naming the verb of `argv` (also as `help VERB`), whether or not it is one. */
export function toNamedVerb(argv: readonly string[]): string | undefined {
  return argv[2] === 'help' ? argv[3] : argv[2];
}
