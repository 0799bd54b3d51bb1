// SPDX-License-Identifier: Apache-2.0
import type { SevenZipModule, SevenZipModuleFactory } from '7z-wasm';
import { ScanError } from '../errors.js';

/** One member as `7zz l -slt` lists it. */
export interface SevenZipEntry {
  readonly name: string;
  readonly size: number;
  readonly isDirectory: boolean;
  readonly isEncrypted: boolean;
  readonly method: string;
}

export interface SevenZipFile {
  readonly name: string;
  readonly data: Uint8Array;
}

/** What one archive offers while it sits in the wasm file system; every call is synchronous. */
export interface SevenZipSession {
  /** @throws ScanError SCAN_MALFORMED when 7-Zip cannot open the archive (damaged, or its headers encrypted). */
  list(): SevenZipEntry[];
  /** @throws ScanError SCAN_MALFORMED when extraction fails. @returns every regular file extracted. */
  extractAll(): SevenZipFile[];
}

const ARCHIVE = '/citadel-in/archive.7z';
const OUTPUT = '/citadel-out';
/** A wrong password makes 7-Zip fail on encrypted data instead of prompting on stdin. */
const NO_PASSWORD = '-pcitadel-no-password';

let loading: Promise<SevenZipModule> | undefined;
let printed: string[] = [];
let printedErrors: string[] = [];

/** Loads the 7-Zip wasm module once; its console output is captured, never printed. */
function loadModule(): Promise<SevenZipModule> {
  loading ??= import('7z-wasm').then((imported) => {
    const factory = (imported as unknown as { default: SevenZipModuleFactory }).default;
    return factory({
      print: (line) => void printed.push(line),
      printErr: (line) => void printedErrors.push(line),
      stdin: () => null as unknown as number,
    });
  });
  return loading;
}

/**
 * Puts `archive` in the 7-Zip module's in-memory file system, hands `use` a session over it and
 * clears the file system afterwards. `use` is synchronous, so sessions never interleave.
 * After a 7-Zip failure the module is dropped and reloaded on next use, since its state is unknown.
 * @throws ScanError SCAN_MALFORMED from the session; whatever `use` throws.
 */
export async function withSevenZip<T>(archive: Uint8Array, use: (session: SevenZipSession) => T): Promise<T> {
  const module = await loadModule();
  const fs = module.FS;
  try {
    fs.mkdir('/citadel-in');
    fs.mkdir(OUTPUT);
    fs.writeFile(ARCHIVE, archive);
    return use({ list: () => listArchive(module), extractAll: () => extractArchive(module) });
  } finally {
    removeTree(module, '/citadel-in');
    removeTree(module, OUTPUT);
    printed = [];
    printedErrors = [];
  }
}

function runSevenZip(module: SevenZipModule, args: string[]): string[] {
  printed = [];
  printedErrors = [];
  let failure: string | undefined;
  try {
    const callMain: (argv: string[]) => unknown = module.callMain.bind(module);
    const status = callMain(args);
    if (typeof status === 'number' && status !== 0) failure = `7-zip exited with status ${status}`;
  } catch {
    loading = undefined;
    failure = '7-zip aborted';
  }
  const errors = printedErrors.map((line) => line.trim()).filter((line) => line !== '');
  if (failure !== undefined || errors.length > 0) {
    const reason = errors.slice(0, 4).join('; ');
    throw new ScanError('SCAN_MALFORMED', `expected a 7z archive 7-zip can open, it reports: ${reason || failure}`);
  }
  return printed;
}

function listArchive(module: SevenZipModule): SevenZipEntry[] {
  const lines = runSevenZip(module, ['l', '-slt', '-t7z', '-bd', NO_PASSWORD, ARCHIVE]);
  const start = lines.indexOf('----------');
  const entries: SevenZipEntry[] = [];
  let fields = new Map<string, string>();
  for (const line of [...lines.slice(start + 1), '']) {
    const match = /^([^=]+?) = (.*)$/.exec(line);
    if (match) fields.set(match[1] as string, match[2] as string);
    else if (line.trim() === '' && fields.size > 0) {
      entries.push(toEntry(fields));
      fields = new Map();
    }
  }
  return entries;
}

function toEntry(fields: ReadonlyMap<string, string>): SevenZipEntry {
  const size = Number(fields.get('Size') ?? '0');
  return {
    name: fields.get('Path') ?? '',
    size: Number.isFinite(size) ? size : 0,
    isDirectory: (fields.get('Attributes') ?? '').startsWith('D') || fields.get('Folder') === '+',
    isEncrypted: fields.get('Encrypted') === '+',
    method: fields.get('Method') ?? '',
  };
}

function extractArchive(module: SevenZipModule): SevenZipFile[] {
  runSevenZip(module, ['x', `-o${OUTPUT}`, '-y', '-t7z', '-bd', NO_PASSWORD, ARCHIVE]);
  const files: SevenZipFile[] = [];
  collectFiles(module, { dir: OUTPUT, prefix: '' }, files);
  return files;
}

/** Regular files only: links extracted by 7-Zip point nowhere we read. */
function collectFiles(module: SevenZipModule, at: { readonly dir: string; readonly prefix: string }, files: SevenZipFile[]): void {
  const { dir, prefix } = at;
  for (const name of module.FS.readdir(dir)) {
    if (name === '.' || name === '..') continue;
    const path = `${dir}/${name}`;
    const mode = module.FS.lstat(path).mode;
    if (module.FS.isDir(mode)) collectFiles(module, { dir: path, prefix: `${prefix}${name}/` }, files);
    else if (module.FS.isFile(mode)) files.push({ name: `${prefix}${name}`, data: module.FS.readFile(path) });
  }
}

function removeTree(module: SevenZipModule, path: string): void {
  let mode: number;
  try {
    mode = module.FS.lstat(path).mode;
  } catch {
    return;
  }
  if (!module.FS.isDir(mode)) {
    module.FS.unlink(path);
    return;
  }
  for (const name of module.FS.readdir(path)) if (name !== '.' && name !== '..') removeTree(module, `${path}/${name}`);
  module.FS.rmdir(path);
}
