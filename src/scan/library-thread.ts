// SPDX-License-Identifier: Apache-2.0
import { Worker, type Transferable } from 'node:worker_threads';
import { ScanError } from './errors.js';

/** What a library thread answers: a result, or the library's failure. */
export type LibraryReply<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly message: string; readonly stage?: string; readonly fatal: boolean };

export interface LibraryThreadOptions {
  /** Names the library in messages ("hdf5 library", "7-zip"). */
  readonly label: string;
  /**
   * The thread's body, CommonJS source text (it runs the same from compiled JS and from TypeScript
   * under the test runner). It answers each message with a LibraryReply.
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
   * Sends `message` and waits for the reply, at most `timeoutMs`.
   * @throws ScanError SCAN_TIMEOUT past `timeoutMs` (the thread is terminated); SCAN_MALFORMED when
   *   the thread dies.
   * @returns the thread's reply; a fatal failure has already retired the thread.
   */
  call<T>(message: unknown, timeoutMs: number, transfer: readonly Transferable[] = []): Promise<LibraryReply<T>> {
    const turn = this.queue.then(() => this.send<T>({ message, timeoutMs, transfer }));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Terminates the thread now (tests; shutdown). The next call starts a new one. */
  async stop(): Promise<void> {
    const target = this.worker;
    this.worker = undefined;
    await target?.terminate();
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

  private send<T>(call: { readonly message: unknown; readonly timeoutMs: number; readonly transfer: readonly Transferable[] }): Promise<LibraryReply<T>> {
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
        reject(new ScanError('SCAN_TIMEOUT', `${label} did not finish within ${Math.round(call.timeoutMs)} ms (stopped)`));
      }, call.timeoutMs);
      target.on('message', onMessage);
      target.on('error', onError);
      target.on('exit', onExit);
      target.ref();
      target.postMessage(call.message, call.transfer);
    });
  }
}

/**
 * Source text every library thread runs first. It silences the console the library binds at
 * start-up: aborts and warnings about hostile input are described by findings and must not reach
 * the report. And it defines setHeapMax(bytes): WebAssembly memory is outside a worker's resource
 * limits, so growth past the cap is refused, the library's allocator fails cleanly and the library
 * reports an error instead of taking gigabytes a crafted header asked for.
 */
export const LIBRARY_PRELUDE_SOURCE = `
for (const name of ['log', 'info', 'warn', 'error']) console[name] = () => {};
let heapMax = Infinity;
function setHeapMax(bytes) { heapMax = bytes; }
const grow = WebAssembly.Memory.prototype.grow;
WebAssembly.Memory.prototype.grow = function (pages) {
  if (this.buffer.byteLength + pages * 65536 > heapMax) throw new RangeError('heap limit of ' + heapMax + ' bytes reached');
  return grow.call(this, pages);
};
`;
