// SPDX-License-Identifier: Apache-2.0
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decryptAgeBytes, decryptAgeFile, encryptAgeBytes } from '../../../src/vault/age/age-file.js';
import { fromBase64Raw } from '../../../src/vault/age/base64.js';
import { fromBech32 } from '../../../src/vault/age/bech32.js';
import { parseHeader } from '../../../src/vault/age/header.js';
import { generateIdentity, parseIdentity, parseRecipient } from '../../../src/vault/age/keys.js';
import { PAYLOAD_NONCE_BYTES, SEALED_CHUNK_BYTES } from '../../../src/vault/age/stream.js';

const me = generateIdentity();
const sealed = encryptAgeBytes(randomBytes(3 * 65536 + 5), [me.recipient]);
const headerLength = parseHeader(sealed).length;

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

function withHeader(text: string): Buffer {
  return Buffer.concat([Buffer.from(text, 'latin1'), sealed.subarray(headerLength)]);
}

const stanzaText = sealed.toString('latin1', 0, headerLength);

describe('age header grammar (age-encryption.org/v1 ABNF)', () => {
  it.each([
    ['another version', stanzaText.replace('age-encryption.org/v1', 'age-encryption.org/v2')],
    ['no stanza', 'age-encryption.org/v1\n--- ' + 'A'.repeat(43) + '\n'],
    ['a CRLF line end', stanzaText.replace('\n', '\r\n')],
    ['a body line over 64 columns', stanzaText.replace(/\n([A-Za-z0-9+/]{43})\n---/, '\n$1$1$1\n---')],
    ['two spaces between arguments', stanzaText.replace('-> X25519 ', '-> X25519  ')],
    ['a short mac', stanzaText.replace(/--- (\S+)\n$/, '--- AAAA\n')],
    ['a line that is neither stanza nor mac', stanzaText.replace('-> X25519', '+> X25519')],
    ['no end', stanzaText.slice(0, 40)],
  ])('refuses %s', (_name, text) => {
    expect(codeOf(() => decryptAgeBytes(withHeader(text), me))).toBe('VAULT_HEADER_INVALID');
  });

  it('refuses a header whose mac does not match (a changed argument)', () => {
    const other = generateIdentity();
    const mixed = encryptAgeBytes(Buffer.from('x'), [other.recipient, me.recipient]);
    const text = mixed.toString('latin1', 0, parseHeader(mixed).length).replace('-> X25519', '-> X25519 extra');
    expect(codeOf(() => decryptAgeBytes(Buffer.concat([Buffer.from(text, 'latin1'), mixed.subarray(parseHeader(mixed).length)]), me))).toBe('VAULT_HEADER_INVALID');
  });

  it('refuses padded or non-canonical base64', () => {
    expect(codeOf(() => fromBase64Raw('AA=='))).toBe('VAULT_HEADER_INVALID');
    expect(codeOf(() => fromBase64Raw('AB'))).toBe('VAULT_HEADER_INVALID');
    expect(fromBase64Raw('AA').equals(Buffer.from([0]))).toBe(true);
  });

  it('bounds the header size and the stanza count', () => {
    const many = `age-encryption.org/v1\n${'-> x\n\n'.repeat(70)}--- ${'A'.repeat(43)}\n`;
    expect(codeOf(() => parseHeader(Buffer.from(many)))).toBe('VAULT_LIMIT');
    expect(codeOf(() => parseHeader(Buffer.alloc(70 * 1024, 0x41)))).toBe('VAULT_LIMIT');
  });

  it('refuses an X25519 stanza with a wrong body length before trying it', () => {
    const text = stanzaText.replace(/\n([A-Za-z0-9+/]{43})\n---/, '\nAAAA\n---');
    expect(codeOf(() => decryptAgeBytes(withHeader(text), me))).toBe('VAULT_HEADER_INVALID');
  });

  it('says when no stanza is addressed to the identity', () => {
    expect(codeOf(() => decryptAgeBytes(sealed, generateIdentity()))).toBe('VAULT_NO_IDENTITY');
  });
});

