// SPDX-License-Identifier: Apache-2.0
import { randomBytes, type KeyObject } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { MessageChannel, Worker } from 'node:worker_threads';
import { VaultError, type VaultErrorCode } from '../errors.js';
import { CHUNK_BYTES, PAYLOAD_NONCE_BYTES, SEALED_CHUNK_BYTES, derivePayloadKey, toChunkCount } from './stream.js';
import { toSealedChunkCount } from './payload-io.js';

/** One shard of a payload's plaintext (an OMS shard of one file): `end` is exclusive. */
export interface PayloadShard {
  readonly start: number;
  readonly end: number;
  readonly digest: string;
}

/**
 * Chunks per block handed between the two stages: 1 MiB blocks stay in the cache between the
 * read, the hash and the cipher, and four in flight keep both stages busy with little memory.
 */
const BLOCK_CHUNKS = 16;
const BLOCK_BYTES = BLOCK_CHUNKS * CHUNK_BYTES;
const BLOCKS_IN_FLIGHT = 4;
/** Unsynced output after which writeback is started, so the final fsync finds little left to do. */
const SYNC_STEP_BYTES = 32 * 1024 * 1024;
/** Small heaps: each stage holds a few blocks; the rest of the budget belongs to the main thread. */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 };

/**
 * Both stages' bodies, kept as source text so they run the same from compiled JS and from
 * TypeScript under the test runner. A payload flows front -> back in blocks whose buffers are
 * transferred (never copied) and handed back for reuse:
 *   seal: front reads the plaintext and hashes it; back seals the chunks and writes them.
 *   open: front reads and opens the chunks; back hashes the plaintext and writes it.
 * The chunk construction is the one in stream.ts (age STREAM: 11-byte counter, last flag).
 * Cipher output is garbage as soon as it is written; a collection every few blocks keeps it from
 * piling up to V8's external-memory limit (tens of MiB per thread).
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { readSync, writevSync } = require('node:fs');
const { createCipheriv, createDecipheriv, createHash } = require('node:crypto');
const CHUNK = ${CHUNK_BYTES};
const SEALED = ${SEALED_CHUNK_BYTES};
const TAG = SEALED - CHUNK;
const BLOCK_CHUNKS = ${BLOCK_CHUNKS};
const BLOCK = ${BLOCK_BYTES};
const IN_FLIGHT = ${BLOCKS_IN_FLIGHT};
const PROGRESS_BYTES = 8 << 20;
let collect = () => {};
try {
  require('node:v8').setFlagsFromString('--expose-gc');
  const gc = require('node:vm').runInNewContext('gc');
  collect = () => gc({ type: 'minor' });
} catch {}

class Fault extends Error { constructor(code, message) { super(message); this.code = code; } }

const nonce = Buffer.alloc(12);
function toNonce(counter, last) {
  nonce.writeUIntBE(counter, 5, 6);
  nonce[11] = last ? 1 : 0;
  return nonce;
}
function sealChunk(key, c, last, plain) {
  const cipher = createCipheriv('chacha20-poly1305', key, toNonce(c, last), { authTagLength: TAG });
  const body = cipher.update(plain);
  cipher.final();
  return [body, cipher.getAuthTag()];
}
function tryOpen(key, c, last, sealed) {
  const decipher = createDecipheriv('chacha20-poly1305', key, toNonce(c, last), { authTagLength: TAG });
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG));
  const plain = decipher.update(sealed.subarray(0, sealed.length - TAG));
  try { decipher.final(); return plain; } catch { return undefined; }
}
function openChunk(key, c, last, sealed) {
  const plain = tryOpen(key, c, last, sealed);
  if (plain) return plain;
  if (last && tryOpen(key, c, false, sealed)) throw new Fault('VAULT_PAYLOAD_TRUNCATED', 'expected a final chunk, got a non-final chunk ' + c + ' at end of data');
  throw new Fault('VAULT_PAYLOAD_INVALID', 'expected chunk ' + c + ' to authenticate, got a mismatch (tampered or reordered)');
}

class Shards {
  constructor(size) { this.size = size; this.list = []; this.hash = createHash('sha256'); this.offset = 0; this.start = 0; }
  update(bytes) {
    let rest = bytes;
    while (rest.length > 0) {
      const room = this.start + this.size - this.offset;
      const take = rest.length <= room ? rest : rest.subarray(0, room);
      this.hash.update(take);
      this.offset += take.length;
      rest = rest.subarray(take.length);
      if (this.offset === this.start + this.size) this.close();
    }
  }
  close() {
    this.list.push({ start: this.start, end: this.offset, digest: this.hash.digest('hex') });
    this.hash = createHash('sha256');
    this.start = this.offset;
  }
  finish() {
    if (this.offset > this.start || this.list.length === 0) this.close();
    return this.list;
  }
}

function readFully(fd, buffer, length, position) {
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buffer, done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done;
}
function writeFully(fd, parts, position) {
  let rest = parts;
  let at = position;
  while (rest.length > 0) {
    let n = writevSync(fd, rest, at);
    at += n;
    const next = [];
    for (const part of rest) {
      if (n >= part.length) { n -= part.length; continue; }
      next.push(n > 0 ? part.subarray(n) : part);
      n = 0;
    }
    rest = next;
  }
}

let peer;
let job;
const free = [];
let allocated = 0;
let waiter;
function takeBuffer() {
  if (free.length > 0) return free.pop();
  if (allocated < IN_FLIGHT) { allocated++; return Buffer.allocUnsafeSlow(BLOCK); }
  return new Promise((resolve) => { waiter = resolve; });
}
function giveBack(buffer) {
  if (waiter) { const w = waiter; waiter = undefined; w(buffer); } else free.push(buffer);
}
function sendBlock(index, buffer, length) {
  peer.postMessage({ type: 'block', index, buffer: buffer.buffer, length }, [buffer.buffer]);
}

async function sealFront(j) {
  const shards = new Shards(j.shardBytes);
  for (let b = 0; b < j.blocks; b++) {
    const buffer = await takeBuffer();
    const want = Math.min(BLOCK, j.plainBytes - b * BLOCK);
    if (readFully(j.fd, buffer, want, b * BLOCK) !== want) throw new Fault('VAULT_IO', 'expected ' + j.plainBytes + ' plaintext bytes, got fewer: the input shrank while sealing');
    shards.update(buffer.subarray(0, want));
    sendBlock(b, buffer, want);
  }
  if (readSync(j.fd, Buffer.alloc(1), 0, 1, j.plainBytes) !== 0) throw new Fault('VAULT_IO', 'expected ' + j.plainBytes + ' plaintext bytes, got more: the input grew while sealing');
  return shards.finish();
}

async function openFront(j) {
  const sealed = Buffer.allocUnsafe(BLOCK_CHUNKS * SEALED);
  for (let b = 0; b < j.blocks; b++) {
    const want = Math.min(sealed.length, j.sealedBytes - b * sealed.length);
    if (readFully(j.fd, sealed, want, j.base + b * sealed.length) !== want) throw new Fault('VAULT_PAYLOAD_TRUNCATED', 'expected more payload bytes, got end of file: the file shrank while opening');
    const out = await takeBuffer();
    let length = 0;
    for (let i = 0, c = b * BLOCK_CHUNKS; i < want; i += SEALED, c++) {
      const plain = openChunk(j.key, c, c === j.chunks - 1, sealed.subarray(i, Math.min(i + SEALED, want)));
      plain.copy(out, length);
      length += plain.length;
    }
    sendBlock(b, out, length);
    if (b % 8 === 7) collect();
  }
  return j.sealedBytes - j.chunks * TAG;
}

function sealBack(j, index, data) {
  const parts = [];
  for (let i = 0, c = index * BLOCK_CHUNKS; i === 0 || i < data.length; i += CHUNK, c++) {
    const [body, tag] = sealChunk(j.key, c, c === j.chunks - 1, data.subarray(i, i + CHUNK));
    parts.push(body, tag);
  }
  writeFully(j.fd, parts, j.base + index * BLOCK_CHUNKS * SEALED);
  return parts.reduce((n, p) => n + p.length, 0);
}

function openBack(j, index, data) {
  j.shards.update(data);
  if (j.fd >= 0 && data.length > 0) writeFully(j.fd, [data], index * BLOCK);
  return j.fd >= 0 ? data.length : 0;
}

function fail(error) {
  const code = error instanceof Fault ? error.code : 'VAULT_IO';
  const message = error instanceof Fault ? error.message : 'expected to read and write the payload, got ' + String((error && error.code) || error);
  parentPort.postMessage({ type: 'error', code, message });
}

// Blocks come on the peer port and jobs on the parent port: a block may overtake its job.
const early = [];
function onBlock(message) {
  if (!job) { early.push(message); return; }
  try {
    const data = Buffer.from(message.buffer, 0, message.length);
    const written = job.role === 'seal-back' ? sealBack(job, message.index, data) : openBack(job, message.index, data);
    peer.postMessage({ type: 'free', buffer: message.buffer }, [message.buffer]);
    job.written += written;
    if (job.written - job.reported >= PROGRESS_BYTES) { job.reported = job.written; parentPort.postMessage({ type: 'progress', written: job.written }); }
    if (message.index % 8 === 7) collect();
    if (message.index === job.blocks - 1) {
      const result = job.role === 'seal-back' ? job.written : job.shards.finish();
      job = undefined;
      parentPort.postMessage({ type: 'done', result });
    }
  } catch (error) {
    job = undefined;
    fail(error);
  }
}

parentPort.on('message', (message) => {
  if (message.type === 'port') {
    peer = message.port;
    peer.on('message', (m) => { if (m.type === 'free') giveBack(Buffer.from(m.buffer)); else onBlock(m); });
    return;
  }
  const j = message;
  if (j.role === 'seal-back' || j.role === 'open-back') {
    job = { ...j, written: 0, reported: 0, shards: j.role === 'open-back' ? new Shards(j.shardBytes) : undefined };
    for (const m of early.splice(0)) onBlock(m);
    return;
  }
  (j.role === 'seal-front' ? sealFront(j) : openFront(j)).then((result) => parentPort.postMessage({ type: 'done', result }), fail);
});
`;

interface Reply {
  readonly type: 'done' | 'progress' | 'error';
  readonly result?: unknown;
  readonly written?: number;
  readonly code?: VaultErrorCode;
  readonly message?: string;
}

export interface SealPayloadOptions {
  readonly fileKey: Uint8Array;
  readonly plainBytes: number;
  readonly shardBytes: number;
}

export interface OpenPayloadOptions {
  readonly fileKey: Uint8Array;
  /** Payload bytes, nonce included; the payload starts at 0 of the input. */
  readonly payloadBytes: number;
  /** Where to write; omit to authenticate and hash without writing. */
  readonly output?: FileHandle;
  readonly shardBytes: number;
}

