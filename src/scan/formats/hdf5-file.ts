// SPDX-License-Identifier: Apache-2.0
import { mkdtempSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ByteSource } from '../../core/index.js';
import { ScanError } from '../errors.js';
import { readRootAttributes, type RootAttribute } from './hdf5-library.js';

/** Longest a call into the HDF5 library may take: reading root attributes takes milliseconds. */
const LIBRARY_MAX_MS = 10_000;

export type { RootAttribute } from './hdf5-library.js';

export interface Hdf5RootOptions {
  /** The file on disk when the source is a whole file the user named; else a temporary copy is made. */
  readonly path?: string;
  readonly names: readonly string[];
  readonly maxBytes: number;
  /** Largest nested file copied out for the library to open. */
  readonly maxCopyBytes: number;
  /** Largest the library's heap may grow while reading (variable-length strings have no declared size). */
  readonly heapMaxBytes: number;
  /** Time left for this input; the library gets at most this, and never more than LIBRARY_MAX_MS. */
  readonly remainingMs: number;
}

/** The source is the named file itself (not an entry, not bytes scanned under a made-up name). */
function isSameFile(path: string, source: ByteSource): boolean {
  try {
    return statSync(path).size === source.size;
  } catch {
    return false;
  }
}

/**
 * Reads string attributes of an HDF5 file's root group with the HDF5 library itself (never a
 * hand-written parser: HDF5 is too large a format to reimplement safely).
 * @throws ScanError SCAN_MALFORMED when the library refuses the file, SCAN_LIMIT when a nested
 *   file to copy is larger than `maxBytes`.
 * @returns each requested attribute's text, absence, or size when over `maxBytes`.
 */
export async function readHdf5RootAttributes(source: ByteSource, options: Hdf5RootOptions): Promise<Map<string, RootAttribute>> {
  const limits = { timeoutMs: Math.min(options.remainingMs, LIBRARY_MAX_MS), heapMaxBytes: options.heapMaxBytes };
  const read = (path: string): Promise<Map<string, RootAttribute>> => readRootAttributes({ path, names: options.names, maxBytes: options.maxBytes }, limits);
  if (options.path !== undefined && isSameFile(options.path, source)) return await read(resolve(options.path));
  if (source.size > options.maxCopyBytes) throw new ScanError('SCAN_LIMIT', `nested hdf5 file of ${source.size} bytes exceeds ${options.maxCopyBytes}`);
  const copy = join(getCopyFolder(), `${++copies}.h5`);
  try {
    writeFileSync(copy, source.read(0, source.size), { mode: 0o600 });
    return await read(copy);
  } finally {
    unlinkSync(copy);
  }
}

let copyFolder: string | undefined;
let copies = 0;

/**
 * One private folder per process for nested files the library must open by path; creating and
 * removing a folder per file costs more than the scan itself. It is removed when the process exits.
 */
function getCopyFolder(): string {
  if (copyFolder === undefined) {
    const folder = mkdtempSync(join(tmpdir(), 'citadel-h5-'));
    copyFolder = folder;
    process.once('exit', () => {
      rmSync(folder, { recursive: true, force: true });
    });
  }
  return copyFolder;
}
