// SPDX-License-Identifier: Apache-2.0
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { VaultError } from './errors.js';
import type { Principal } from './keys/principal.js';
import { SIGNATURE_FILE, hashModelFiles, listModelFiles } from './manifest/model-files.js';
import { MAX_BUNDLE_BYTES, toSortedShards, verifyBundle } from './manifest/oms.js';
import { readVault } from './storage/vault-records.js';
import { recordEvent, withRefusalRecorded, type VaultContext } from './vault-context.js';

export interface VerifyDirOptions {
  /** The key the manifest must be signed by (the vault operator). */
  readonly signer: Principal;
  /** The manifest; default DIR/model.sig. */
  readonly manifestPath?: string;
}

export interface VerifyDirReport {
  readonly model: string;
  readonly digest: string;
  readonly files: number;
  readonly shards: number;
}

/**
 * Checks a released directory against its signed OMS manifest: the signature, then every shard of
 * every file re-hashed on worker threads, with no file missing and none added.
 * @throws VaultError VAULT_MANIFEST_INVALID, VAULT_DIGEST_MISMATCH, VAULT_NOT_FOUND.
 * @returns what was verified.
 */
export async function verifyDirectory(dir: string, options: VerifyDirOptions): Promise<VerifyDirReport> {
  const manifestPath = options.manifestPath ?? join(dir, SIGNATURE_FILE);
  const text = await readFile(manifestPath, 'utf8').catch((e: unknown) => { throw new VaultError('VAULT_NOT_FOUND', `expected a manifest at ${manifestPath}, got none`, { cause: e }); });
  if (text.length > MAX_BUNDLE_BYTES) throw new VaultError('VAULT_LIMIT', `expected a manifest under ${MAX_BUNDLE_BYTES} bytes, got more`);
  const { statement, shards } = verifyBundle(text, options.signer);
  const files = await listModelFiles(dir);
  const actual = toSortedShards(await hashModelFiles(files, statement.predicate.serialization.shard_size));
  const expected = toSortedShards(shards);
  const names = (list: typeof expected): Set<string> => new Set(list.map((s) => `${s.path}:${s.start}:${s.end}`));
  const want = names(expected);
  const got = names(actual);
  const missing = [...want].filter((n) => !got.has(n));
  const added = [...got].filter((n) => !want.has(n));
  if (missing.length || added.length) throw new VaultError('VAULT_DIGEST_MISMATCH', `expected the files of the manifest, got ${missing.length} missing and ${added.length} unexpected (first: ${[...missing, ...added][0] ?? ''})`);
  const wrong = expected.find((s, i) => actual[i]?.digest !== s.digest);
  if (wrong) throw new VaultError('VAULT_DIGEST_MISMATCH', `expected ${wrong.path} bytes ${wrong.start}-${wrong.end} to match the manifest, got different bytes`);
  return { model: statement.subject[0]?.name ?? '', digest: statement.subject[0]?.digest.sha256 ?? '', files: files.length, shards: expected.length };
}

/**
 * verifyDirectory for a vault's own releases: the signer defaults to the vault operator, and the
 * outcome, refusal or pass, is recorded on the ledger.
 * @throws VaultError as verifyDirectory.
 * @returns what was verified.
 */
export async function verifyReleasedDirectory(context: VaultContext, dir: string, signer?: Principal): Promise<VerifyDirReport> {
  return withRefusalRecorded(context, { step: 'verify', details: { dir: basename(dir) } }, async () => {
    const report = await verifyDirectory(dir, { signer: signer ?? (await readVault(context.store, context.vault)).operator });
    await recordEvent(context, 'verify', { model: report.model, digest: report.digest, files: report.files });
    return report;
  });
}
