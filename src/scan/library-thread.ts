// SPDX-License-Identifier: Apache-2.0
import { Worker } from 'node:worker_threads';
import { ScanError } from './errors.js';

/** What a library thread answers: a result, or the library's failure. */
export type LibraryReply<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly message: string; readonly stage?: string; readonly fatal: boolean };

export interface LibraryCallLimits {
  /** Wall-clock time the library may take before its thread is stopped. */
  readonly timeoutMs: number;
  /** Largest the library's WebAssembly heap may grow during the call; past it, allocations fail. */
  readonly heapMaxBytes: number;
}

export interface LibraryThreadOptions {
  /** Names the library in messages ("hdf5 library", "7-zip"). */
  readonly label: string;
  /**
   * The thread's body, CommonJS source text (it runs the same from compiled JS and from TypeScript
   * under the test runner). It runs after LIBRARY_PRELUDE_SOURCE and answers requests through
   * `serve(handle, isFatal)`.
   */
  readonly source: string;
  readonly workerData: unknown;
  readonly maxOldGenerationSizeMb: number;
}

/**
 * A synchronous WebAssembly library (HDF5, 7-Zip) on a thread of its own. Such a library cannot be
 * interrupted from the thread it runs on: a crafted file that loops it would hang the scan, and one
 * that aborts it leaves the instance in an unknown state. So every call has a time limit, past
 * which the thread is terminated, and a thread whose library failed fatally is replaced; either
 * way the next call starts a fresh thread. Calls are served one at a time, in order.
 * Idle, the thread never keeps the process alive.
 */
export class LibraryThread {
  private worker: Worker | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: LibraryThreadOptions) {}

  /**
   * Sends `request` and waits for the reply, at most `limits.timeoutMs`, with the library's heap
   * held to `limits.heapMaxBytes` while it works.
   * @throws ScanError SCAN_TIMEOUT past the time limit (the thread is terminated); SCAN_MALFORMED
   *   when the thread dies.
   * @returns the thread's reply; a fatal failure has already retired the thread.
   */
  call<T>(request: unknown, limits: LibraryCallLimits): Promise<LibraryReply<T>> {
    const turn = this.queue.then(() => this.send<T>(request, limits));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const started = new Worker(this.options.source, {
      eval: true, workerData: this.options.workerData, resourceLimits: { maxOldGenerationSizeMb: this.options.maxOldGenerationSizeMb },
    });
    started.unref();
    const forget = (): void => {
      if (this.worker === started) this.worker = undefined;
    };
    started.on('error', forget);
    started.on('exit', forget);
    this.worker = started;
    return started;
  }

  private retire(target: Worker): void {
    if (this.worker === target) this.worker = undefined;
    void target.terminate();
  }

  private send<T>(request: unknown, limits: LibraryCallLimits): Promise<LibraryReply<T>> {
    const target = this.start();
    const { label } = this.options;
    return new Promise<LibraryReply<T>>((resolve, reject) => {
      const finish = (): void => {
        clearTimeout(timer);
        target.off('message', onMessage);
        target.off('error', onError);
        target.off('exit', onExit);
        target.unref();
      };
      const onMessage = (reply: LibraryReply<T>): void => {
        finish();
        if (!reply.ok && reply.fatal) this.retire(target);
        resolve(reply);
      };
      const onError = (error: Error): void => {
        finish();
        this.retire(target);
        reject(new ScanError('SCAN_MALFORMED', `${label} thread failed: ${error.message}`, { cause: error }));
      };
      const onExit = (code: number): void => {
        finish();
        reject(new ScanError('SCAN_MALFORMED', `${label} thread exited (code ${code}) while reading the file`));
      };
      const timer = setTimeout(() => {
        finish();
        this.retire(target);
        reject(new ScanError('SCAN_TIMEOUT', `${label} did not finish within ${Math.round(limits.timeoutMs)} ms (stopped)`));
      }, limits.timeoutMs);
      target.on('message', onMessage);
      target.on('error', onError);
      target.on('exit', onExit);
      target.ref();
      target.postMessage({ heapMaxBytes: limits.heapMaxBytes, request });
    });
  }
}

/**
 * Source text every library thread runs first. It silences the console the library binds at
 * start-up: aborts and warnings about hostile input are described by findings and must not reach
 * the report. It caps the WebAssembly heap: memory there is outside a worker's resource limits, so
 * growth past the call's cap is refused, the library's allocator fails cleanly and the library
 * reports an error instead of taking the gigabytes a crafted header asked for. And it defines
 * `serve(handle, isFatal)`: `handle(request)` returns `{ value, transfer }` or throws; a throw is
 * replied as a failure, fatal when `isFatal(error)` says the library's state is no longer known.
 */
export const LIBRARY_PRELUDE_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
for (const name of ['log', 'info', 'warn', 'error']) console[name] = () => {};
let heapMax = Infinity;
const grow = WebAssembly.Memory.prototype.grow;
WebAssembly.Memory.prototype.grow = function (pages) {
  if (this.buffer.byteLength + pages * 65536 > heapMax) throw new RangeError('heap limit of ' + heapMax + ' bytes reached');
  return grow.call(this, pages);
};
function serve(handle, isFatal) {
  parentPort.on('message', async ({ heapMaxBytes, request }) => {
    heapMax = heapMaxBytes;
    try {
      const { value, transfer = [] } = await handle(request);
      parentPort.postMessage({ ok: true, value }, transfer);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      parentPort.postMessage({ ok: false, message, stage: error && error.stage, fatal: Boolean(isFatal(error, message)) });
    }
  });
}
`;
