// SPDX-License-Identifier: Apache-2.0
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { toMessage, type Limits } from '../core/index.js';
import { scanFile, type FileResult } from './scan-file.js';

/** Fewer files than this per extra thread are not worth a thread's start-up (about 0.1 s). */
const FILES_PER_WORKER = 32;
const MAX_JOBS = 16;
/** Cores left to the main thread's runtime (collector, compiler) before workers are added. */
const MIN_FREE_CORES = 2;
/** The main thread yields this often while scanning, so worker results and progress flow. */
const YIELD_MS = 50;

/** A folder scan to share between this thread and worker threads. */
export interface PoolPlan {
  readonly files: readonly string[];
  readonly codeFiles: ReadonlySet<string>;
  readonly limits: Limits;
  /** Threads in all, this one included; 1 scans here only. */
  readonly jobs: number;
  /** Called as each file's result arrives, in no particular order. */
  readonly onResult: (index: number, result: FileResult) => void;
  /** Called before this thread starts a file (a long one calls it again as it goes). */
  readonly onStart: (index: number) => (() => void) | undefined;
  /** The workers' script; scan-worker.js beside this module unless a test substitutes one. */
  readonly workerScript?: URL;
}

/**
 * @returns how many threads to use for `files` files when the user did not say. A worker costs a
 * second copy of the scanner's modules and competes with V8's own helper threads: on 2 cores one
 * thread scanned 1,250 small files faster than two (bench:scan's `citadel -j1` row), so extra
 * threads are used only where there are cores to spare.
 */
export function toDefaultJobs(files: number): number {
  const spare = availableParallelism() - MIN_FREE_CORES;
  return Math.max(1, Math.min(spare, 4, Math.floor(files / FILES_PER_WORKER)));
}

/** @returns true when worker threads can run the compiled scanner (not under a TypeScript test runner). */
function canUseWorkers(): boolean {
  return import.meta.url.endsWith('.js');
}

/**
 * Scans every file once, this thread and `jobs - 1` workers claiming the next file from one shared
 * counter, so a slow file holds up one thread only. A worker that dies (out of memory, say) costs
 * the file it was on, which is reported as unscannable; the others go on.
 * @returns the results in the order of `files`.
 */
export async function scanInPool(plan: PoolPlan): Promise<FileResult[]> {
  const results = new Array<FileResult | undefined>(plan.files.length);
  const workers = canUseWorkers() ? Math.min(Math.max(plan.jobs, 1), MAX_JOBS) - 1 : 0;
  const shared = new Int32Array(new SharedArrayBuffer(4 * (1 + workers)));
  const sink: Sink = {
    put: (i, result) => {
      results[i] = result;
      plan.onResult(i, result);
    },
    has: (i) => results[i] !== undefined,
  };
  const running = Array.from({ length: workers }, (_, w) => runWorker({ plan, shared, slot: w + 1 }, sink));
  await scanHere(plan, shared, sink);
  await Promise.all(running);
  return results.map((r, i) => r ?? toLostResult(plan.files[i] as string, 'no scanner finished it'));
}

/** Where results go. */
interface Sink {
  put(index: number, result: FileResult): void;
  has(index: number): boolean;
}

async function scanHere(plan: PoolPlan, shared: Int32Array, sink: Sink): Promise<void> {
  let yielded = performance.now();
  for (let i = Atomics.add(shared, 0, 1); i < plan.files.length; i = Atomics.add(shared, 0, 1)) {
    const file = plan.files[i] as string;
    const tick = plan.onStart(i);
    sink.put(i, await scanFile(file, { limits: plan.limits, isCode: plan.codeFiles.has(file), ...(tick ? { tick } : {}) }));
    if (performance.now() - yielded > YIELD_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      yielded = performance.now();
    }
  }
}

interface WorkerSeat {
  readonly plan: PoolPlan;
  readonly shared: Int32Array;
  readonly slot: number;
}

function runWorker(seat: WorkerSeat, sink: Sink): Promise<void> {
  const { plan, shared, slot } = seat;
  Atomics.store(shared, slot, -1);
  const codeIndices = plan.files.flatMap((f, i) => (plan.codeFiles.has(f) ? [i] : []));
  const worker = new Worker(plan.workerScript ?? new URL('./scan-worker.js', import.meta.url), {
    workerData: { files: plan.files, codeIndices, limits: plan.limits, shared, slot },
  });
  return new Promise((resolve) => {
    let failure: string | undefined;
    worker.on('message', (m: { i: number; result: FileResult }) => { sink.put(m.i, m.result); });
    worker.on('error', (error) => { failure = toMessage(error); });
    worker.on('exit', (code) => {
      const current = Atomics.load(shared, slot);
      // The slot still names the last file after its result was sent, until the next claim.
      if (current >= 0 && !sink.has(current)) sink.put(current, toLostResult(plan.files[current] as string, failure ?? `the scan thread exited with code ${code}`));
      resolve();
    });
  });
}

function toLostResult(path: string, why: string): FileResult {
  return {
    target: { path, format: 'unknown', bytes: 0 },
    findings: [{ ruleId: 'CITADEL-UNSCANNABLE', severity: 'medium', message: `cannot scan: ${why}`, location: { path } }],
  };
}
