// SPDX-License-Identifier: Apache-2.0
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { VaultError } from '../errors.js';

/** One byte range of one file to hash: an OMS shard. */
export interface ShardTask {
  readonly file: string;
  readonly start: number;
  readonly end: number;
}

/**
 * The worker body, kept as source text so it runs the same from compiled JS and from TypeScript
 * under the test runner. It hashes one shard at a time with a 1 MiB buffer.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { openSync, readSync, closeSync } = require('node:fs');
const { createHash } = require('node:crypto');
const buffer = Buffer.allocUnsafe(1 << 20);
parentPort.on('message', (task) => {
  try {
    const fd = openSync(task.file, 'r');
    const hash = createHash('sha256');
    try {
      for (let pos = task.start; pos < task.end;) {
        const n = readSync(fd, buffer, 0, Math.min(buffer.length, task.end - pos), pos);
        if (n === 0) throw Object.assign(new Error('short read'), { code: 'ESHORT' });
        hash.update(buffer.subarray(0, n));
        pos += n;
      }
    } finally {
      closeSync(fd);
    }
    parentPort.postMessage({ id: task.id, digest: hash.digest('hex') });
  } catch (error) {
    parentPort.postMessage({ id: task.id, error: String((error && error.code) || error) });
  }
});
`;

interface Reply {
  readonly id: number;
  readonly digest?: string;
  readonly error?: string;
}

/** Small heaps: the workers hold one buffer each, and the release budget is 128 MB in all. */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 };

/**
 * Hashes shards with SHA-256 on worker threads, one shard per worker at a time.
 * @throws VaultError VAULT_IO when a file cannot be read or ends early.
 * @returns the hex digests, in the order of `tasks`.
 */
export async function hashShards(tasks: readonly ShardTask[], workers: number = Math.min(4, availableParallelism())): Promise<string[]> {
  const digests: string[] = new Array<string>(tasks.length);
  const count = Math.max(1, Math.min(workers, tasks.length));
  let next = 0;
  let failed = false;
  const runWorker = (): Promise<void> => new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, resourceLimits: WORKER_LIMITS });
    const give = (): void => {
      const task = failed ? undefined : tasks[next];
      if (task === undefined) { void worker.terminate().then(() => { resolve(); }); return; }
      worker.postMessage({ id: next++, file: task.file, start: task.start, end: task.end });
    };
    worker.on('message', (reply: Reply) => {
      if (reply.error !== undefined || reply.digest === undefined) {
        failed = true;
        void worker.terminate();
        reject(new VaultError('VAULT_IO', `expected to hash ${tasks[reply.id]?.file ?? 'a file'}, got ${reply.error ?? 'no digest'}`));
        return;
      }
      digests[reply.id] = reply.digest;
      give();
    });
    worker.on('error', (error) => { reject(new VaultError('VAULT_IO', 'expected a hashing worker to run, got an error', { cause: error })); });
    give();
  });
  if (tasks.length > 0) await Promise.all(Array.from({ length: count }, runWorker));
  return digests;
}
