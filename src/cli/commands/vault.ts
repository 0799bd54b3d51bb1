// SPDX-License-Identifier: Apache-2.0
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import {
  VaultError, approveRequest, describeVault, fileRequest, generatePrincipal, initVault, openVault, parsePrincipal, readPublicPrincipal,
  releaseModel, reshareVault, sealModel, setBudget, toBudget, toDurationMs, toKeyFileText, unlockKeyFile, verifyReleasedDirectory, wipePrincipalKeys,
  type Principal, type UnlockedPrincipal, type VaultContext,
} from '../../vault/index.js';
import { VERBS } from './verbs.js';

interface StoreFlags {
  readonly dir: string;
  readonly store?: string;
  readonly schema?: string;
  readonly vault: string;
  readonly json?: boolean;
}

interface PassphraseFlags {
  readonly passphraseEnv: string;
  readonly passphraseFd?: string;
  readonly passphraseFile?: string;
}

type KeyFlags = StoreFlags & PassphraseFlags & { readonly key: string };

/** Writes a new file (never replacing one), owner-only unless `mode` says otherwise. */
async function writeSecretFile(path: string, text: string, mode = 0o600): Promise<void> {
  try {
    await writeFile(path, text, { mode, flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new VaultError(code === 'EEXIST' ? 'VAULT_EXISTS' : 'VAULT_IO', `expected to create ${path}, got ${code ?? 'an error'}`, { cause: error });
  }
}

/** Reads a file the user named; a missing or unreadable one is a VaultError that names the option. */
async function readUserFile(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new VaultError(code === 'ENOENT' ? 'VAULT_NOT_FOUND' : 'VAULT_IO', `expected ${what} at ${path}, got ${code === 'ENOENT' ? 'no such file' : code ?? 'an error'}`, { cause: error });
  }
}

/** Passphrases come from an environment variable, a file descriptor or a file; never from argv. */
async function readPassphrase(flags: PassphraseFlags): Promise<Buffer> {
  let text: string | undefined;
  if (flags.passphraseFd !== undefined) {
    if (!/^\d{1,4}$/.test(flags.passphraseFd)) throw new VaultError('VAULT_USAGE', `expected a file descriptor number for --passphrase-fd, got ${JSON.stringify(flags.passphraseFd.slice(0, 20))}`);
    text = readFileSync(Number(flags.passphraseFd), 'utf8');
  }
  else if (flags.passphraseFile !== undefined) text = await readUserFile(flags.passphraseFile, 'a passphrase file (--passphrase-file)');
  else text = process.env[flags.passphraseEnv];
  if (text === undefined || text === '') throw new VaultError('VAULT_USAGE', `expected a passphrase in $${flags.passphraseEnv}, --passphrase-fd or --passphrase-file, got none`);
  return Buffer.from(text.replace(/\r?\n$/, ''));
}

async function unlock(flags: KeyFlags): Promise<UnlockedPrincipal> {
  const passphrase = await readPassphrase(flags);
  try {
    return await unlockKeyFile(await readUserFile(flags.key, 'a key file (--key)'), passphrase);
  } finally {
    passphrase.fill(0);
  }
}

/** A public record file (from keygen --pub) or a key file (its public part). */
async function readPrincipalFile(path: string): Promise<Principal> {
  const text = await readUserFile(path, 'a public key file');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (json === null || typeof json !== 'object') throw new VaultError('VAULT_KEY_INVALID', `expected a public key file (from vault keygen --pub) at ${path}, got text that is not a JSON object`);
  return (json as { type?: unknown }).type === 'citadel-vault-key' ? readPublicPrincipal(text) : parsePrincipal(json);
}

async function withVault<T>(flags: StoreFlags, use: (context: VaultContext) => Promise<T>): Promise<void> {
  const vault = await openVault({ dir: flags.dir, vault: flags.vault, ...(flags.store ? { storeUrl: flags.store } : {}), ...(flags.schema ? { schema: flags.schema } : {}) });
  try {
    const result = await use(vault.context);
    process.stdout.write(flags.json ? `${JSON.stringify(result, null, 2)}\n` : toText(result));
  } finally {
    await vault.close();
  }
}

async function withKey<T>(flags: KeyFlags, use: (context: VaultContext, key: UnlockedPrincipal) => Promise<T>): Promise<void> {
  const key = await unlock(flags);
  try {
    await withVault(flags, (context) => use(context, key));
  } finally {
    wipePrincipalKeys(key);
  }
}

function toText(result: unknown): string {
  if (result === undefined) return '';
  if (typeof result === 'string') return `${result}\n`;
  if (typeof result !== 'object' || result === null) return `${JSON.stringify(result)}\n`;
  return `${Object.entries(result).map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join('\n')}\n`;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function addStoreOptions(command: Command): Command {
  return command
    .option('--dir <dir>', 'vault directory (blobs, and the default SQLite metadata)', '.citadel/vault')
    .option('--store <url>', 'metadata store: sqlite:PATH or postgres://… (default sqlite:DIR/vault.db)')
    .option('--schema <name>', 'PostgreSQL schema for the metadata')
    .option('--vault <name>', 'vault name', 'default')
    .option('--json', 'print the result as JSON');
}

function addKeyOptions(command: Command): Command {
  return addStoreOptions(command)
    .requiredOption('--key <file>', 'your key file (from vault keygen)')
    .option('--passphrase-env <name>', 'environment variable holding the passphrase', 'CITADEL_PASSPHRASE')
    .option('--passphrase-fd <fd>', 'read the passphrase from this file descriptor')
    .option('--passphrase-file <file>', 'read the passphrase from this file');
}

function registerKeys(vault: Command): void {
  addKeyOptions(vault.command('keygen').description('make an Ed25519 signing key and an X25519 encryption key in a passphrase-protected file'))
    .requiredOption('--name <name>', 'your name as custodians and the ledger will see it')
    .option('--pub <file>', 'also write the public record here')
    .action(async (flags: KeyFlags & { name: string; pub?: string }) => {
      const passphrase = await readPassphrase(flags);
      const unlocked = generatePrincipal(flags.name);
      try {
        await writeSecretFile(flags.key, await toKeyFileText(unlocked, passphrase));
        if (flags.pub) await writeSecretFile(flags.pub, `${JSON.stringify(unlocked.principal, null, 2)}\n`, 0o644);
        process.stdout.write(`${JSON.stringify(unlocked.principal, null, 2)}\n`);
      } finally {
        passphrase.fill(0);
        wipePrincipalKeys(unlocked);
      }
    });
}

function registerCustody(vault: Command): void {
  addStoreOptions(vault.command('init').description('create a vault whose identity is split M-of-N among custodians'))
    .requiredOption('--threshold <m>', 'approvals needed to release (M)')
    .requiredOption('--custodian <file>', 'a custodian public record or key file (repeat N times)', collect)
    .requiredOption('--operator <file>', 'the public record of the key that signs manifests when sealing')
    .action((flags: StoreFlags & { threshold: string; custodian: string[]; operator: string }) => withVault(flags, async (context) => ({
      recipient: await initVault(context, { threshold: Number(flags.threshold), custodians: await Promise.all(flags.custodian.map(readPrincipalFile)), operator: await readPrincipalFile(flags.operator) }),
    })));
  addKeyOptions(vault.command('seal').description('seal a model file or directory into the vault and sign its OMS manifest'))
    .argument('<source>', 'model file or directory')
    .requiredOption('--model <name>', 'name to seal it under')
    .action((source: string, flags: KeyFlags & { model: string }) => withKey(flags, (context, operator) => sealModel(context, { source, model: flags.model, operator })));
  addStoreOptions(vault.command('list').description('show the vault, its custodians, budget and sealed models'))
    .action((flags: StoreFlags) => withVault(flags, (context) => describeVault(context)));
  addStoreOptions(vault.command('budget').description('show or set the egress budget'))
    .option('--window <duration>', 'window, e.g. 24h')
    .option('--vault-bytes <limit>', 'per vault per window: 2x (of the model), 20GiB or none')
    .option('--requester-bytes <limit>', 'per requester per window')
    .action((flags: StoreFlags & { window?: string; vaultBytes?: string; requesterBytes?: string }) => withVault(flags, async (context) => {
      const { budget } = await describeVault(context);
      if (flags.window === undefined && flags.vaultBytes === undefined && flags.requesterBytes === undefined) return budget;
      const next = toBudget(flags.window ? toDurationMs(flags.window) : budget.windowMs, flags.vaultBytes ?? budget.vault, flags.requesterBytes ?? budget.requester);
      await setBudget(context, next);
      return next;
    }));
}

function registerRelease(vault: Command): void {
  addKeyOptions(vault.command('request').description('ask for a model release (or, with --reshare, a new custodian set)'))
    .option('--model <name>', 'the model to release')
    .requiredOption('--purpose <text>', 'why: custodians read this before approving')
    .option('--expires <duration>', 'how long approvals may take', '24h')
    .option('--reshare', 'request a reshare to --custodian at --threshold instead')
    .option('--threshold <m>', 'new threshold (with --reshare)')
    .option('--custodian <file>', 'new custodian (with --reshare; repeat)', collect)
    .action((flags: KeyFlags & { model?: string; purpose: string; expires: string; reshare?: boolean; threshold?: string; custodian?: string[] }) => withKey(flags, async (context, requester) => {
      const reshare = flags.reshare ? { threshold: Number(flags.threshold), custodians: await Promise.all((flags.custodian ?? []).map(readPrincipalFile)) } : undefined;
      const request = await fileRequest(context, { requester, purpose: flags.purpose, ttlMs: toDurationMs(flags.expires), ...(flags.model !== undefined ? { model: flags.model } : {}), ...(reshare ? { reshare } : {}) });
      return { request: request.id, kind: request.body.kind, model: request.body.model, expiresAt: new Date(request.body.expiresAt).toISOString() };
    }));
  addKeyOptions(vault.command('approve').description('approve a request as a custodian').argument('<request>', 'request id'))
    .action((id: string, flags: KeyFlags) => withKey(flags, async (context, custodian) => ({ approval: (await approveRequest(context, id, custodian)).body.id })));
  addKeyOptions(vault.command('release').description('release an approved model into a new directory').argument('<request>', 'request id'))
    .requiredOption('--out <dir>', 'new or empty directory')
    .action((id: string, flags: KeyFlags & { out: string }) => withKey(flags, (context, requester) => releaseModel(context, { requestId: id, requester, outDir: flags.out })));
  addKeyOptions(vault.command('reshare').description('carry out an approved reshare request').argument('<request>', 'request id'))
    .action((id: string, flags: KeyFlags) => withKey(flags, (context, requester) => reshareVault(context, id, requester)));
  addStoreOptions(vault.command('verify').description('check released files against their signed OMS manifest').argument('<dir>', 'released model directory'))
    .option('--signer <file>', 'public record of the manifest signer (default: this vault\'s operator)')
    .action((dir: string, flags: StoreFlags & { signer?: string }) => withVault(flags, async (context) => (
      verifyReleasedDirectory(context, dir, flags.signer ? await readPrincipalFile(flags.signer) : undefined)
    )));
}

/** `citadel vault …`: sealed weights released only with M of N custodian approvals. */
export function registerVault(program: Command): void {
  const vault = program.command('vault').description(VERBS.vault.summary);
  registerKeys(vault);
  registerCustody(vault);
  registerRelease(vault);
}