/**
 * Starts writeback of a file being written once enough is unsynced, one datasync at a time, so
 * the disk works while the stages do. A failure is kept and thrown at the end: fsync reports an
 * error once, and the commit's own fsync could then pass.
 */
class WriteBehind {
  private synced = 0;
  private pending: Promise<void> | undefined;
  private failure: unknown;

  constructor(private readonly handle: FileHandle | undefined) {}

  written(bytes: number): void {
    const handle = this.handle;
    if (handle === undefined || this.pending !== undefined || bytes - this.synced < SYNC_STEP_BYTES) return;
    this.pending = handle.datasync().then(() => { this.synced = bytes; }, (error: unknown) => { this.failure ??= error; }).finally(() => { this.pending = undefined; });
  }

  async settle(): Promise<void> {
    await this.pending;
    if (this.failure !== undefined) throw new VaultError('VAULT_IO', 'expected the output to reach the disk, got an error', { cause: this.failure });
  }
}

/**
 * Two worker threads that seal and open age payloads as a pipeline (see WORKER_SOURCE), hashing
 * the plaintext for the OMS manifest in the same pass: the input is read once, and the main
 * thread stays free. One payload at a time; close() when done.
 */
export class PayloadWorkers {
  private broken: VaultError | undefined;

  private constructor(private readonly front: Worker, private readonly back: Worker) {}

