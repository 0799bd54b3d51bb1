// SPDX-License-Identifier: Apache-2.0
import { mkdir, open, readdir, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { openHeader } from './age/age-file.js';
import { parseHeader } from './age/header.js';
import type { AgeIdentity } from './age/keys.js';
import { PayloadWorkers } from './age/payload-workers.js';
import { checkRequester, claimApprovals, rebuildIdentity } from './claim.js';
import { VaultError } from './errors.js';
import type { UnlockedPrincipal } from './keys/principal.js';
import { SIGNATURE_FILE } from './manifest/model-files.js';
import { verifyBundle, type ShardDigest } from './manifest/oms.js';
import { readOpenRequest } from './approve.js';
import { createAtomicFile, writeNewFileAtomically } from './storage/atomic-file.js';
import { readBlobs, readModel, readVault, type BlobRow } from './storage/vault-records.js';
import { toBlobDir } from './seal.js';
import { recordEvent, withRefusalRecorded, type VaultContext } from './vault-context.js';

export interface ReleaseOptions {
  readonly requestId: string;
  readonly requester: UnlockedPrincipal;
  /** A new or empty directory to release into. */
  readonly outDir: string;
}

export interface ReleaseSummary {
  readonly model: string;
  readonly digest: string;
  readonly files: number;
  readonly plainBytes: number;
}

async function prepareOutDir(outDir: string): Promise<void> {
  await mkdir(outDir, { recursive: true, mode: 0o700 });
  if ((await readdir(outDir)).length > 0) throw new VaultError('VAULT_OUTPUT_EXISTS', 'expected an empty or new output directory, got one with files');
}

function toOutputPath(outDir: string, path: string): string {
  const target = resolve(outDir, path);
  // Paths come from the signed manifest, but a release never writes outside its directory.
  if (!target.startsWith(resolve(outDir) + sep)) throw new VaultError('VAULT_MANIFEST_INVALID', `expected a path inside the model, got ${JSON.stringify(path.slice(0, 80))}`);
  return target;
}

function checkShards(path: string, actual: readonly Omit<ShardDigest, 'path'>[], expected: readonly ShardDigest[]): void {
  const want = expected.filter((s) => s.path === path);
  const same = want.length === actual.length && want.every((s, i) => s.start === actual[i]?.start && s.end === actual[i]?.end && s.digest === actual[i]?.digest);
  if (!same) throw new VaultError('VAULT_DIGEST_MISMATCH', `expected ${path} to match its manifest digests, got different bytes`);
}

async function releaseBlob(blob: BlobRow, what: { fileKey: Buffer; blobDir: string; outDir: string; shards: readonly ShardDigest[]; shardBytes: number; workers: PayloadWorkers }): Promise<void> {
  const fileKey = what.fileKey;
  const input = await open(join(what.blobDir, blob.blob), 'r');
  try {
    const actualBytes = (await input.stat()).size;
    if (actualBytes < blob.payloadBytes) throw new VaultError('VAULT_PAYLOAD_TRUNCATED', `expected a blob of ${blob.payloadBytes} bytes for ${blob.path}, got ${actualBytes}`);
    if (actualBytes > blob.payloadBytes) throw new VaultError('VAULT_PAYLOAD_INVALID', `expected a blob of ${blob.payloadBytes} bytes for ${blob.path}, got ${actualBytes}`);
    const target = toOutputPath(what.outDir, blob.path);
    await mkdir(dirname(target), { recursive: true, mode: 0o700 });
    const output = await createAtomicFile(target);
    try {
      const opened = await what.workers.open(input, { fileKey, payloadBytes: blob.payloadBytes, output: output.handle, shardBytes: what.shardBytes });
      checkShards(blob.path, opened.shards, what.shards);
      await output.commit();
    } finally {
      await output.abort();
    }
  } finally {
    fileKey.fill(0);
    await input.close();
  }
}

/** Opens every header, then wipes the identity: it lives only as long as that takes. */
async function openFileKeys(blobs: readonly BlobRow[], identity: AgeIdentity): Promise<Buffer[]> {
  try {
    return await Promise.resolve(blobs.map((b) => openHeader(parseHeader(b.header), identity)));
  } finally {
    identity.secret.fill(0);
  }
}

/**
 * Releases a model: checks the request and its approvals, reserves egress, rebuilds the vault
 * identity in memory from M shares, opens each blob's header, decrypts into files that appear
 * only once complete and matching the signed manifest, then wipes the identity.
 * @throws VaultError for every refusal (each recorded on the ledger).
 * @returns what was released.
 */
export async function releaseModel(context: VaultContext, options: ReleaseOptions): Promise<ReleaseSummary> {
  const details = { request: options.requestId, requester: options.requester.principal.id };
  return withRefusalRecorded(context, { step: 'release', details }, async () => {
    const request = await readOpenRequest(context, options.requestId);
    checkRequester(request, options.requester);
    if (request.body.kind !== 'release') throw new VaultError('VAULT_USAGE', 'expected a release request, got a reshare request (use vault reshare)');
    const vault = await readVault(context.store, context.vault);
    const model = await readModel(context.store, context.vault, request.body.model);
    if (model.digest !== request.body.modelDigest) throw new VaultError('VAULT_APPROVAL_WRONG_REQUEST', 'expected the sealed model the request names, got a model with another digest');
    const { statement, shards } = verifyBundle(model.bundle, vault.operator);
    if (statement.subject[0]?.digest.sha256 !== model.digest) throw new VaultError('VAULT_MANIFEST_INVALID', 'expected the manifest to describe the sealed model, got another digest');
    await prepareOutDir(options.outDir);
    const approvals = await claimApprovals(context, request, model.plainBytes);
    const blobs = await readBlobs(context.store, context.vault, model.model);
    const blobDir = await toBlobDir(context);
    for (const blob of blobs) await stat(join(blobDir, blob.blob)).catch((e: unknown) => { throw new VaultError('VAULT_NOT_FOUND', `expected the blob of ${blob.path}, got none`, { cause: e }); });
    // Started now, the workers boot while the key is rebuilt.
    const workers = PayloadWorkers.start();
    try {
      const fileKeys = await openFileKeys(blobs, await rebuildIdentity(request, approvals, { requester: options.requester, recipient: vault.recipient }));
      try {
        await recordEvent(context, 'release.start', { ...details, model: model.model, digest: model.digest, plainBytes: model.plainBytes, approvals: approvals.map((a) => a.body.id) });
        for (const [i, blob] of blobs.entries()) await releaseBlob(blob, { fileKey: fileKeys[i] ?? Buffer.alloc(0), blobDir, outDir: options.outDir, shards, shardBytes: statement.predicate.serialization.shard_size, workers });
      } catch (error) {
        await context.store.run('UPDATE vault_requests SET state = ? WHERE id = ?', ['failed', request.id]);
        throw error;
      } finally {
        for (const key of fileKeys) key.fill(0);
      }
    } finally {
      await workers.close();
    }
    await writeNewFileAtomically(join(options.outDir, SIGNATURE_FILE), Buffer.from(model.bundle));
    await context.store.run('UPDATE vault_requests SET state = ? WHERE id = ?', ['released', request.id]);
    await recordEvent(context, 'release', { ...details, model: model.model, digest: model.digest, files: blobs.length, plainBytes: model.plainBytes });
    return { model: model.model, digest: model.digest, files: blobs.length, plainBytes: model.plainBytes };
  });
}
