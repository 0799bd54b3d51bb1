// SPDX-License-Identifier: Apache-2.0
import { randomBytes } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { VaultError } from '../errors.js';
import {
  CHUNK_BYTES, ChunkCipher, PAYLOAD_NONCE_BYTES, SEALED_CHUNK_BYTES, TAG_BYTES, derivePayloadKey, toChunkCount,
} from './stream.js';

/** Chunks per read: 2 MiB blocks keep syscalls few and memory bounded (two blocks in, one out). */
const BLOCK_CHUNKS = 32;

/** Called with each plaintext chunk in order, e.g. to hash it while it streams. */
export type PlaintextTap = (plain: Buffer) => void;

export interface EncryptPayloadOptions {
  readonly fileKey: Uint8Array;
  /** Plaintext bytes to read from position 0 of the input. */
  readonly plainBytes: number;
  /** Where the payload starts in the output (after the header, or 0 for a bare payload). */
  readonly outputOffset: number;
  readonly onPlaintext?: PlaintextTap;
}

export interface DecryptPayloadOptions {
  readonly fileKey: Uint8Array;
  /** Where the payload (its nonce) starts in the input. */
  readonly inputOffset: number;
  /** Payload bytes, nonce included. */
  readonly payloadBytes: number;
  /** Where to write; omit to authenticate without writing (verification). */
  readonly output?: FileHandle;
  readonly onPlaintext?: PlaintextTap;
}

async function readFully(handle: FileHandle, buffer: Buffer, range: { length: number; position: number }): Promise<number> {
  const { length, position } = range;
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buffer, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done;
}

interface Pump {
  readonly blocks: number;
  readonly blockBytes: number;
  read(block: number, buffer: Buffer): Promise<number>;
  transform(block: number, data: Buffer): Buffer[];
  write(block: number, parts: Buffer[]): Promise<unknown>;
}

/**
 * Overlaps I/O with crypto: block i+1 is read and block i-1 written on libuv's pool while block i
 * is sealed or opened on this thread. Two input buffers alternate; at most one write is in flight.
 */
function toHandled<T>(promise: Promise<T>): Promise<T> {
  // Marked handled now and awaited later: a failure while another await is pending must not be
  // reported as unhandled, yet still surfaces at its own await.
  promise.catch(() => undefined);
  return promise;
}

async function pumpBlocks(pump: Pump): Promise<void> {
  const buffers = [Buffer.allocUnsafe(pump.blockBytes), Buffer.allocUnsafe(pump.blockBytes)] as const;
  let pendingRead: Promise<number> | undefined = pump.blocks > 0 ? toHandled(pump.read(0, buffers[0])) : undefined;
  let pendingWrite: Promise<unknown> = Promise.resolve();
  for (let block = 0; block < pump.blocks; block++) {
    const buffer = buffers[block % 2] ?? buffers[0];
    const length = await (pendingRead ?? 0);
    pendingRead = block + 1 < pump.blocks ? toHandled(pump.read(block + 1, buffers[(block + 1) % 2] ?? buffers[0])) : undefined;
    let parts: Buffer[];
    try {
      parts = pump.transform(block, buffer.subarray(0, length));
    } catch (error) {
      await Promise.allSettled([pendingRead, pendingWrite]);
      throw error;
    }
    await pendingWrite;
    pendingWrite = toHandled(pump.write(block, parts));
  }
  await pendingWrite;
}

/**
 * Encrypts `plainBytes` from `input` into an age payload at `outputOffset` of `output`.
 * @throws VaultError VAULT_IO when the input changes size while it is read.
 * @returns the payload size written, nonce included.
 */
export async function encryptPayload(input: FileHandle, output: FileHandle, options: EncryptPayloadOptions): Promise<number> {
  const nonce = randomBytes(PAYLOAD_NONCE_BYTES);
  const cipher = new ChunkCipher(derivePayloadKey(options.fileKey, nonce));
  const chunks = toChunkCount(options.plainBytes);
  const blockBytes = BLOCK_CHUNKS * CHUNK_BYTES;
  await output.write(nonce, 0, nonce.length, options.outputOffset);
  const base = options.outputOffset + PAYLOAD_NONCE_BYTES;
  await pumpBlocks({
    blocks: Math.ceil(chunks / BLOCK_CHUNKS),
    blockBytes,
    read: async (block, buffer) => {
      const want = Math.min(blockBytes, options.plainBytes - block * blockBytes);
      const got = await readFully(input, buffer, { length: want, position: block * blockBytes });
      if (got !== want) throw new VaultError('VAULT_IO', `expected ${options.plainBytes} plaintext bytes, got fewer: the input shrank while sealing`);
      return got;
    },
    transform: (block, data) => {
      const parts: Buffer[] = [];
      for (let i = 0, c = block * BLOCK_CHUNKS; i === 0 || i < data.length; i += CHUNK_BYTES, c++) {
        const plain = data.subarray(i, i + CHUNK_BYTES);
        options.onPlaintext?.(plain);
        parts.push(...cipher.seal(c, c === chunks - 1, plain));
      }
      return parts;
    },
    write: (block, parts) => output.writev(parts, base + block * BLOCK_CHUNKS * SEALED_CHUNK_BYTES),
  });
  const extra = await readFully(input, Buffer.alloc(1), { length: 1, position: options.plainBytes });
  if (extra !== 0) throw new VaultError('VAULT_IO', `expected ${options.plainBytes} plaintext bytes, got more: the input grew while sealing`);
  return PAYLOAD_NONCE_BYTES + options.plainBytes + chunks * TAG_BYTES;
}

