// SPDX-License-Identifier: Apache-2.0
import { randomBytes } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { VaultError } from '../errors.js';
import { createAtomicFile } from '../storage/atomic-file.js';
import { DEFAULT_HEADER_LIMITS, parseHeader, toHeaderBytes, verifyHeaderMac, type Header, type HeaderLimits } from './header.js';
import type { AgeIdentity } from './keys.js';
import { decryptPayload, encryptPayload, toSealedChunkCount } from './payload-io.js';
import { ChunkCipher, CHUNK_BYTES, PAYLOAD_NONCE_BYTES, SEALED_CHUNK_BYTES, derivePayloadKey, toChunkCount } from './stream.js';
import { unwrapFileKey, wrapFileKey } from './x25519-stanza.js';

/** A fresh file key and the header that wraps it to every recipient. Wipe `fileKey` when done. */
export interface NewHeader {
  readonly fileKey: Buffer;
  readonly header: Buffer;
}

/**
 * @throws VaultError VAULT_USAGE when there is no recipient.
 * @returns a new 16-byte file key (age spec, "File key") and its header for `recipients`.
 */
export function createHeader(recipients: readonly Uint8Array[]): NewHeader {
  if (recipients.length === 0) throw new VaultError('VAULT_USAGE', 'expected at least one recipient, got none');
  const fileKey = randomBytes(16);
  return { fileKey, header: toHeaderBytes(recipients.map((r) => wrapFileKey(fileKey, r)), fileKey) };
}

/**
 * Unwraps the file key with `identity` and checks the header MAC with it.
 * @throws VaultError VAULT_NO_IDENTITY, VAULT_HEADER_INVALID.
 * @returns the file key.
 */
export function openHeader(header: Header, identity: AgeIdentity): Buffer {
  const fileKey = unwrapFileKey(header.stanzas, identity);
  verifyHeaderMac(header, fileKey);
  return fileKey;
}

/** @returns the header at the start of an open file, read within `limits`. */
export async function readHeader(handle: FileHandle, limits: HeaderLimits = DEFAULT_HEADER_LIMITS): Promise<Header> {
  const { size } = await handle.stat();
  const buffer = Buffer.alloc(Math.min(size, limits.maxHeaderBytes));
  const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
  return parseHeader(buffer.subarray(0, bytesRead), limits);
}

async function openInput(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new VaultError(code === 'ENOENT' ? 'VAULT_NOT_FOUND' : 'VAULT_IO', `expected to read ${basename(path)}, got ${code ?? 'an error'}`, { cause: error });
  }
}

/**
 * Encrypts the file at `inputPath` to a standard age file at `outputPath` (which must not exist),
 * streaming in 64 KiB chunks; the output appears only once complete and durable.
 * @throws VaultError VAULT_NOT_FOUND, VAULT_OUTPUT_EXISTS, VAULT_IO.
 * @returns the plaintext and age file sizes.
 */
export async function encryptAgeFile(inputPath: string, outputPath: string, recipients: readonly Uint8Array[]): Promise<{ plainBytes: number; sealedBytes: number }> {
  const input = await openInput(inputPath);
  const { fileKey, header } = createHeader(recipients);
  try {
    const plainBytes = (await input.stat()).size;
    const output = await createAtomicFile(outputPath);
    try {
      await output.handle.write(header, 0, header.length, 0);
      const payload = await encryptPayload(input, output.handle, { fileKey, plainBytes, outputOffset: header.length });
      await output.commit();
      return { plainBytes, sealedBytes: header.length + payload };
    } finally {
      await output.abort();
    }
  } finally {
    fileKey.fill(0);
    await input.close();
  }
}

/**
 * Decrypts the age file at `inputPath` into a new file at `outputPath`. Nothing appears at
 * `outputPath` unless every chunk, the final one included, authenticates.
 * @throws VaultError VAULT_HEADER_INVALID, VAULT_NO_IDENTITY, VAULT_PAYLOAD_INVALID, VAULT_PAYLOAD_TRUNCATED.
 * @returns the plaintext size.
 */
export async function decryptAgeFile(inputPath: string, outputPath: string, identity: AgeIdentity): Promise<number> {
  const input = await openInput(inputPath);
  try {
    const header = await readHeader(input);
    const fileKey = openHeader(header, identity);
    const output = await createAtomicFile(outputPath);
    try {
      const payloadBytes = (await input.stat()).size - header.length;
      const plain = await decryptPayload(input, { fileKey, inputOffset: header.length, payloadBytes, output: output.handle });
      await output.commit();
      return plain;
    } finally {
      fileKey.fill(0);
      await output.abort();
    }
  } finally {
    await input.close();
  }
}

/** @returns `plain` encrypted in memory as a complete age file: for keys and shares, not weights. */
export function encryptAgeBytes(plain: Uint8Array, recipients: readonly Uint8Array[]): Buffer {
  const { fileKey, header } = createHeader(recipients);
  const nonce = randomBytes(PAYLOAD_NONCE_BYTES);
  const cipher = new ChunkCipher(derivePayloadKey(fileKey, nonce));
  fileKey.fill(0);
  const chunks = toChunkCount(plain.length);
  const parts: Buffer[] = [header, nonce];
  for (let c = 0; c < chunks; c++) parts.push(...cipher.seal(c, c === chunks - 1, plain.subarray(c * CHUNK_BYTES, (c + 1) * CHUNK_BYTES)));
  return Buffer.concat(parts);
}

/**
 * Decrypts an in-memory age file.
 * @throws VaultError VAULT_LIMIT past `maxBytes`, and the errors of decryptAgeFile.
 * @returns the plaintext.
 */
export function decryptAgeBytes(bytes: Buffer, identity: AgeIdentity, maxBytes = 1024 * 1024): Buffer {
  if (bytes.length > maxBytes) throw new VaultError('VAULT_LIMIT', `expected an age file under ${maxBytes} bytes, got ${bytes.length}`);
  const header = parseHeader(bytes);
  const fileKey = openHeader(header, identity);
  const payload = bytes.subarray(header.length);
  const chunks = toSealedChunkCount(payload.length);
  const cipher = new ChunkCipher(derivePayloadKey(fileKey, payload.subarray(0, PAYLOAD_NONCE_BYTES)));
  fileKey.fill(0);
  const parts: Buffer[] = [];
  for (let c = 0; c < chunks; c++) {
    const start = PAYLOAD_NONCE_BYTES + c * SEALED_CHUNK_BYTES;
    parts.push(cipher.open(c, c === chunks - 1, payload.subarray(start, start + SEALED_CHUNK_BYTES)));
  }
  return Buffer.concat(parts);
}

/**
 * Rewraps a header's file key from `identity` to `recipients`: the payload, its nonce and its
 * chunks stay byte for byte the same (the file key does not change), only the header is new.
 * @throws VaultError VAULT_NO_IDENTITY, VAULT_HEADER_INVALID.
 * @returns the new header bytes.
 */
export function rewrapHeader(headerBytes: Buffer, identity: AgeIdentity, recipients: readonly Uint8Array[]): Buffer {
  const header = parseHeader(headerBytes);
  if (header.length !== headerBytes.length) throw new VaultError('VAULT_HEADER_INVALID', 'expected a header alone, got trailing bytes');
  const fileKey = openHeader(header, identity);
  try {
    return toHeaderBytes(recipients.map((r) => wrapFileKey(fileKey, r)), fileKey);
  } finally {
    fileKey.fill(0);
  }
}
