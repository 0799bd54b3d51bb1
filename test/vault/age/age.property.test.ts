// SPDX-License-Identifier: Apache-2.0
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decryptAgeBytes, encryptAgeBytes } from '../../../src/vault/age/age-file.js';
import { fromBech32, toBech32 } from '../../../src/vault/age/bech32.js';
import { generateIdentity } from '../../../src/vault/age/keys.js';
import { FUZZ_RUNS, FUZZ_TIME_MS } from '../../support/fuzz.js';

const me = generateIdentity();
const settings = { numRuns: FUZZ_RUNS, interruptAfterTimeLimit: FUZZ_TIME_MS };

describe('age properties', () => {
  it('decrypts what it encrypts, for any size around chunk boundaries', () => {
    const sizes = fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 65_400, max: 65_700 }), fc.integer({ min: 131_000, max: 131_200 }));
    fc.assert(fc.property(sizes, fc.integer({ min: 0, max: 255 }), (size, fill) => {
      const plain = Buffer.alloc(size, fill);
      expect(decryptAgeBytes(encryptAgeBytes(plain, [me.recipient]), me).equals(plain)).toBe(true);
    }), { ...settings, numRuns: Math.min(FUZZ_RUNS, 200) });
  });

  it('turns any single-byte change into a typed refusal, never wrong plaintext', () => {
    const plain = Buffer.alloc(70_000, 7);
    const sealed = encryptAgeBytes(plain, [me.recipient]);
    fc.assert(fc.property(fc.integer({ min: 0, max: sealed.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, xor) => {
      const bad = Buffer.from(sealed);
      bad[at] = (bad[at] ?? 0) ^ xor;
      let code: string | undefined;
      try {
        decryptAgeBytes(bad, me);
      } catch (error) {
        code = (error as { code?: string }).code;
      }
      expect(['VAULT_HEADER_INVALID', 'VAULT_NO_IDENTITY', 'VAULT_PAYLOAD_INVALID', 'VAULT_PAYLOAD_TRUNCATED', 'VAULT_KEY_INVALID', 'VAULT_LIMIT']).toContain(code);
    }), settings);
  });

  it('never throws anything but a typed error on arbitrary input', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2048 }), fc.boolean(), (bytes, prefixed) => {
      const input = prefixed ? Buffer.concat([Buffer.from('age-encryption.org/v1\n-> X25519 '), bytes]) : Buffer.from(bytes);
      try {
        decryptAgeBytes(input, me);
      } catch (error) {
        expect((error as { code?: string }).code).toMatch(/^VAULT_/);
      }
    }), settings);
  });

  it('round-trips bech32 for any data', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (data) => {
      expect(fromBech32(toBech32('age', data)).data.equals(Buffer.from(data))).toBe(true);
    }), settings);
  });
});