/**
 * @throws VaultError VAULT_PAYLOAD_TRUNCATED or VAULT_PAYLOAD_INVALID when the size cannot be a payload.
 * @returns the number of sealed chunks in a payload of `payloadBytes`.
 */
export function toSealedChunkCount(payloadBytes: number): number {
  const sealed = payloadBytes - PAYLOAD_NONCE_BYTES;
  if (sealed < TAG_BYTES) throw new VaultError('VAULT_PAYLOAD_TRUNCATED', `expected a payload of at least ${PAYLOAD_NONCE_BYTES + TAG_BYTES} bytes, got ${payloadBytes}`);
  const chunks = Math.ceil(sealed / SEALED_CHUNK_BYTES);
  const lastBytes = sealed - (chunks - 1) * SEALED_CHUNK_BYTES;
  if (lastBytes < TAG_BYTES) throw new VaultError('VAULT_PAYLOAD_TRUNCATED', `expected a final chunk of at least ${TAG_BYTES} bytes, got ${lastBytes}`);
  // age spec: the final chunk MUST NOT be empty unless the whole payload is empty.
  if (lastBytes === TAG_BYTES && chunks > 1) throw new VaultError('VAULT_PAYLOAD_INVALID', 'expected a non-empty final chunk, got an empty one after others');
  return chunks;
}

/**
 * Decrypts an age payload, authenticating every chunk before it reaches `onPlaintext` or `output`.
 * Callers must still treat the output as untrusted until this resolves: only then is the final
 * chunk known to be present.
 * @throws VaultError VAULT_PAYLOAD_INVALID, VAULT_PAYLOAD_TRUNCATED, VAULT_IO.
 * @returns the plaintext size.
 */
export async function decryptPayload(input: FileHandle, options: DecryptPayloadOptions): Promise<number> {
  const chunks = toSealedChunkCount(options.payloadBytes);
  const nonce = Buffer.alloc(PAYLOAD_NONCE_BYTES);
  if (await readFully(input, nonce, { length: nonce.length, position: options.inputOffset }) !== nonce.length) throw new VaultError('VAULT_PAYLOAD_TRUNCATED', 'expected a payload nonce, got end of file');
  const cipher = new ChunkCipher(derivePayloadKey(options.fileKey, nonce));
  const base = options.inputOffset + PAYLOAD_NONCE_BYTES;
  const blockBytes = BLOCK_CHUNKS * SEALED_CHUNK_BYTES;
  const sealedBytes = options.payloadBytes - PAYLOAD_NONCE_BYTES;
  await pumpBlocks({
    blocks: Math.ceil(chunks / BLOCK_CHUNKS),
    blockBytes,
    read: async (block, buffer) => {
      const want = Math.min(blockBytes, sealedBytes - block * blockBytes);
      const got = await readFully(input, buffer, { length: want, position: base + block * blockBytes });
      if (got !== want) throw new VaultError('VAULT_PAYLOAD_TRUNCATED', 'expected more payload bytes, got end of file: the file shrank while opening');
      return got;
    },
    transform: (block, data) => {
      const parts: Buffer[] = [];
      for (let i = 0, c = block * BLOCK_CHUNKS; i < data.length; i += SEALED_CHUNK_BYTES, c++) {
        const plain = cipher.open(c, c === chunks - 1, data.subarray(i, i + SEALED_CHUNK_BYTES));
        options.onPlaintext?.(plain);
        parts.push(plain);
      }
      return parts;
    },
    write: (block, parts) => options.output?.writev(parts, block * BLOCK_CHUNKS * CHUNK_BYTES) ?? Promise.resolve(),
  });
  return sealedBytes - chunks * TAG_BYTES;
}
