// SPDX-License-Identifier: Apache-2.0
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatePrincipal } from '../../../src/vault/index.js';
import { StreamingShardHasher, hashModelFiles, listModelFiles, toShardRanges } from '../../../src/vault/manifest/model-files.js';
import { OMS_PREDICATE_TYPE, signStatement, toStatement, verifyBundle } from '../../../src/vault/manifest/oms.js';

const dir = mkdtempSync(join(tmpdir(), 'citadel-oms-'));
mkdirSync(join(dir, 'a'));
const big = randomBytes(10_000);
writeFileSync(join(dir, 'a', 'b.bin'), big);
writeFileSync(join(dir, 'a.txt'), 'x');
writeFileSync(join(dir, 'empty'), '');

describe('OMS v1.0 manifests', () => {
  it('shards files, hashes them on workers exactly as a stream would, and orders them like OMS', async () => {
    const files = await listModelFiles(dir);
    const shards = await hashModelFiles(files, 4096);
    const streamed = new StreamingShardHasher('a/b.bin', 4096);
    for (let i = 0; i < big.length; i += 1000) streamed.update(big.subarray(i, i + 1000));
    expect(shards.filter((s) => s.path === 'a/b.bin')).toEqual(streamed.finish());
    expect(toShardRanges(10_000, 4096)).toEqual([{ start: 0, end: 4096 }, { start: 4096, end: 8192 }, { start: 8192, end: 10_000 }]);
    const statement = toStatement('model', shards, 4096);
    expect(statement.predicateType).toBe(OMS_PREDICATE_TYPE);
    // PurePosixPath order: a/b.bin (parts a, b.bin) sorts before a.txt.
    expect(statement.predicate.resources.map((r) => r.name)).toEqual(['a/b.bin:0:4096', 'a/b.bin:4096:8192', 'a/b.bin:8192:10000', 'a.txt:0:1', 'empty:0:0']);
    const root = createHash('sha256');
    for (const r of statement.predicate.resources) root.update(Buffer.from(r.digest, 'hex'));
    expect(statement.subject[0]?.digest.sha256).toBe(root.digest('hex'));
  });

  it('signs as a DSSE envelope in a sigstore bundle and refuses any change', async () => {
    const signer = generatePrincipal('operator');
    const statement = toStatement('model', await hashModelFiles(await listModelFiles(dir), 4096), 4096);
    const bundle = signStatement(statement, signer);
    expect(verifyBundle(bundle, signer.principal).statement).toEqual(statement);
    const parsed = JSON.parse(bundle) as { dsseEnvelope: { payload: string } };
    parsed.dsseEnvelope.payload = Buffer.from(JSON.stringify({ ...statement, subject: [{ name: 'other', digest: statement.subject[0]?.digest }] })).toString('base64');
    expect(() => verifyBundle(JSON.stringify(parsed), signer.principal)).toThrow(expect.objectContaining({ code: 'VAULT_MANIFEST_INVALID' }));
    expect(() => verifyBundle(bundle, generatePrincipal('mallory').principal)).toThrow(expect.objectContaining({ code: 'VAULT_MANIFEST_INVALID' }));
    expect(() => verifyBundle('{', signer.principal)).toThrow(expect.objectContaining({ code: 'VAULT_MANIFEST_INVALID' }));
  });

  it('refuses symbolic links in a model', async () => {
    const linked = mkdtempSync(join(tmpdir(), 'citadel-oms-link-'));
    symlinkSync('/etc/passwd', join(linked, 'passwd'));
    await expect(listModelFiles(linked)).rejects.toMatchObject({ code: 'VAULT_USAGE' });
  });
});
