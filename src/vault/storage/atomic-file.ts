// SPDX-License-Identifier: Apache-2.0
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { link, open, readdir, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { VaultError } from '../errors.js';

/**
 * A file that appears under its name complete and durable, or not at all. On Linux the bytes go to
 * an unnamed O_TMPFILE inode (open(2)), which the kernel frees if the process dies, so a SIGKILL
 * leaves neither a partial blob nor partial plaintext; commit links it in with
 * linkat(AT_SYMLINK_FOLLOW) on /proc/self/fd (the idiom open(2) documents), which libuv does not
 * expose, hence `ln -L`. Elsewhere a named temp file is used and swept by sweepPartialFiles.
 */
export interface AtomicFile {
  readonly handle: FileHandle;
  /** fsync the data, give it its name (never replacing an existing file), fsync the directory. */
  commit(): Promise<void>;
  /** Drops the data; nothing appears. Safe to call after commit (then a no-op). */
  abort(): Promise<void>;
}

/** Marks named temp files (the non-Linux fallback) so a later sweep can find them. */
export const PARTIAL_MARK = '.citadel-partial-';
/** __O_TMPFILE from the Linux uapi headers (same on x86-64 and arm64). */
const O_TMPFILE_BASE = 0o20000000;
const CAN_TMPFILE = process.platform === 'linux' && (process.arch === 'x64' || process.arch === 'arm64');

async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function linkAnonymous(handle: FileHandle, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('ln', ['-L', '-T', '--', '/proc/self/fd/3', path], { stdio: ['ignore', 'ignore', 'pipe', handle.fd] });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', reject);
    child.on('close', (status) => {
      if (status === 0) resolve();
      else reject(new VaultError(stderr.includes('File exists') ? 'VAULT_OUTPUT_EXISTS' : 'VAULT_IO', `expected to create ${basename(path)}, got: ${stderr.trim()}`));
    });
  });
}

async function openAnonymous(dir: string): Promise<FileHandle | undefined> {
  if (!CAN_TMPFILE) return undefined;
  try {
    return await open(dir, constants.O_RDWR | O_TMPFILE_BASE | constants.O_DIRECTORY, 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EOPNOTSUPP' || code === 'EISDIR' || code === 'EINVAL') return undefined; // filesystem without O_TMPFILE
    throw toIoError(error, dir);
  }
}

function toIoError(error: unknown, path: string): VaultError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EEXIST') return new VaultError('VAULT_OUTPUT_EXISTS', `expected ${basename(path)} not to exist, got an existing file`, { cause: error });
  return new VaultError('VAULT_IO', `expected to write ${basename(path)}, got ${code ?? 'an error'}`, { cause: error });
}

async function ensureAbsent(path: string): Promise<void> {
  try {
    const handle = await open(path, constants.O_RDONLY);
    await handle.close();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw toIoError(error, path);
  }
  throw new VaultError('VAULT_OUTPUT_EXISTS', `expected ${basename(path)} not to exist, got an existing file`);
}

/**
 * Opens a new file that becomes visible at `path` only on commit.
 * @throws VaultError VAULT_OUTPUT_EXISTS when `path` exists, VAULT_IO otherwise.
 * @returns the open file.
 */
export async function createAtomicFile(path: string): Promise<AtomicFile> {
  await ensureAbsent(path);
  const dir = dirname(path);
  const anonymous = await openAnonymous(dir);
  let done = false;
  if (anonymous) {
    return {
      handle: anonymous,
      commit: async () => {
        await anonymous.sync();
        await linkAnonymous(anonymous, path);
        done = true;
        await anonymous.close();
        await fsyncDirectory(dir);
      },
      abort: async () => { if (!done) { done = true; await anonymous.close(); } },
    };
  }
  const temp = join(dir, `${PARTIAL_MARK}${randomBytes(8).toString('hex')}`);
  const handle = await open(temp, constants.O_RDWR | constants.O_CREAT | constants.O_EXCL, 0o600).catch((e: unknown) => { throw toIoError(e, temp); });
  return {
    handle,
    commit: async () => {
      await handle.sync();
      await handle.close();
      done = true;
      // link, not rename: an existing file is never replaced.
      await link(temp, path).catch((e: unknown) => { throw toIoError(e, path); }).finally(() => unlink(temp).catch(() => undefined));
      await fsyncDirectory(dir);
    },
    abort: async () => { if (!done) { done = true; await handle.close(); await unlink(temp).catch(() => undefined); } },
  };
}

/**
 * Writes `data` to a new file at `path` atomically (see createAtomicFile).
 * @throws VaultError VAULT_OUTPUT_EXISTS or VAULT_IO.
 */
export async function writeNewFileAtomically(path: string, data: Uint8Array): Promise<void> {
  const file = await createAtomicFile(path);
  try {
    await file.handle.writeFile(data);
    await file.commit();
  } finally {
    await file.abort();
  }
}

/** Removes named temp files a killed process left in `dir` (only used where O_TMPFILE is not). */
export async function sweepPartialFiles(dir: string): Promise<number> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const partial = names.filter((n) => n.startsWith(PARTIAL_MARK));
  await Promise.all(partial.map((n) => unlink(join(dir, n)).catch(() => undefined)));
  return partial.length;
}
