// SPDX-License-Identifier: Apache-2.0
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { VERSION, withLimits, type Limits, type Report } from '../core/index.js';
import { planSnapshots } from './repo-snapshot.js';
import { scanInPool, toDefaultJobs } from './scan-pool.js';
import { ScanError } from './errors.js';
import { SCAN_RULES } from './policy/rules.js';

export interface ScanOptions {
  readonly limits?: Partial<Limits>;
  /**
   * Called before and after each file, and every few million opcodes inside a long one, so a
   * display can show where a scan is. `done` counts finished files.
   */
  readonly onProgress?: (done: number, total: number, path: string) => void;
  /** Threads scanning at once, this one included (default: up to 4, by file count and cores). */
  readonly jobs?: number;
}

/** Files found under the paths given; a walk that finds more stops with SCAN_LIMIT. */
const MAX_FILES = 1_000_000;

async function expandPath(path: string, out: string[]): Promise<void> {
  const info = await stat(path).catch((error: unknown) => {
    if (!(error instanceof Error)) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new ScanError('SCAN_NOT_FOUND', `no such file or directory: ${path}`, { cause: error });
    throw new ScanError('SCAN_IO', `cannot read ${path}: ${error.message}`, { cause: error });
  });
  if (!info.isDirectory()) {
    out.push(path);
    return;
  }
  const entries = await readdir(path, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (out.length >= MAX_FILES) throw new ScanError('SCAN_LIMIT', `more than ${MAX_FILES} files under ${path}`);
    const child = join(path, entry.name);
    if (entry.isDirectory()) await expandPath(child, out);
    else if (entry.isFile()) out.push(child);
    // Symlinked directories are not followed (a link cycle would never end); linked files are.
    else if (entry.isSymbolicLink() && (await stat(child).catch(() => undefined))?.isFile()) out.push(child);
  }
}

/**
 * @throws ScanError SCAN_NOT_FOUND / SCAN_IO when a path the user named cannot be read.
 * @returns every regular file named by `paths` or found under them, in a stable order.
 */
export async function listFiles(paths: readonly string[]): Promise<string[]> {
  if (!paths.length) throw new ScanError('SCAN_USAGE', 'no paths to scan');
  const out: string[] = [];
  for (const path of paths) await expandPath(path, out);
  return out;
}

/**
 * Scans files, directories and archives without running anything they contain.
 * @throws ScanError SCAN_NOT_FOUND, SCAN_IO or SCAN_USAGE for paths that cannot be scanned at all.
 * @returns the report: one target per file, findings with rule ids and locations.
 */
export async function scanPaths(paths: readonly string[], options: ScanOptions = {}): Promise<Report> {
  const started = performance.now();
  const limits = withLimits(options.limits);
  const files = await listFiles(paths);
  const snapshots = await planSnapshots(files);
  let done = 0;
  const results = await scanInPool({
    files, limits, codeFiles: snapshots.codeFiles, jobs: options.jobs ?? toDefaultJobs(files.length),
    onStart: (i) => {
      const progress = options.onProgress;
      if (!progress) return undefined;
      const tick = (): void => { progress(done, files.length, files[i] as string); };
      tick();
      return tick;
    },
    onResult: (i) => { options.onProgress?.(++done, files.length, files[i] as string); },
  });
  const findings = results.flatMap((r) => r.findings);
  findings.push(...snapshots.findings);
  return { tool: { name: 'citadel', version: VERSION }, rules: SCAN_RULES, targets: results.map((r) => r.target), findings, durationMs: performance.now() - started };
}
