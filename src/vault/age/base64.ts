// SPDX-License-Identifier: Apache-2.0
import { VaultError } from '../errors.js';

const ALPHABET = /^[A-Za-z0-9+/]*$/;

/** @returns `bytes` as unpadded standard base64 (RFC 4648 §4, as age uses it). */
export function toBase64Raw(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64').replace(/=+$/, '');
}

/**
 * Decodes unpadded base64, rejecting padding and non-canonical encodings (age spec, "Conventions":
 * decoders MUST reject them, so one ciphertext has one encoding and headers are not malleable).
 * @throws VaultError VAULT_HEADER_INVALID on any other encoding.
 * @returns the decoded bytes.
 */
export function fromBase64Raw(text: string): Buffer {
  if (!ALPHABET.test(text) || text.length % 4 === 1) {
    throw new VaultError('VAULT_HEADER_INVALID', `expected unpadded base64, got ${text.length} characters with other symbols or length`);
  }
  const bytes = Buffer.from(text, 'base64');
  if (toBase64Raw(bytes) !== text) throw new VaultError('VAULT_HEADER_INVALID', 'expected canonical base64, got non-zero trailing bits');
  return bytes;
}
