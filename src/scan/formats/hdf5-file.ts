// SPDX-License-Identifier: Apache-2.0
import { mkdtempSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ByteSource } from '../../core/index.js';
import { ScanError } from '../errors.js';

type H5Module = typeof import('h5wasm/node');
type H5Api = H5Module['default'];

let loading: Promise<H5Api> | undefined;

/**
 * h5wasm (the HDF5 C library in WebAssembly) is compiled on first use only: a scan without HDF5
 * files never pays for it. Its Node build reads real paths directly (NODERAWFS), so a
 * multi-gigabyte .h5 is opened, not copied. HDF5's error stack is turned into exceptions
 * instead of being printed.
 */
async function loadH5(): Promise<H5Api> {
  loading ??= import('h5wasm/node').then(async (m) => {
    const module = await m.default.ready;
    module.activate_throwing_error_handler();
    return m.default;
  });
  return loading;
}

/** A string attribute of the root group, or why it was not read. */
export type RootAttribute = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'absent' } | { readonly kind: 'too-large'; readonly bytes: number };

export interface Hdf5RootOptions {
  /** The file on disk when the source is a whole file the user named; else a temporary copy is made. */
  readonly path?: string;
  readonly names: readonly string[];
  readonly maxBytes: number;
  /** Largest nested file copied out for the library to open. */
  readonly maxCopyBytes: number;
}

function toText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  if (Array.isArray(value) && value.length === 1) return toText(value[0]);
  return undefined;
}

function readAttributes(h5: H5Api, path: string, options: Hdf5RootOptions): Map<string, RootAttribute> {
  const out = new Map<string, RootAttribute>();
  let file: InstanceType<H5Api['File']>;
  try {
    file = new h5.File(path, 'r');
  } catch (error) {
    throw new ScanError('SCAN_MALFORMED', `hdf5 library cannot open the file: ${firstLine(error)}`, { cause: error });
  }
  try {
    const attrs = file.attrs;
    for (const name of options.names) {
      const attr = attrs[name];
      if (!attr) {
        out.set(name, { kind: 'absent' });
        continue;
      }
      const meta = attr.metadata;
      const bytes = meta.vlen ? 0 : meta.size * (meta.shape ?? []).reduce((a, b) => a * b, 1);
      if (bytes > options.maxBytes) {
        out.set(name, { kind: 'too-large', bytes });
        continue;
      }
      const text = toText(attr.value);
      out.set(name, text === undefined ? { kind: 'absent' } : { kind: 'text', text });
    }
  } catch (error) {
    throw new ScanError('SCAN_MALFORMED', `hdf5 library cannot read the root attributes: ${firstLine(error)}`, { cause: error });
  } finally {
    file.close();
  }
  return out;
}

/** The source is the named file itself (not an entry, not bytes scanned under a made-up name). */
function isSameFile(path: string, source: ByteSource): boolean {
  try {
    return statSync(path).size === source.size;
  } catch {
    return false;
  }
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const detail = /minor: (.+)$/m.exec(text)?.[1];
  return (detail ?? text.split('\n')[0] ?? '').trim().toLowerCase();
}

/**
 * Reads string attributes of an HDF5 file's root group with the HDF5 library itself (never a
 * hand-written parser: HDF5 is too large a format to reimplement safely).
 * @throws ScanError SCAN_MALFORMED when the library refuses the file, SCAN_LIMIT when a nested
 *   file to copy is larger than `maxBytes`.
 * @returns each requested attribute's text, absence, or size when over `maxBytes`.
 */
export async function readHdf5RootAttributes(source: ByteSource, options: Hdf5RootOptions): Promise<Map<string, RootAttribute>> {
  const h5 = await loadH5();
  if (options.path !== undefined && isSameFile(options.path, source)) return readAttributes(h5, resolve(options.path), options);
  if (source.size > options.maxCopyBytes) throw new ScanError('SCAN_LIMIT', `nested hdf5 file of ${source.size} bytes exceeds ${options.maxCopyBytes}`);
  const copy = join(getCopyFolder(), `${++copies}.h5`);
  try {
    writeFileSync(copy, source.read(0, source.size), { mode: 0o600 });
    return readAttributes(h5, copy, options);
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
