// SPDX-License-Identifier: Apache-2.0
import { ScanError } from '../errors.js';
import { LibraryThread, LIBRARY_PRELUDE_SOURCE } from '../library-thread.js';

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

/** What one archive offers while it sits in the library thread's in-memory file system. */
export interface SevenZipSession {
  /** @throws ScanError SCAN_MALFORMED when 7-Zip cannot open the archive (damaged, or its headers encrypted). */
  list(): Promise<SevenZipEntry[]>;
  /** @throws ScanError SCAN_MALFORMED when extraction fails. @returns every regular file extracted. */
  extractAll(): Promise<SevenZipFile[]>;
}

export interface SevenZipLimits {
  /** Time left for this input: each call into 7-Zip gets at most this. */
  readonly remainingMs: () => number;
  /** Largest the 7-Zip WebAssembly heap may grow (a header can ask for a dictionary of gigabytes). */
  readonly heapMaxBytes: number;
}

/**
 * 7-Zip (7z-wasm) on a library thread. One archive at a time sits in its in-memory file system:
 * `open` puts it there (clearing whatever a cut-off session left), `list` and `extract` run 7-Zip
 * on it, `close` clears it. Extracted files are handed over, not copied. A 7-Zip abort is fatal:
 * the thread is replaced, since the module's state is unknown.
 */
const WORKER_SOURCE = `
${LIBRARY_PRELUDE_SOURCE}
const ARCHIVE = '/citadel-in/archive.7z';
const OUTPUT = '/citadel-out';
// A wrong password makes 7-Zip fail on encrypted data instead of prompting on stdin.
const NO_PASSWORD = '-pcitadel-no-password';
let printed = [];
let printedErrors = [];
const ready = import(workerData.url).then((m) => m.default({
  print: (line) => { printed.push(line); },
  printErr: (line) => { printedErrors.push(line); },
  stdin: () => null,
}));

class Fault extends Error { constructor(message, fatal) { super(message); this.fatal = fatal; } }

function run(module, args) {
  printed = [];
  printedErrors = [];
  let failure;
  try {
    const status = module.callMain(args);
    if (typeof status === 'number' && status !== 0) failure = '7-zip exited with status ' + status;
  } catch {
    throw new Fault('7-zip aborted', true);
  }
  const errors = printedErrors.map((line) => line.trim()).filter((line) => line !== '');
  if (failure !== undefined || errors.length > 0) throw new Fault(errors.slice(0, 4).join('; ') || failure, false);
  return printed;
}

function removeTree(module, path) {
  let mode;
  try { mode = module.FS.lstat(path).mode; } catch { return; }
  if (!module.FS.isDir(mode)) { module.FS.unlink(path); return; }
  for (const name of module.FS.readdir(path)) if (name !== '.' && name !== '..') removeTree(module, path + '/' + name);
  module.FS.rmdir(path);
}

// Regular files only: links extracted by 7-Zip point nowhere we read.
function collectFiles(module, dir, prefix, files) {
  for (const name of module.FS.readdir(dir)) {
    if (name === '.' || name === '..') continue;
    const path = dir + '/' + name;
    const mode = module.FS.lstat(path).mode;
    if (module.FS.isDir(mode)) collectFiles(module, path, prefix + name + '/', files);
    else if (module.FS.isFile(mode)) files.push({ name: prefix + name, data: module.FS.readFile(path) });
  }
}

function clear(module) {
  removeTree(module, '/citadel-in');
  removeTree(module, OUTPUT);
}

serve(async (request) => {
  const module = await ready;
  if (request.op === 'open') {
    clear(module);
    module.FS.mkdir('/citadel-in');
    module.FS.mkdir(OUTPUT);
    module.FS.writeFile(ARCHIVE, request.archive);
    return { value: true };
  }
  if (request.op === 'list') return { value: run(module, ['l', '-slt', '-t7z', '-bd', NO_PASSWORD, ARCHIVE]) };
  if (request.op === 'extract') {
    run(module, ['x', '-o' + OUTPUT, '-y', '-t7z', '-bd', NO_PASSWORD, ARCHIVE]);
    const files = [];
    collectFiles(module, OUTPUT, '', files);
    clear(module);
    return { value: files, transfer: [...new Set(files.map((f) => f.data.buffer))] };
  }
  clear(module);
  return { value: true };
}, (error) => Boolean(error && error.fatal));
`;

const library = new LibraryThread({
  label: '7-zip', source: WORKER_SOURCE, workerData: { url: import.meta.resolve('7z-wasm') }, maxOldGenerationSizeMb: 256,
});

async function callSevenZip<T>(op: string, limits: SevenZipLimits, archive?: Uint8Array): Promise<T> {
  const reply = await library.call<T>({ op, archive }, { timeoutMs: limits.remainingMs(), heapMaxBytes: limits.heapMaxBytes });
  if (reply.ok) return reply.value;
  throw new ScanError('SCAN_MALFORMED', `expected a 7z archive 7-zip can open, it reports: ${reply.message}`);
}

/**
 * Puts `archive` in the 7-Zip thread's file system, hands `use` a session over it and clears the
 * file system afterwards. Sessions never interleave: the thread serves calls in order.
 * @throws ScanError SCAN_MALFORMED from the session, SCAN_TIMEOUT when 7-Zip outlives the input's
 *   time (its thread is terminated); whatever `use` throws.
 */
export async function withSevenZip<T>(archive: Uint8Array, limits: SevenZipLimits, use: (session: SevenZipSession) => Promise<T>): Promise<T> {
  await callSevenZip('open', limits, archive);
  try {
    return await use({
      list: async () => toEntries(await callSevenZip<string[]>('list', limits)),
      extractAll: () => callSevenZip<SevenZipFile[]>('extract', limits),
    });
  } finally {
    // The archive may hold hundreds of MiB; an idle thread must not keep it. A thread that timed
    // out is gone already, and this starts none just to clear it.
    if (limits.remainingMs() > 0) await callSevenZip('close', limits).catch(() => undefined);
  }
}

function toEntries(lines: readonly string[]): SevenZipEntry[] {
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
