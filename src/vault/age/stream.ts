// SPDX-License-Identifier: Apache-2.0
import { createCipheriv, createDecipheriv, createSecretKey, hkdfSync, type KeyObject } from 'node:crypto';
import { VaultError } from '../errors.js';

/** age spec, "Payload": 64 KiB chunks, ChaCha20-Poly1305, a 16-byte nonce before the first chunk. */
export const CHUNK_BYTES = 64 * 1024;
export const TAG_BYTES = 16;
export const SEALED_CHUNK_BYTES = CHUNK_BYTES + TAG_BYTES;
export const PAYLOAD_NONCE_BYTES = 16;
/** The 11-byte counter could go further; 2^48 chunks (16 EiB) keeps it exact in a JS number. */
const MAX_CHUNKS = 2 ** 48;

/** @returns the payload key: HKDF-SHA-256(ikm = file key, salt = nonce, info = "payload"). */
export function derivePayloadKey(fileKey: Uint8Array, nonce: Uint8Array): KeyObject {
  const raw = Buffer.from(hkdfSync('sha256', fileKey, nonce, 'payload', 32));
  const key = createSecretKey(raw);
  raw.fill(0);
  return key;
}

/** @returns how many chunks a plaintext of `plainBytes` takes: at least one, even when empty. */
export function toChunkCount(plainBytes: number): number {
  return Math.max(1, Math.ceil(plainBytes / CHUNK_BYTES));
}

/** @returns the payload size (nonce included) for a plaintext of `plainBytes`. */
export function toSealedPayloadBytes(plainBytes: number): number {
  return PAYLOAD_NONCE_BYTES + plainBytes + toChunkCount(plainBytes) * TAG_BYTES;
}

/**
 * The STREAM construction of the age payload: chunk i is sealed under the nonce
 * counter(11 bytes, big-endian) || last-flag, so chunks cannot be reordered, dropped or cut short.
 */
export class ChunkCipher {
  private readonly nonce = Buffer.alloc(12);

  constructor(private readonly key: KeyObject) {}

  private toNonce(counter: number, last: boolean): Buffer {
    if (counter >= MAX_CHUNKS) throw new VaultError('VAULT_LIMIT', `expected fewer than 2^48 chunks, got ${counter}`);
    this.nonce.writeUIntBE(counter, 5, 6);
    this.nonce[11] = last ? 1 : 0;
    return this.nonce;
  }

  /** @returns the ciphertext then the tag of one chunk, as two buffers for a vectored write. */
  seal(counter: number, last: boolean, plain: Uint8Array): [Buffer, Buffer] {
    const cipher = createCipheriv('chacha20-poly1305', this.key, this.toNonce(counter, last), { authTagLength: TAG_BYTES });
    const body = cipher.update(plain);
    cipher.final();
    return [body, cipher.getAuthTag()];
  }

  /** @returns the plaintext of one sealed chunk, or undefined when it does not authenticate. */
  tryOpen(counter: number, last: boolean, sealed: Uint8Array): Buffer | undefined {
    const decipher = createDecipheriv('chacha20-poly1305', this.key, this.toNonce(counter, last), { authTagLength: TAG_BYTES });
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    const plain = decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES));
    try {
      decipher.final();
      return plain;
    } catch {
      return undefined;
    }
  }

  /**
   * Opens chunk `counter`. A final chunk that only opens as a non-final one means the payload was
   * cut at a chunk boundary; anything else that fails is tampering or reordering.
   * @throws VaultError VAULT_PAYLOAD_TRUNCATED or VAULT_PAYLOAD_INVALID.
   * @returns the plaintext.
   */
  open(counter: number, last: boolean, sealed: Uint8Array): Buffer {
    const plain = this.tryOpen(counter, last, sealed);
    if (plain) return plain;
    if (last && this.tryOpen(counter, false, sealed)) {
      throw new VaultError('VAULT_PAYLOAD_TRUNCATED', `expected a final chunk, got a non-final chunk ${counter} at end of data`);
    }
    throw new VaultError('VAULT_PAYLOAD_INVALID', `expected chunk ${counter} to authenticate, got a mismatch (tampered or reordered)`);
  }
}
