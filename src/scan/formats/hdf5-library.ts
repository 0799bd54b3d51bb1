// SPDX-License-Identifier: Apache-2.0
import { Worker } from 'node:worker_threads';
import { ScanError } from '../errors.js';

/** A string attribute of the root group, or why it was not read. */
export type RootAttribute = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'absent' } | { readonly kind: 'too-large'; readonly bytes: number };

export interface RootAttributeRequest {
  /** A real file path: the library's Node build reads files directly (NODERAWFS). */
  readonly path: string;
  readonly names: readonly string[];
  readonly maxBytes: number;
  /** Largest the library's WebAssembly heap may grow while reading; past it, allocations fail. */
  readonly heapMaxBytes: number;
  /** Wall-clock time the library may take before its thread is stopped. */
  readonly timeoutMs: number;
}

type Reply =
  | { readonly ok: true; readonly attributes: [string, RootAttribute][] }
  | { readonly ok: false; readonly stage: 'open' | 'read'; readonly message: string; readonly fatal: boolean };

/**
 * The HDF5 C library (h5wasm) runs on a thread of its own. It is synchronous WebAssembly: crafted
 * files have been seen to loop it forever and to abort it, after which the module is unusable.
 * Only another thread can stop a loop, so a call that outlives its time is ended by terminating
 * the thread, and a thread whose library aborted is replaced. The library is compiled on first use,
 * once per thread, so a scan without HDF5 files never pays for it.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
// The library prints its aborts and decoding warnings through the console it binds at start-up;
// they are about hostile input, which the findings already describe, and must not reach the report.
for (const name of ['log', 'info', 'warn', 'error']) console[name] = () => {};
// The heap is bounded by refusing growth past the request's cap: the library's allocator then
// fails cleanly and HDF5 reports the error. Worker resource limits do not cover WebAssembly memory.
let heapMax = Infinity;
const grow = WebAssembly.Memory.prototype.grow;
WebAssembly.Memory.prototype.grow = function (pages) {
  if (this.buffer.byteLength + pages * 65536 > heapMax) throw new RangeError('heap limit of ' + heapMax + ' bytes reached');
  return grow.call(this, pages);
};
const ready = import(workerData.url).then(async (m) => {
  const module = await m.default.ready;
  // HDF5's error stack becomes exceptions instead of being printed.
  module.activate_throwing_error_handler();
  return m.default;
});
function toText(value) {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  if (Array.isArray(value) && value.length === 1) return toText(value[0]);
  return undefined;
}
function readAttributes(h5, { path, names, maxBytes }) {
  const out = [];
  let file;
  try {
    file = new h5.File(path, 'r');
  } catch (error) {
    error.stage = 'open';
    throw error;
  }
  try {
    const attrs = file.attrs;
    for (const name of names) {
      const attr = attrs[name];
      if (!attr) { out.push([name, { kind: 'absent' }]); continue; }
      const meta = attr.metadata;
      const bytes = meta.vlen ? 0 : meta.size * (meta.shape || []).reduce((a, b) => a * b, 1);
      if (bytes > maxBytes) { out.push([name, { kind: 'too-large', bytes }]); continue; }
      const text = toText(attr.value);
      out.push([name, text === undefined ? { kind: 'absent' } : { kind: 'text', text }]);
    }
  } finally {
    try { file.close(); } catch {}
  }
  return out;
}
parentPort.on('message', async (request) => {
  try {
    const h5 = await ready;
    heapMax = request.heapMaxBytes;
    parentPort.postMessage({ ok: true, attributes: readAttributes(h5, request) });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    parentPort.postMessage({ ok: false, stage: error && error.stage === 'open' ? 'open' : 'read', message,
      fatal: error instanceof WebAssembly.RuntimeError || /^Aborted\\(/.test(message) });
  }
});
`;

/** The library's thread: heap for the attribute texts; the WebAssembly memory is outside it. */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 256 };

let worker: Worker | undefined;
/** One call at a time: the thread serves requests in order and a timeout kills whatever it runs. */
let queue: Promise<unknown> = Promise.resolve();

function getWorker(): Worker {
  if (worker) return worker;
  const started = new Worker(WORKER_SOURCE, {
    eval: true, workerData: { url: import.meta.resolve('h5wasm/node') }, resourceLimits: WORKER_LIMITS,
  });
  // Idle, the thread must not keep the process alive; it is held only while a call is pending.
  started.unref();
  started.on('error', () => {
    if (worker === started) worker = undefined;
  });
  started.on('exit', () => {
    if (worker === started) worker = undefined;
  });
  worker = started;
  return started;
}

function stop(target: Worker): void {
  if (worker === target) worker = undefined;
  void target.terminate();
}

function call(request: RootAttributeRequest): Promise<Reply> {
  const target = getWorker();
  return new Promise<Reply>((resolve, reject) => {
    const finish = (): void => {
      clearTimeout(timer);
      target.off('message', onMessage);
      target.off('error', onError);
      target.off('exit', onExit);
      target.unref();
    };
    const onMessage = (reply: Reply): void => {
      finish();
      if (!reply.ok && reply.fatal) stop(target);
      resolve(reply);
    };
    const onError = (error: Error): void => {
      finish();
      stop(target);
      reject(new ScanError('SCAN_MALFORMED', `hdf5 library thread failed: ${error.message}`, { cause: error }));
    };
    const onExit = (code: number): void => {
      finish();
      reject(new ScanError('SCAN_MALFORMED', `hdf5 library thread exited (code ${code}) while reading the file`));
    };
    const timer = setTimeout(() => {
      finish();
      stop(target);
      reject(new ScanError('SCAN_TIMEOUT', `hdf5 library did not finish reading the file within ${Math.round(request.timeoutMs)} ms (stopped)`));
    }, request.timeoutMs);
    target.on('message', onMessage);
    target.on('error', onError);
    target.on('exit', onExit);
    target.ref();
    target.postMessage({ path: request.path, names: request.names, maxBytes: request.maxBytes, heapMaxBytes: request.heapMaxBytes });
  });
}

function firstLine(text: string): string {
  const detail = /minor: (.+)$/m.exec(text)?.[1];
  return (detail ?? text.split('\n')[0] ?? '').trim().toLowerCase();
}

/**
 * Reads string attributes of an HDF5 file's root group with the HDF5 library, on its own thread.
 * @throws ScanError SCAN_MALFORMED when the library refuses or aborts on the file, SCAN_TIMEOUT when
 *   it runs past `timeoutMs` (its thread is then terminated and replaced on the next call).
 * @returns each requested attribute's text, absence, or size when over `maxBytes`.
 */
export async function readRootAttributes(request: RootAttributeRequest): Promise<Map<string, RootAttribute>> {
  const turn = queue.then(() => call(request));
  queue = turn.catch(() => undefined);
  const reply = await turn;
  if (reply.ok) return new Map(reply.attributes);
  if (reply.fatal) throw new ScanError('SCAN_MALFORMED', `hdf5 library aborted on the file (its thread was replaced): ${firstLine(reply.message)}`);
  const what = reply.stage === 'open' ? 'cannot open the file' : 'cannot read the root attributes';
  throw new ScanError('SCAN_MALFORMED', `hdf5 library ${what}: ${firstLine(reply.message)}`);
}
