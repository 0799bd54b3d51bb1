// SPDX-License-Identifier: Apache-2.0
import { VaultError } from '../errors.js';

/** Bech32 (BIP173) without its 90-character limit, as the age spec uses it for keys. */
const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GENERATORS = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
/** Longest key string accepted: the longest age key (a PQ recipient) is under 2,000 characters. */
const MAX_LENGTH = 4096;

function toPolymod(values: readonly number[]): number {
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = (((chk & 0x1ffffff) << 5) ^ v) >>> 0;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk = (chk ^ (GENERATORS[i] ?? 0)) >>> 0;
  }
  return chk;
}

function toExpandedHrp(hrp: string): number[] {
  const codes = Array.from({ length: hrp.length }, (_, i) => hrp.charCodeAt(i));
  return [...codes.map((c) => c >>> 5), 0, ...codes.map((c) => c & 31)];
}

function toWords(bytes: Uint8Array, fromBits: number, toBits: number): number[] {
  let acc = 0;
  let bits = 0;
  const out: number[] = [];
  const mask = (1 << toBits) - 1;
  const maxAcc = (1 << (fromBits + toBits - 1)) - 1;
  for (const b of bytes) {
    acc = ((acc << fromBits) | b) & maxAcc;
    bits += fromBits;
    while (bits >= toBits) {
      bits -= toBits;
      out.push((acc >>> bits) & mask);
    }
  }
  if (fromBits === 8 && bits > 0) out.push((acc << (toBits - bits)) & mask);
  if (fromBits === 5 && (bits >= 5 || ((acc << (toBits - bits)) & mask) !== 0)) {
    throw new VaultError('VAULT_KEY_INVALID', 'expected bech32 data with zero padding, got extra bits');
  }
  return out;
}

/** @returns the lowercase bech32 encoding of `data` under `hrp`. */
export function toBech32(hrp: string, data: Uint8Array): string {
  const words = toWords(data, 8, 5);
  const check = toPolymod([...toExpandedHrp(hrp), ...words, 0, 0, 0, 0, 0, 0]) ^ 1;
  const checksum = Array.from({ length: 6 }, (_, i) => (check >>> (5 * (5 - i))) & 31);
  return `${hrp}1${[...words, ...checksum].map((w) => CHARSET[w]).join('')}`;
}

/**
 * Decodes a bech32 string that is all lowercase or all uppercase (BIP173).
 * @throws VaultError VAULT_KEY_INVALID on mixed case, bad characters or a bad checksum.
 * @returns the lowercase human-readable part and the data bytes.
 */
export function fromBech32(text: string): { hrp: string; data: Buffer } {
  if (text.length > MAX_LENGTH) throw new VaultError('VAULT_KEY_INVALID', `expected a key under ${MAX_LENGTH} characters, got ${text.length}`);
  if (text !== text.toLowerCase() && text !== text.toUpperCase()) throw new VaultError('VAULT_KEY_INVALID', 'expected bech32 in one case, got mixed case');
  const lower = text.toLowerCase();
  const split = lower.lastIndexOf('1');
  if (split < 1 || lower.length - split - 1 < 6) throw new VaultError('VAULT_KEY_INVALID', 'expected bech32 with a prefix and checksum, got neither');
  const hrp = lower.slice(0, split);
  if (!/^[\x21-\x7e]+$/.test(hrp)) throw new VaultError('VAULT_KEY_INVALID', 'expected a printable bech32 prefix');
  const data = lower.slice(split + 1);
  const words = Array.from({ length: data.length }, (_, i) => CHARSET.indexOf(data.charAt(i)));
  if (words.includes(-1)) throw new VaultError('VAULT_KEY_INVALID', 'expected bech32 characters only');
  if (toPolymod([...toExpandedHrp(hrp), ...words]) !== 1) throw new VaultError('VAULT_KEY_INVALID', 'expected a valid bech32 checksum, got a mismatch');
  return { hrp, data: Buffer.from(toWords(Uint8Array.from(words.slice(0, -6)), 5, 8)) };
}
