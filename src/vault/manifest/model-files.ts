// SPDX-License-Identifier: Apache-2.0
import { createHash, type Hash } from 'node:crypto';
import { lstat, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { VaultError } from '../errors.js';
import { hashShards, type ShardTask } from './hash-pool.js';
import type { ShardDigest } from './oms.js';

/** One regular file of a model: its path relative to the root (POSIX) and its size. */
export interface ModelFile {
  readonly path: string;
  readonly absolute: string;
  readonly size: number;
  readonly mtimeMs: number;
}

/** Bounds on a model directory walk. */
export interface WalkLimits {
  readonly maxFiles: number;
  readonly maxDepth: number;
}

export const DEFAULT_WALK_LIMITS: WalkLimits = Object.freeze({ maxFiles: 100_000, maxDepth: 32 });
/** The signature file OMS writes beside a model, never part of it. */
export const SIGNATURE_FILE = 'model.sig';

interface Walk {
  readonly root: string;
  readonly out: ModelFile[];
  readonly limits: WalkLimits;
}

async function walk(state: Walk, dir: string, depth: number): Promise<void> {
  const { root, out, limits } = state;
  if (depth > limits.maxDepth) throw new VaultError('VAULT_LIMIT', `expected directories nested at most ${limits.maxDepth} deep, got deeper`);
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const absolute = join(dir, entry.name);
    const path = relative(root, absolute).split(sep).join('/');
    if (path === SIGNATURE_FILE) continue;
    // OMS allow_symlinks=false: a link could point a release or a verification outside the model.
    if (entry.isSymbolicLink()) throw new VaultError('VAULT_USAGE', `expected regular files only, got a symbolic link at ${path}`);
    if (entry.isDirectory()) await walk(state, absolute, depth + 1);
    else if (entry.isFile()) {
      if (out.length >= limits.maxFiles) throw new VaultError('VAULT_LIMIT', `expected at most ${limits.maxFiles} files, got more`);
      const info = await lstat(absolute);
      out.push({ path, absolute, size: info.size, mtimeMs: info.mtimeMs });
    } else throw new VaultError('VAULT_USAGE', `expected regular files only, got a special file at ${path}`);
  }
}

/**
 * Lists the regular files under `root` (a single file is a model of one file).
 * @throws VaultError VAULT_NOT_FOUND, VAULT_USAGE for links and special files, VAULT_LIMIT.
 * @returns the files, sorted.
 */
export async function listModelFiles(root: string, limits: WalkLimits = DEFAULT_WALK_LIMITS): Promise<ModelFile[]> {
  const info = await lstat(root).catch((error: unknown) => { throw new VaultError('VAULT_NOT_FOUND', `expected a model at ${root}, got nothing`, { cause: error }); });
  if (info.isFile()) return [{ path: root.split(sep).pop() ?? root, absolute: root, size: info.size, mtimeMs: info.mtimeMs }];
  if (!info.isDirectory()) throw new VaultError('VAULT_USAGE', `expected a file or directory at ${root}, got something else`);
  const out: ModelFile[] = [];
  await walk({ root, out, limits }, root, 0);
  return out;
}

/** @returns the shard ranges of a file (OMS: consecutive ranges of `shardBytes`; one empty shard for an empty file). */
export function toShardRanges(size: number, shardBytes: number): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  for (let start = 0; start < size || ranges.length === 0; start += shardBytes) ranges.push({ start, end: Math.min(size, start + shardBytes) });
  return ranges;
}

/** @returns every shard of `files` hashed on worker threads (`workers` of them; default one per core, up to 4). */
export async function hashModelFiles(files: readonly ModelFile[], shardBytes: number, workers?: number): Promise<ShardDigest[]> {
  const tasks: (ShardTask & { path: string })[] = files.flatMap((f) => toShardRanges(f.size, shardBytes).map((r) => ({ ...r, file: f.absolute, path: f.path })));
  const digests = await hashShards(tasks, workers);
  return tasks.map((t, i) => ({ path: t.path, start: t.start, end: t.end, digest: digests[i] ?? '' }));
}

/** Hashes a file's shards as its bytes stream past (a release checks what it decrypts in one pass). */
export class StreamingShardHasher {
  private readonly digests: ShardDigest[] = [];
  private hash: Hash = createHash('sha256');
  private offset = 0;
  private shardStart = 0;

  constructor(private readonly path: string, private readonly shardBytes: number) {}

  update(bytes: Buffer): void {
    let rest = bytes;
    while (rest.length > 0) {
      const room = this.shardStart + this.shardBytes - this.offset;
      const take = rest.subarray(0, room);
      this.hash.update(take);
      this.offset += take.length;
      rest = rest.subarray(take.length);
      if (this.offset === this.shardStart + this.shardBytes) this.closeShard();
    }
  }

  private closeShard(): void {
    this.digests.push({ path: this.path, start: this.shardStart, end: this.offset, digest: this.hash.digest('hex') });
    this.hash = createHash('sha256');
    this.shardStart = this.offset;
  }

  /** @returns the digests of every shard seen. */
  finish(): ShardDigest[] {
    if (this.offset > this.shardStart || this.digests.length === 0) this.closeShard();
    return this.digests;
  }
}
