// SPDX-License-Identifier: Apache-2.0
import { closeSync, existsSync, openSync, readFileSync, readSync, readdirSync, truncateSync, writeSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEALED_CHUNK_BYTES, PAYLOAD_NONCE_BYTES } from '../../src/vault/age/stream.js';
import {
  approveRequest, fileRequest, generatePrincipal, releaseModel, setBudget, submitApproval, verifyDirectory, verifyReleasedDirectory, VaultError, type SignedApproval,
} from '../../src/vault/index.js';
import { canonicalizeJson } from '../../src/ledger/index.js';
import { signAs } from '../../src/vault/keys/principal.js';
import { APPROVAL_CONTEXT, createApproval } from '../../src/vault/release/approval.js';
import { readBlobs, readCustodians } from '../../src/vault/storage/vault-records.js';
import { createFixture, readEvents, requestApproved, type Fixture } from './vault-fixture.js';

let f: Fixture;
beforeEach(async () => { f = await createFixture(); }, 60_000);
afterEach(async () => { await f.close(); });

async function expectRefused(promise: Promise<unknown>, code: string): Promise<void> {
  const error: unknown = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(VaultError);
  expect((error as VaultError).code).toBe(code);
  const refused = (await readEvents(f.context)).filter((e) => e['event'] === 'refused');
  expect(refused.at(-1)?.['code']).toBe(code);
}

function release(requestId: string, out = 'out'): Promise<unknown> {
  return releaseModel(f.context, { requestId, requester: f.people.r, outDir: join(f.dir, out) });
}

async function bigBlob(): Promise<string> {
  const blob = (await readBlobs(f.context.store, f.context.vault, f.model)).find((b) => b.path === 'weights/model.safetensors');
  return join(f.dir, 'vault', 'blobs', blob?.blob ?? '');
}

function noPlaintext(out = 'out'): void {
  const dir = join(f.dir, out);
  const files = existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String) : [];
  expect(files.filter((n) => n.endsWith('model.safetensors'))).toEqual([]);
}

