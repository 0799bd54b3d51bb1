// SPDX-License-Identifier: Apache-2.0
// The reference signed-note vector of golang.org/x/mod/sumdb/note (note_test.go): its verifier key,
// its Ed25519 seed, its text and its published signature. Ed25519 is deterministic (RFC 8032), so
// signing the same text with the same seed must give the published bytes.
import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSigner, verifyCheckpoint } from '../../src/ledger/index.js';
import { signCheckpoint } from '../../src/ledger/checkpoint.js';
import { parseVerifierKey, verifyNote } from '../../src/ledger/signed-note.js';

const VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
/** The signer key's payload: 0x01 then the 32-byte Ed25519 seed. */
const SEED = Buffer.from('AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz', 'base64').subarray(1);
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const SIGNATURE = 'x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=';
const NOTE = `${TEXT}\n\u2014 PeterNeumann ${SIGNATURE}\n`;

/** Writes the reference seed as the PKCS#8 key file openSigner expects. */
function writeReferenceKey(): string {
  const dir = mkdtempSync(join(tmpdir(), 'citadel-note-'));
  const publicKey = parseVerifierKey(VKEY).publicKey.export({ format: 'jwk' });
  const key = createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d: SEED.toString('base64url'), x: publicKey.x ?? '' }, format: 'jwk' });
  writeFileSync(join(dir, 'ledger-ed25519.pem'), key.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  return dir;
}

describe('signed notes (c2sp.org/signed-note)', () => {
  it('verifies the reference note with the reference key', () => {
    expect(verifyNote(NOTE, parseVerifierKey(VKEY))).toBe(TEXT);
  });

  it('derives the reference verifier key and signature byte for byte', async () => {
    const signer = await openSigner({ dir: writeReferenceKey(), name: 'PeterNeumann' });
    expect(signer.verifierKey).toBe(VKEY);
    const keyId = Buffer.from('c74f20a3', 'hex');
    expect(Buffer.concat([keyId, signer.sign(Buffer.from(TEXT))]).toString('base64')).toBe(SIGNATURE);
  });

  it('rejects the reference note once its text changes', () => {
    expect(() => verifyNote(NOTE.replace('cryptography', 'cryptographY'), parseVerifierKey(VKEY))).toThrow(expect.objectContaining({ code: 'LEDGER_CHECKPOINT_INVALID' }) as Error);
  });

  it('rejects every truncation and every single-character change of the verifier key', () => {
    for (let i = 1; i < VKEY.length; i += 1) expect(() => parseVerifierKey(VKEY.slice(0, i))).toThrow(expect.objectContaining({ code: 'LEDGER_CHECKPOINT_INVALID' }) as Error);
    for (let i = 0; i < VKEY.length; i += 1) {
      const changed = VKEY.slice(0, i) + String.fromCharCode(VKEY.charCodeAt(i) + 1) + VKEY.slice(i + 1);
      let accepted = false;
      try {
        // A changed key byte that still parses must at least fail to verify the reference note.
        verifyNote(NOTE, parseVerifierKey(changed));
        accepted = true;
      } catch (error) {
        expect(error).toMatchObject({ code: 'LEDGER_CHECKPOINT_INVALID' });
      }
      expect(accepted).toBe(false);
    }
  });

  it('signs checkpoints any tlog-checkpoint verifier can read', async () => {
    const signer = await openSigner({ dir: writeReferenceKey(), name: 'PeterNeumann' });
    const checkpoint = signCheckpoint('example.com/log', { size: 8, rootHash: Buffer.alloc(32, 7) }, signer);
    expect(checkpoint.text.startsWith(`example.com/log\n8\n${Buffer.alloc(32, 7).toString('base64')}\n\n\u2014 PeterNeumann x08g`)).toBe(true);
    expect(verifyCheckpoint(checkpoint.text, VKEY)).toMatchObject({ origin: 'example.com/log', size: 8 });
    expect(() => verifyCheckpoint(checkpoint.text, VKEY, 'other.example/log')).toThrow(expect.objectContaining({ code: 'LEDGER_CHECKPOINT_INVALID' }) as Error);
  });
});
