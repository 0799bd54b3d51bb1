// SPDX-License-Identifier: Apache-2.0
// C2SP signed notes (c2sp.org/signed-note) with Ed25519 signatures (type 0x01).
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { LedgerError } from './errors.js';
import { hasControlCharacter, hasLoneSurrogate } from './text-checks.js';

/** Signed-note signature type for Ed25519 (c2sp.org/signed-note, "Signature types"). */
const ED25519_TYPE = 0x01;
/** A note larger than this is refused before parsing; it must still fit 16 signatures. */
export const MAX_NOTE_BYTES = 64 * 1024;
const MAX_SIGNATURES = 64;
const KEY_NAME = /^[^\s+]+$/u;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A parsed Ed25519 verifier key `<name>+<key id hex>+<base64(0x01 || public key)>`. */
export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  readonly publicKey: KeyObject;
}

function fail(message: string): never {
  throw new LedgerError('LEDGER_CHECKPOINT_INVALID', message);
}

/** @returns bytes of canonical standard base64 (RFC 4648 §4), or undefined when it is not. */
export function toBase64Bytes(text: string): Buffer | undefined {
  if (!BASE64.test(text) || text.length % 4 !== 0) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}

/** @returns SHA-256(name || 0x0A || 0x01 || public key)[:4] as a big-endian uint32. */
export function toKeyId(name: string, rawPublicKey: Uint8Array): number {
  const digest = createHash('sha256').update(name).update(Buffer.from([0x0a, ED25519_TYPE])).update(rawPublicKey).digest();
  return digest.readUInt32BE(0);
}

/** @returns true when `name` can be a signed-note key name (non-empty, no spaces, no '+'). */
export function isKeyName(name: string): boolean {
  return KEY_NAME.test(name);
}

/** @returns the verifier-key text for a name and raw 32-byte Ed25519 public key. */
export function toVerifierKeyText(name: string, rawPublicKey: Uint8Array): string {
  const id = toKeyId(name, rawPublicKey).toString(16).padStart(8, '0');
  return `${name}+${id}+${Buffer.concat([Buffer.from([ED25519_TYPE]), rawPublicKey]).toString('base64')}`;
}

/** @returns the parsed verifier key. @throws LedgerError LEDGER_CHECKPOINT_INVALID when malformed */
export function parseVerifierKey(text: string): NoteVerifier {
  // Names hold no '+', so the first two separate the fields; base64 key text may hold more.
  const match = /^([^+]+)\+([^+]+)\+(.+)$/s.exec(text.trim());
  const [, name, idHex, keyText] = match ?? [];
  if (name === undefined || idHex === undefined || keyText === undefined) fail('expected a verifier key <name>+<id>+<key>, got something else');
  const key = toBase64Bytes(keyText);
  if (!isKeyName(name) || !/^[0-9a-f]{8}$/.test(idHex)) fail('expected a verifier key name without spaces and an 8-digit hex key id');
  if (key?.length !== 33 || key[0] !== ED25519_TYPE) fail('expected an ed25519 verifier key (type 0x01, 32 bytes)');
  const raw = key.subarray(1);
  const keyId = Number.parseInt(idHex, 16);
  if (toKeyId(name, raw) !== keyId) fail(`expected key id ${toKeyId(name, raw).toString(16).padStart(8, '0')} for this key, got ${idHex}`);
  const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
  return { name, keyId, publicKey };
}

/** A note split into its signed text and its signature lines. */
export interface ParsedNote {
  readonly text: string;
  readonly signatures: readonly { readonly name: string; readonly keyId: number; readonly signature: Buffer }[];
}

function parseSignatureLine(line: string): ParsedNote['signatures'][number] {
  const match = /^\u2014 (\S+) (\S+)$/u.exec(line);
  const bytes = match?.[2] === undefined ? undefined : toBase64Bytes(match[2]);
  if (match?.[1] === undefined || bytes === undefined || bytes.length < 5) fail('expected a signature line "— <name> <base64>", got something else');
  return { name: match[1], keyId: bytes.readUInt32BE(0), signature: bytes.subarray(4) };
}

/** @returns the note text and its signatures. @throws LedgerError LEDGER_CHECKPOINT_INVALID, LEDGER_LIMIT */
export function parseNote(note: string): ParsedNote {
  if (Buffer.byteLength(note, 'utf8') > MAX_NOTE_BYTES) throw new LedgerError('LEDGER_LIMIT', `expected a note of at most ${MAX_NOTE_BYTES} bytes`);
  // c2sp.org/signed-note: valid UTF-8, no control characters but newline.
  if (hasControlCharacter(note, '\n') || hasLoneSurrogate(note)) fail('expected a note without control characters or invalid unicode');
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) fail('expected note text, a blank line and signature lines, each ending in a newline');
  const lines = note.slice(split + 2, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw new LedgerError('LEDGER_LIMIT', `expected at most ${MAX_SIGNATURES} signatures, got ${lines.length}`);
  return { text: note.slice(0, split + 1), signatures: lines.map(parseSignatureLine) };
}

/**
 * Verifies a note against one trusted key (c2sp.org/signed-note "Signatures"): signatures from
 * unknown keys are ignored, a failing signature from the known key rejects the note, and at
 * least one must verify.
 * @returns the verified note text. @throws LedgerError LEDGER_CHECKPOINT_INVALID
 */
export function verifyNote(note: string, verifier: NoteVerifier): string {
  const parsed = parseNote(note);
  const known = parsed.signatures.filter((s) => s.name === verifier.name && s.keyId === verifier.keyId);
  if (known.length === 0) fail(`expected a signature by ${verifier.name}, got none`);
  for (const s of known) {
    if (!verify(null, Buffer.from(parsed.text, 'utf8'), verifier.publicKey, s.signature)) fail(`expected a valid signature by ${verifier.name}, got one that fails`);
  }
  return parsed.text;
}