describe('vault refusals: each has its code and a ledger entry', () => {
  it('refuses a forged approval (signature not by a custodian)', async () => {
    const request = await fileRequest(f.context, { requester: f.people.r, purpose: 'p', ttlMs: 60_000, model: f.model });
    const own = (await readCustodians(f.context.store, f.context.vault, 1))[0]?.sealedShare ?? Buffer.alloc(0);
    const good = createApproval(f.people.a, request, { sealedShare: own, now: f.clock.now });
    const forged: SignedApproval = { ...good, body: { ...good.body, custodian: f.people.b.principal.id } };
    await expectRefused(submitApproval(f.context, request.id, forged), 'VAULT_APPROVAL_FORGED');
    const mallory = generatePrincipal('mallory');
    const impostor: SignedApproval = { ...good, signature: signAs(mallory, APPROVAL_CONTEXT, canonicalizeJson(good.body)) };
    await expectRefused(submitApproval(f.context, request.id, impostor), 'VAULT_APPROVAL_FORGED');
    await submitApproval(f.context, request.id, good);
  });

  it('refuses a forged approval planted in the database at release', async () => {
    const id = await requestApproved(f, [f.people.a, f.people.b]);
    await f.context.store.run("UPDATE vault_approvals SET signature = ? WHERE custodian_id = ?", [Buffer.alloc(64, 7).toString('base64'), f.people.a.principal.id]);
    await expectRefused(release(id), 'VAULT_APPROVAL_FORGED');
    noPlaintext();
  });

  it('refuses an approval made for another request', async () => {
    const first = await fileRequest(f.context, { requester: f.people.r, purpose: 'p', ttlMs: 60_000, model: f.model });
    const second = await fileRequest(f.context, { requester: f.people.r, purpose: 'p', ttlMs: 60_000, model: f.model });
    const own = (await readCustodians(f.context.store, f.context.vault, 1))[0]?.sealedShare ?? Buffer.alloc(0);
    const approval = createApproval(f.people.a, first, { sealedShare: own, now: f.clock.now });
    await expectRefused(submitApproval(f.context, second.id, approval), 'VAULT_APPROVAL_WRONG_REQUEST');
  });

  it('refuses a replayed approval', async () => {
    const id = await requestApproved(f, [f.people.a, f.people.b]);
    await release(id);
    const [used] = await f.context.store.all<{ id: string }>('SELECT id FROM vault_approvals WHERE request_id = ?', [id]);
    const stored = await f.context.store.get<{ body: string; signature: string; sealed_share: Buffer }>('SELECT * FROM vault_approvals WHERE id = ?', [used?.id ?? '']);
    const replay: SignedApproval = { body: JSON.parse(stored?.body ?? '{}') as SignedApproval['body'], signature: stored?.signature ?? '', sealedShare: Buffer.from(stored?.sealed_share ?? []) };
    const next = await fileRequest(f.context, { requester: f.people.r, purpose: 'again', ttlMs: 60_000, model: f.model });
    await expectRefused(submitApproval(f.context, next.id, replay), 'VAULT_APPROVAL_REPLAYED');
    await expectRefused(release(id, 'out-again'), 'VAULT_REQUEST_CLOSED');
  });

  it('refuses an expired request, at approval and at release', async () => {
    const id = await requestApproved(f, [f.people.a, f.people.b]);
    const late = await fileRequest(f.context, { requester: f.people.r, purpose: 'p', ttlMs: 60_000, model: f.model });
    f.clock.now += 3600_001;
    await expectRefused(approveRequest(f.context, late.id, f.people.a), 'VAULT_REQUEST_EXPIRED');
    await expectRefused(release(id), 'VAULT_REQUEST_EXPIRED');
    noPlaintext();
  });

  it('refuses the same custodian twice', async () => {
    const request = await fileRequest(f.context, { requester: f.people.r, purpose: 'p', ttlMs: 60_000, model: f.model });
    await approveRequest(f.context, request.id, f.people.a);
    await expectRefused(approveRequest(f.context, request.id, f.people.a), 'VAULT_APPROVAL_DUPLICATE');
  });

  it('refuses a duplicate planted in the database at release', async () => {
    const id = await requestApproved(f, [f.people.a]);
    const row = await f.context.store.get<{ id: string; body: string; signature: string; sealed_share: Buffer }>('SELECT * FROM vault_approvals WHERE request_id = ?', [id]);
    const request = await f.context.store.get<{ body: string }>('SELECT body FROM vault_requests WHERE id = ?', [id]);
    expect(request).toBeDefined();
    const own = (await readCustodians(f.context.store, f.context.vault, 1))[0]?.sealedShare ?? Buffer.alloc(0);
    const again = createApproval(f.people.a, { id, body: JSON.parse(request?.body ?? '{}') as never, signature: '', sealedOneTime: Buffer.alloc(0) }, { sealedShare: own, now: f.clock.now });
    await f.context.store.run('INSERT INTO vault_approvals (id, request_id, custodian_id, body, signature, sealed_share, used_at) VALUES (?, ?, ?, ?, ?, ?, NULL)', [again.body.id, id, again.body.custodian, JSON.stringify(again.body), again.signature, again.sealedShare]);
    expect(row).toBeDefined();
    await expectRefused(release(id), 'VAULT_APPROVAL_DUPLICATE');
  });

  it('refuses the requester approving their own request', async () => {
    const request = await fileRequest(f.context, { requester: f.people.a, purpose: 'p', ttlMs: 60_000, model: f.model });
    await expectRefused(approveRequest(f.context, request.id, f.people.a), 'VAULT_APPROVAL_SELF');
    const own = (await readCustodians(f.context.store, f.context.vault, 1)).find((c) => c.principal.id === f.people.a.principal.id)?.sealedShare ?? Buffer.alloc(0);
    await expectRefused(submitApproval(f.context, request.id, createApproval(f.people.a, request, { sealedShare: own, now: f.clock.now })), 'VAULT_APPROVAL_SELF');
  });

  it('refuses fewer than M approvals', async () => {
    const id = await requestApproved(f, [f.people.c]);
    await expectRefused(release(id), 'VAULT_APPROVAL_MISSING');
    noPlaintext();
  });

  it('refuses an over-budget release before writing a byte', async () => {
    await setBudget(f.context, { windowMs: 86_400_000, vault: '1x', requester: '1x' });
    await release(await requestApproved(f, [f.people.a, f.people.b]));
    const id = await requestApproved(f, [f.people.b, f.people.c]);
    await expectRefused(release(id, 'out-2'), 'VAULT_BUDGET_EXCEEDED');
    expect(readdirSync(join(f.dir, 'out-2'))).toEqual([]);
    f.clock.now += 86_400_001;
    await release(await requestApproved(f, [f.people.a, f.people.c]), 'out-3');
    expect(readFileSync(join(f.dir, 'out-3', 'config.json'), 'utf8')).toBe('{"layers":2}');
  });

  it('refuses a tampered chunk, leaving no plaintext', async () => {
    const path = await bigBlob();
    const fd = openSync(path, 'r+');
    const byte = Buffer.alloc(1);
    readSync(fd, byte, 0, 1, PAYLOAD_NONCE_BYTES + SEALED_CHUNK_BYTES + 100);
    writeSync(fd, Buffer.from([byte[0] === undefined ? 0 : byte[0] ^ 1]), 0, 1, PAYLOAD_NONCE_BYTES + SEALED_CHUNK_BYTES + 100);
    closeSync(fd);
    await expectRefused(release(await requestApproved(f, [f.people.a, f.people.b])), 'VAULT_PAYLOAD_INVALID');
    noPlaintext();
  });

  it('refuses a truncated file, leaving no plaintext', async () => {
    const path = await bigBlob();
    truncateSync(path, PAYLOAD_NONCE_BYTES + 2 * SEALED_CHUNK_BYTES);
    await expectRefused(release(await requestApproved(f, [f.people.a, f.people.b])), 'VAULT_PAYLOAD_TRUNCATED');
    noPlaintext();
  });

  it('refuses reordered chunks, leaving no plaintext', async () => {
    const path = await bigBlob();
    const bytes = readFileSync(path);
    const a = PAYLOAD_NONCE_BYTES;
    const b = a + SEALED_CHUNK_BYTES;
    const swapped = Buffer.concat([bytes.subarray(0, a), bytes.subarray(b, b + SEALED_CHUNK_BYTES), bytes.subarray(a, b), bytes.subarray(b + SEALED_CHUNK_BYTES)]);
    const fd = openSync(path, 'r+');
    writeSync(fd, swapped, 0, swapped.length, 0);
    closeSync(fd);
    expect(statSync(path).size).toBe(bytes.length);
    await expectRefused(release(await requestApproved(f, [f.people.a, f.people.b])), 'VAULT_PAYLOAD_INVALID');
    noPlaintext();
  });

  it('refuses a tampered manifest in the vault, and in a released directory', async () => {
    const out = join(f.dir, 'out-ok');
    await releaseModel(f.context, { requestId: await requestApproved(f, [f.people.a, f.people.b]), requester: f.people.r, outDir: out });
    const row = await f.context.store.get<{ bundle: string }>('SELECT bundle FROM vault_models WHERE model = ?', [f.model]);
    const bundle = JSON.parse(row?.bundle ?? '{}') as { dsseEnvelope: { payload: string } };
    const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString()) as { predicate: { resources: { digest: string }[] } };
    const first = statement.predicate.resources[0];
    if (first) first.digest = '0'.repeat(64);
    bundle.dsseEnvelope.payload = Buffer.from(JSON.stringify(statement)).toString('base64');
    await f.context.store.run('UPDATE vault_models SET bundle = ? WHERE model = ?', [JSON.stringify(bundle), f.model]);
    await expectRefused(release(await requestApproved(f, [f.people.b, f.people.c])), 'VAULT_MANIFEST_INVALID');
    const sig = join(out, 'model.sig');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(sig, JSON.stringify(bundle));
    const error: unknown = await verifyDirectory(out, { signer: f.people.o.principal }).catch((e: unknown) => e);
    expect((error as VaultError).code).toBe('VAULT_MANIFEST_INVALID');
    await expectRefused(verifyReleasedDirectory(f.context, out), 'VAULT_MANIFEST_INVALID');
  });
});
