// SPDX-License-Identifier: Apache-2.0
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHeader } from '../../src/vault/age/header.js';
import { toIdentityText } from '../../src/vault/age/keys.js';
import { combineShares, openShare } from '../../src/vault/custody/shares.js';
import { parseRecipient, releaseModel, verifyDirectory } from '../../src/vault/index.js';
import { readBlobs, readCustodians, readVault } from '../../src/vault/storage/vault-records.js';
import { createFixture, readEvents, requestApproved, type Fixture } from './vault-fixture.js';

let f: Fixture;
beforeAll(async () => { f = await createFixture(); }, 60_000);
afterAll(async () => { await f.close(); });

describe('vault seal, request, approve, release', () => {
  it('releases a model with 2 of 3 approvals, byte for byte, with its signed manifest', async () => {
    const id = await requestApproved(f, [f.people.a, f.people.c]);
    const out = join(f.dir, 'out-1');
    const summary = await releaseModel(f.context, { requestId: id, requester: f.people.r, outDir: out });
    expect(summary).toMatchObject({ model: 'm1', files: 3, plainBytes: 300_012 });
    for (const [path, bytes] of Object.entries(f.files)) expect(readFileSync(join(out, path)).equals(bytes)).toBe(true);
    expect(readdirSync(out).sort()).toEqual(['config.json', 'model.sig', 'weights']);
    const report = await verifyDirectory(out, { signer: f.people.o.principal });
    expect(report).toMatchObject({ model: 'm1', files: 3, shards: 3, digest: summary.digest });
  });

  it('finds changed, missing and added files in a released directory', async () => {
    const out = join(f.dir, 'out-1');
    const { appendFileSync, renameSync, rmSync } = await import('node:fs');
    appendFileSync(join(out, 'extra.txt'), 'x');
    await expect(verifyDirectory(out, { signer: f.people.o.principal })).rejects.toMatchObject({ code: 'VAULT_DIGEST_MISMATCH' });
    rmSync(join(out, 'extra.txt'));
    renameSync(join(out, 'config.json'), join(out, 'config.bak'));
    await expect(verifyDirectory(out, { signer: f.people.o.principal })).rejects.toMatchObject({ code: 'VAULT_DIGEST_MISMATCH' });
    renameSync(join(out, 'config.bak'), join(out, 'config.json'));
    writeFileSync(join(out, 'config.json'), '{"layers":3}');
    await expect(verifyDirectory(out, { signer: f.people.o.principal })).rejects.toMatchObject({ code: 'VAULT_DIGEST_MISMATCH' });
    writeFileSync(join(out, 'config.json'), '{"layers":2}');
    await verifyDirectory(out, { signer: f.people.o.principal });
  });

  it('records every step on the ledger without key material', async () => {
    const events = await readEvents(f.context);
    expect(events.map((e) => e['event'])).toEqual(['init', 'seal', 'request', 'approve', 'approve', 'release.start', 'release']);
    const text = JSON.stringify(events);
    for (const p of Object.values(f.people)) expect(text).not.toContain(p.identity.secret.toString('base64'));
  });

  it('stores the vault as standard age: header plus payload opens with age -d once M shares rebuild the key', async () => {
    const vault = await readVault(f.context.store, f.context.vault);
    const custodians = await readCustodians(f.context.store, f.context.vault, vault.epoch);
    const shares = [custodians[0], custodians[1]].map((c, i) => openShare(c?.sealedShare ?? Buffer.alloc(0), [f.people.a, f.people.b][i]?.identity ?? f.people.a.identity));
    const identity = await combineShares(shares, parseRecipient(vault.recipient));
    const blob = (await readBlobs(f.context.store, f.context.vault, 'm1')).find((b) => b.path === 'weights/model.safetensors');
    expect(blob).toBeDefined();
    if (!blob) return;
    expect(parseHeader(blob.header).stanzas.map((s) => s.type)).toEqual(['X25519']);
    const ageFile = join(f.dir, 'blob.age');
    writeFileSync(ageFile, Buffer.concat([blob.header, readFileSync(join(f.dir, 'vault', 'blobs', blob.blob))]));
    const keyFile = join(f.dir, 'vault.key');
    writeFileSync(keyFile, `${toIdentityText(identity)}\n`, { mode: 0o600 });
    const plain = execFileSync('age', ['-d', '-i', keyFile, ageFile], { maxBuffer: 16 << 20 });
    expect(plain.equals(f.files['weights/model.safetensors'] ?? Buffer.alloc(0))).toBe(true);
  });

  it('never writes the vault identity: no stored byte string equals it', async () => {
    const vault = await readVault(f.context.store, f.context.vault);
    const custodians = await readCustodians(f.context.store, f.context.vault, vault.epoch);
    const shares = [custodians[1], custodians[2]].map((c, i) => openShare(c?.sealedShare ?? Buffer.alloc(0), [f.people.b, f.people.c][i]?.identity ?? f.people.b.identity));
    const identity = await combineShares(shares, parseRecipient(vault.recipient));
    const db = readFileSync(join(f.dir, 'vault', 'vault.db'));
    expect(db.includes(identity.secret)).toBe(false);
    expect(db.includes(Buffer.from(toIdentityText(identity)))).toBe(false);
  });
});