  /** @returns two started workers, joined by a channel for blocks. */
  static start(): PayloadWorkers {
    const front = new Worker(WORKER_SOURCE, { eval: true, resourceLimits: WORKER_LIMITS });
    const back = new Worker(WORKER_SOURCE, { eval: true, resourceLimits: WORKER_LIMITS });
    const { port1, port2 } = new MessageChannel();
    front.postMessage({ type: 'port', port: port1 }, [port1]);
    back.postMessage({ type: 'port', port: port2 }, [port2]);
    return new PayloadWorkers(front, back);
  }

  /**
   * Seals `plainBytes` from position 0 of `input` into a bare age payload (nonce first) at
   * position 0 of `output`, and hashes the plaintext in shards of `shardBytes`.
   * @throws VaultError VAULT_IO when the input changes size while it is read, or a write fails.
   * @returns the payload size, nonce included, and the shard digests.
   */
  async seal(input: FileHandle, output: FileHandle, options: SealPayloadOptions): Promise<{ payloadBytes: number; shards: PayloadShard[] }> {
    const nonce = randomBytes(PAYLOAD_NONCE_BYTES);
    await output.write(nonce, 0, nonce.length, 0);
    const key = derivePayloadKey(options.fileKey, nonce);
    const chunks = toChunkCount(options.plainBytes);
    const blocks = Math.ceil(chunks / BLOCK_CHUNKS);
    const [shards, sealedBytes] = await this.run(output, [
      { role: 'seal-front', fd: input.fd, plainBytes: options.plainBytes, shardBytes: options.shardBytes, blocks },
      { role: 'seal-back', fd: output.fd, base: PAYLOAD_NONCE_BYTES, key, chunks, blocks },
    ]);
    return { payloadBytes: PAYLOAD_NONCE_BYTES + (sealedBytes as number), shards: shards as PayloadShard[] };
  }