describe('age payload (STREAM)', () => {
  const payloadStart = headerLength + PAYLOAD_NONCE_BYTES;
  it('refuses a file cut at a chunk boundary as truncated', () => {
    expect(codeOf(() => decryptAgeBytes(sealed.subarray(0, payloadStart + 2 * SEALED_CHUNK_BYTES), me))).toBe('VAULT_PAYLOAD_TRUNCATED');
  });
  it('refuses a file cut inside the final chunk', () => {
    expect(codeOf(() => decryptAgeBytes(sealed.subarray(0, sealed.length - 3), me))).toBe('VAULT_PAYLOAD_INVALID');
    expect(codeOf(() => decryptAgeBytes(sealed.subarray(0, payloadStart + 3 * SEALED_CHUNK_BYTES + 5), me))).toBe('VAULT_PAYLOAD_TRUNCATED');
  });
  it('refuses appended data after the final chunk', () => {
    expect(codeOf(() => decryptAgeBytes(Buffer.concat([sealed, Buffer.alloc(40)]), me))).toBe('VAULT_PAYLOAD_INVALID');
  });
  it('refuses a flipped bit in any chunk and reordered chunks', () => {
    const flipped = Buffer.from(sealed);
    flipped.writeUInt8((flipped[payloadStart + SEALED_CHUNK_BYTES + 9] ?? 0) ^ 0x80, payloadStart + SEALED_CHUNK_BYTES + 9);
    expect(codeOf(() => decryptAgeBytes(flipped, me))).toBe('VAULT_PAYLOAD_INVALID');
    const a = sealed.subarray(payloadStart, payloadStart + SEALED_CHUNK_BYTES);
    const b = sealed.subarray(payloadStart + SEALED_CHUNK_BYTES, payloadStart + 2 * SEALED_CHUNK_BYTES);
    const swapped = Buffer.concat([sealed.subarray(0, payloadStart), b, a, sealed.subarray(payloadStart + 2 * SEALED_CHUNK_BYTES)]);
    expect(codeOf(() => decryptAgeBytes(swapped, me))).toBe('VAULT_PAYLOAD_INVALID');
  });
  it('refuses an empty final chunk after a full one', async () => {
    const full = encryptAgeBytes(randomBytes(65536), [me.recipient]);
    const dir = mkdtempSync(join(tmpdir(), 'citadel-age-bad-'));
    writeFileSync(join(dir, 'x.age'), Buffer.concat([full, Buffer.alloc(16)]));
    await expect(decryptAgeFile(join(dir, 'x.age'), join(dir, 'x.out'), me)).rejects.toMatchObject({ code: 'VAULT_PAYLOAD_INVALID' });
  });
  it('leaves no output file when the payload fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'citadel-age-bad-'));
    const flipped = Buffer.from(sealed);
    flipped.writeUInt8((flipped[flipped.length - 1] ?? 0) ^ 1, flipped.length - 1);
    writeFileSync(join(dir, 'x.age'), flipped);
    await expect(decryptAgeFile(join(dir, 'x.age'), join(dir, 'x.out'), me)).rejects.toMatchObject({ code: 'VAULT_PAYLOAD_INVALID' });
    const { existsSync } = await import('node:fs');
    expect(existsSync(join(dir, 'x.out'))).toBe(false);
  });
});

describe('age keys (Bech32, BIP173)', () => {
  it.each([
    ['mixed case', 'Age1qqqq'],
    ['a bad checksum', 'age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwk'],
    ['a bad character', 'age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwb'],
  ])('refuses %s', (_name, text) => {
    expect(codeOf(() => fromBech32(text))).toBe('VAULT_KEY_INVALID');
  });
  it('refuses a recipient where an identity is expected and the reverse', () => {
    expect(codeOf(() => parseIdentity('age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj'))).toBe('VAULT_KEY_INVALID');
    expect(codeOf(() => parseRecipient('AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX'))).toBe('VAULT_KEY_INVALID');
  });
  it('decodes the age spec test keys', () => {
    expect(parseRecipient('age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj')).toHaveLength(32);
    expect(parseIdentity('AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX').secret.equals(Buffer.alloc(32, 0x42))).toBe(true);
  });
});
