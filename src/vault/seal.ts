// SPDX-License-Identifier: Apache-2.0
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { mkdir, open, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { createHeader } from './age/age-file.js';
import { parseRecipient } from './age/keys.js';
import { encryptPayload } from './age/payload-io.js';
import { VaultError } from './errors.js';
import type { UnlockedPrincipal } from './keys/principal.js';
import { hashModelFiles, listModelFiles, type ModelFile } from './manifest/model-files.js';
import { DEFAULT_SHARD_BYTES, signStatement, toStatement } from './manifest/oms.js';
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

async function sealOne(file: ModelFile, dir: string, recipient: Uint8Array): Promise<BlobRow> {
  const blob = randomBytes(16).toString('hex');
  const { fileKey, header } = createHeader([recipient]);
  const input = await open(file.absolute, 'r');
  try {
    const output = await createAtomicFile(join(dir, blob));
    try {
      const payloadBytes = await encryptPayload(input, output.handle, { fileKey, plainBytes: file.size, outputOffset: 0 });
      await output.commit();
      return { path: file.path, blob, header, plainBytes: file.size, payloadBytes };
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
 * a crash leaves no partial blob), while worker threads hash its shards for the OMS manifest,
 * which the operator signs. Headers, manifest and blob names are committed in one transaction.
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
    // One core stays free for encryption, which runs on this thread at the same time.
    const hashing = hashModelFiles(files, shardBytes, Math.max(1, availableParallelism() - 1));
    hashing.catch(() => undefined);
    const blobs: BlobRow[] = [];
    try {
      for (const file of files) blobs.push(await sealOne(file, dir, parseRecipient(vault.recipient)));
      const statement = toStatement(options.model, await hashing, shardBytes);
      await checkUnchanged(files);
      const digest = statement.subject[0]?.digest.sha256 ?? '';
      const plainBytes = files.reduce((n, f) => n + f.size, 0);
      await commitSeal(context, { model: options.model, digest, plainBytes, bundle: signStatement(statement, options.operator), blobs, epoch: vault.epoch });
      await recordEvent(context, 'seal', { model: options.model, digest, files: files.length, plainBytes, operator: vault.operator.id });
      return { model: options.model, digest, files: files.length, plainBytes };
    } catch (error) {
      await Promise.all(blobs.map((b) => unlink(join(dir, b.blob)).catch(() => undefined)));
      throw error;
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
