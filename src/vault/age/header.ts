// SPDX-License-Identifier: Apache-2.0
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { VaultError } from '../errors.js';
import { fromBase64Raw, toBase64Raw } from './base64.js';

/** One recipient stanza (age spec, "Recipient stanza"). */
export interface Stanza {
  readonly type: string;
  readonly args: readonly string[];
  readonly body: Buffer;
}

/** A parsed header: its stanzas, the MAC, the bytes the MAC covers and the header's length. */
export interface Header {
  readonly stanzas: readonly Stanza[];
  readonly mac: Buffer;
  readonly macInput: Buffer;
  readonly length: number;
}

/** Bounds on a header read from untrusted bytes. */
export interface HeaderLimits {
  readonly maxHeaderBytes: number;
  readonly maxStanzas: number;
  readonly maxArgs: number;
}

export const DEFAULT_HEADER_LIMITS: HeaderLimits = Object.freeze({ maxHeaderBytes: 64 * 1024, maxStanzas: 64, maxArgs: 16 });

const VERSION_LINE = 'age-encryption.org/v1';
const COLUMNS = 64;
const LF = 0x0a;

/** @returns HMAC-SHA-256 of the header under HKDF(file key, "", "header") (age spec, "Header MAC"). */
export function toHeaderMac(fileKey: Uint8Array, macInput: Uint8Array): Buffer {
  const key = Buffer.from(hkdfSync('sha256', fileKey, Buffer.alloc(0), 'header', 32));
  return createHmac('sha256', key).update(macInput).digest();
}

function toStanzaText(stanza: Stanza): string {
  const body = toBase64Raw(stanza.body);
  const lines: string[] = [];
  // The body always ends with a line shorter than 64 columns, empty if need be.
  for (let i = 0; i <= body.length; i += COLUMNS) lines.push(body.slice(i, i + COLUMNS));
  return `-> ${[stanza.type, ...stanza.args].join(' ')}\n${lines.join('\n')}\n`;
}

/** @returns the complete header bytes for `stanzas`, MAC included, ready to precede a payload. */
export function toHeaderBytes(stanzas: readonly Stanza[], fileKey: Uint8Array): Buffer {
  const macInput = Buffer.from(`${VERSION_LINE}\n${stanzas.map(toStanzaText).join('')}---`, 'latin1');
  return Buffer.concat([macInput, Buffer.from(` ${toBase64Raw(toHeaderMac(fileKey, macInput))}\n`, 'latin1')]);
}

function fail(message: string): never {
  throw new VaultError('VAULT_HEADER_INVALID', message);
}

/** Splits header bytes into lines, never scanning past the header limit. */
class LineReader {
  offset = 0;
  constructor(private readonly bytes: Buffer, private readonly limits: HeaderLimits) {}

  next(): string {
    const end = this.bytes.indexOf(LF, this.offset);
    if (end < 0 || end >= this.limits.maxHeaderBytes) {
      if (this.bytes.length >= this.limits.maxHeaderBytes) throw new VaultError('VAULT_LIMIT', `expected a header under ${this.limits.maxHeaderBytes} bytes, got more`);
      fail('expected a complete age header, got end of data');
    }
    const line = this.bytes.toString('latin1', this.offset, end);
    this.offset = end + 1;
    return line;
  }
}

const ARG = /^[\x21-\x7e]+$/;
const BASE64_LINE = /^[A-Za-z0-9+/]*$/;

function parseStanza(argLine: string, lines: LineReader, limits: HeaderLimits): Stanza {
  const parts = argLine.slice(3).split(' ');
  if (parts.length > limits.maxArgs + 1) throw new VaultError('VAULT_LIMIT', `expected at most ${limits.maxArgs} stanza arguments, got ${parts.length - 1}`);
  if (!parts.every((p) => ARG.test(p))) fail('expected stanza arguments of visible characters separated by single spaces');
  let body = '';
  for (;;) {
    const line = lines.next();
    if (!BASE64_LINE.test(line) || line.length > COLUMNS) fail(`expected a base64 stanza body line of at most ${COLUMNS} columns`);
    body += line;
    if (line.length < COLUMNS) break;
  }
  const [type = '', ...args] = parts;
  return { type, args, body: fromBase64Raw(body) };
}

/**
 * Parses an age v1 header from the start of `bytes` (age spec, "ABNF definition of file header").
 * The MAC is parsed, not verified: only the file key can verify it (see verifyHeaderMac).
 * @throws VaultError VAULT_HEADER_INVALID on any deviation from the grammar, VAULT_LIMIT past `limits`.
 * @returns the header; `length` is where the payload starts.
 */
export function parseHeader(bytes: Buffer, limits: HeaderLimits = DEFAULT_HEADER_LIMITS): Header {
  const lines = new LineReader(bytes, limits);
  const version = lines.next();
  if (version !== VERSION_LINE) fail(`expected ${VERSION_LINE}, got ${JSON.stringify(version.slice(0, 40))}`);
  const stanzas: Stanza[] = [];
  for (;;) {
    const start = lines.offset;
    const line = lines.next();
    if (line.startsWith('---')) {
      if (!/^--- [A-Za-z0-9+/]{43}$/.test(line)) fail('expected "--- " and a 43-character base64 mac');
      if (stanzas.length === 0) fail('expected at least one recipient stanza, got none');
      return { stanzas, mac: fromBase64Raw(line.slice(4)), macInput: bytes.subarray(0, start + 3), length: lines.offset };
    }
    if (!line.startsWith('-> ')) fail(`expected a stanza or the mac line, got ${JSON.stringify(line.slice(0, 20))}`);
    if (stanzas.length >= limits.maxStanzas) throw new VaultError('VAULT_LIMIT', `expected at most ${limits.maxStanzas} stanzas, got more`);
    stanzas.push(parseStanza(line, lines, limits));
  }
}

/**
 * @throws VaultError VAULT_HEADER_INVALID when the MAC does not match under `fileKey`: the header
 *   was changed after it was written (a swapped stanza, an added recipient).
 */
export function verifyHeaderMac(header: Header, fileKey: Uint8Array): void {
  const expected = toHeaderMac(fileKey, header.macInput);
  if (header.mac.length !== expected.length || !timingSafeEqual(header.mac, expected)) fail('expected the header mac to match the file key, got a mismatch');
}
