// SPDX-License-Identifier: Apache-2.0
import { randomBytes } from 'node:crypto';
import { mkdir, open, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { createHeader } from './age/age-file.js';
import { parseRecipient } from './age/keys.js';
import { PayloadWorkers } from './age/payload-workers.js';
import { VaultError } from './errors.js';
import type { UnlockedPrincipal } from './keys/principal.js';
import { listModelFiles, type ModelFile } from './manifest/model-files.js';
import { DEFAULT_SHARD_BYTES, signStatement, toStatement, type ShardDigest } from './manifest/oms.js';
import { createAtomicFile } from './storage/atomic-file.js';
import { readModels, readVault, type BlobRow } from './storage/vault-records.js';
import { recordEvent, withRefusalRecorded, type VaultContext } from './vault-context.js';

export interface SealOptions {
  /** A model file or directory. */
  readonly source: string;
  readonly model: string;
  /** The vault operator, whose key signs the manifest. */
  readonly operator: UnlockedPrincipal;
  readonly shardBytes?: number;
}

export interface SealSummary {
  readonly model: string;
  readonly digest: string;
  readonly files: number;
  readonly plainBytes: number;
}

const MODEL_NAME = /^[A-Za-z0-9._@/-]{1,128}$/;

/** @returns the directory holding payload blobs, created on first use. */
export async function toBlobDir(context: VaultContext): Promise<string> {
  const dir = join(context.blobDir, 'blobs');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return dir;
}

interface SealTarget {
  readonly dir: string;
  readonly recipient: Uint8Array;
  readonly shardBytes: number;
  readonly workers: PayloadWorkers;
}

async function sealOne(file: ModelFile, target: SealTarget, shards: ShardDigest[]): Promise<BlobRow> {
  const blob = randomBytes(16).toString('hex');
  const { fileKey, header } = createHeader([target.recipient]);
  const input = await open(file.absolute, 'r');
  try {
    const output = await createAtomicFile(join(target.dir, blob));
    try {
      const sealed = await target.workers.seal(input, output.handle, { fileKey, plainBytes: file.size, shardBytes: target.shardBytes });
      await output.commit();
      for (const s of sealed.shards) shards.push({ path: file.path, ...s });
      return { path: file.path, blob, header, plainBytes: file.size, payloadBytes: sealed.payloadBytes };
    } finally {
      await output.abort();
    }
  } finally {
    fileKey.fill(0);
    await input.close();
  }
}

async function checkUnchanged(files: readonly ModelFile[]): Promise<void> {
  for (const file of files) {
    const now = await stat(file.absolute);
    if (now.size !== file.size || now.mtimeMs !== file.mtimeMs) throw new VaultError('VAULT_IO', `expected ${file.path} to stay the same while sealing, got a change`);
  }
}

/**
 * Seals a model: each file's payload is encrypted to the vault recipient into a blob (atomically:
 * a crash leaves no partial blob) on worker threads that hash its shards for the OMS manifest in
 * the same pass; the operator signs the manifest. Headers, manifest and blob names are committed in one transaction.
 * @throws VaultError VAULT_EXISTS, VAULT_NOT_FOUND, VAULT_KEY_INVALID (not the operator), VAULT_IO.
 * @returns what was sealed.
 */
export async function sealModel(context: VaultContext, options: SealOptions): Promise<SealSummary> {
  return withRefusalRecorded(context, { step: 'seal', details: { model: options.model } }, async () => {
    if (!MODEL_NAME.test(options.model)) throw new VaultError('VAULT_USAGE', `expected a model name of 1-128 letters, digits or ._@/-, got ${JSON.stringify(options.model.slice(0, 80))}`);
    const vault = await readVault(context.store, context.vault);
    if (options.operator.principal.id !== vault.operator.id) throw new VaultError('VAULT_KEY_INVALID', `expected the vault operator key ${vault.operator.id}, got ${options.operator.principal.id}`);
    if ((await readModels(context.store, context.vault)).some((m) => m.model === options.model)) throw new VaultError('VAULT_EXISTS', `expected a new model name, got ${JSON.stringify(options.model)} which is sealed already`);
    const shardBytes = options.shardBytes ?? DEFAULT_SHARD_BYTES;
    const files = await listModelFiles(options.source);
    const dir = await toBlobDir(context);
    const blobs: BlobRow[] = [];
    const shards: ShardDigest[] = [];
    const workers = PayloadWorkers.start();
    try {
      const target: SealTarget = { dir, recipient: parseRecipient(vault.recipient), shardBytes, workers };
      for (const file of files) blobs.push(await sealOne(file, target, shards));
      const statement = toStatement(options.model, shards, shardBytes);
      await checkUnchanged(files);
      const digest = statement.subject[0]?.digest.sha256 ?? '';
      const plainBytes = files.reduce((n, f) => n + f.size, 0);
      await commitSeal(context, { model: options.model, digest, plainBytes, bundle: signStatement(statement, options.operator), blobs, epoch: vault.epoch });
      await recordEvent(context, 'seal', { model: options.model, digest, files: files.length, plainBytes, operator: vault.operator.id });
      return { model: options.model, digest, files: files.length, plainBytes };
    } catch (error) {
      await Promise.all(blobs.map((b) => unlink(join(dir, b.blob)).catch(() => undefined)));
      throw error;
    } finally {
      await workers.close();
    }
  });
}

async function commitSeal(context: VaultContext, row: { model: string; digest: string; plainBytes: number; bundle: string; blobs: readonly BlobRow[]; epoch: number }): Promise<void> {
  await context.store.transaction(async (tx) => {
    await tx.lock(`vault:${context.vault}`);
    // A reshare that committed meanwhile replaced the recipient these headers were written to.
    if ((await readVault(tx, context.vault)).epoch !== row.epoch) throw new VaultError('VAULT_REQUEST_CLOSED', 'expected the custody sealing began under, got a reshare in between: seal again');
    if (await tx.get('SELECT model FROM vault_models WHERE vault = ? AND model = ?', [context.vault, row.model])) throw new VaultError('VAULT_EXISTS', `expected a new model name, got ${JSON.stringify(row.model)} which is sealed already`);
    await tx.run('INSERT INTO vault_models (vault, model, digest, plain_bytes, bundle, sealed_at) VALUES (?, ?, ?, ?, ?, ?)', [context.vault, row.model, row.digest, row.plainBytes, row.bundle, context.now()]);
    await tx.insertMany('vault_blobs', ['vault', 'model', 'path', 'blob', 'header', 'plain_bytes', 'payload_bytes'],
      row.blobs.map((b) => [context.vault, row.model, b.path, b.blob, b.header, b.plainBytes, b.payloadBytes]));
  });
}