  /**
   * Opens a bare age payload at position 0 of `input`, authenticating every chunk before its
   * plaintext is hashed or written. The output is untrusted until this resolves.
   * @throws VaultError VAULT_PAYLOAD_INVALID, VAULT_PAYLOAD_TRUNCATED, VAULT_IO.
   * @returns the plaintext size and the shard digests.
   */
  async open(input: FileHandle, options: OpenPayloadOptions): Promise<{ plainBytes: number; shards: PayloadShard[] }> {
    const chunks = toSealedChunkCount(options.payloadBytes);
    const nonce = Buffer.alloc(PAYLOAD_NONCE_BYTES);
    const { bytesRead } = await input.read(nonce, 0, nonce.length, 0);
    if (bytesRead !== nonce.length) throw new VaultError('VAULT_PAYLOAD_TRUNCATED', 'expected a payload nonce, got end of file');
    const key: KeyObject = derivePayloadKey(options.fileKey, nonce);
    const blocks = Math.ceil(chunks / BLOCK_CHUNKS);
    const sealedBytes = options.payloadBytes - PAYLOAD_NONCE_BYTES;
    const [plainBytes, shards] = await this.run(options.output, [
      { role: 'open-front', fd: input.fd, base: PAYLOAD_NONCE_BYTES, sealedBytes, key, chunks, blocks },
      { role: 'open-back', fd: options.output?.fd ?? -1, shardBytes: options.shardBytes, blocks },
    ]);
    return { plainBytes: plainBytes as number, shards: shards as PayloadShard[] };
  }

  /** Stops both workers. */
  async close(): Promise<void> {
    await Promise.all([this.front.terminate(), this.back.terminate()]);
  }

  private async run(output: FileHandle | undefined, jobs: readonly [Record<string, unknown>, Record<string, unknown>]): Promise<[unknown, unknown]> {
    if (this.broken) throw this.broken;
    const writeBehind = new WriteBehind(output);
    const detach: (() => void)[] = [];
    const listen = (worker: Worker, job: Record<string, unknown>): Promise<unknown> => new Promise((resolve, reject) => {
      const onMessage = (reply: Reply): void => {
        if (reply.type === 'progress') writeBehind.written(reply.written ?? 0);
        else if (reply.type === 'done') resolve(reply.result);
        else reject(new VaultError(reply.code ?? 'VAULT_IO', reply.message ?? 'expected a payload worker to finish, got an error'));
      };
      const onError = (error: unknown): void => { reject(new VaultError('VAULT_IO', 'expected a payload worker to run, got an error', { cause: error })); };
      const onExit = (): void => { reject(new VaultError('VAULT_IO', 'expected a payload worker to run, got it stopped')); };
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      detach.push(() => { worker.off('message', onMessage).off('error', onError).off('exit', onExit); });
      worker.postMessage(job);
    });
    try {
      // The back stage is given its job first, so it is ready for the first block.
      const back = listen(this.back, jobs[1]);
      const front = listen(this.front, jobs[0]);
      const results = await Promise.all([front, back]);
      await writeBehind.settle();
      return results;
    } catch (error) {
      // A stage that failed leaves the other waiting on blocks that never come.
      this.broken = error instanceof VaultError ? error : new VaultError('VAULT_IO', 'expected the payload workers to run, got an error', { cause: error });
      await writeBehind.settle().catch(() => undefined);
      throw error;
    } finally {
      for (const off of detach) off();
    }
  }
}
