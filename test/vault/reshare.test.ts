// SPDX-License-Identifier: Apache-2.0
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHeader } from '../../src/vault/age/age-file.js';
import { parseHeader } from '../../src/vault/age/header.js';
import { combineShares, openShare } from '../../src/vault/custody/shares.js';
import {
  VaultError, approveRequest, fileRequest, generatePrincipal, parseRecipient, releaseModel, reshareVault, type UnlockedPrincipal,
} from '../../src/vault/index.js';
import { readBlobs, readCustodians, readVault } from '../../src/vault/storage/vault-records.js';
import { createFixture, readEvents, requestApproved, type Fixture } from './vault-fixture.js';

let f: Fixture;
const dave: UnlockedPrincipal = generatePrincipal('dave');
beforeAll(async () => { f = await createFixture(); }, 60_000);
afterAll(async () => { await f.close(); });

function digestBlobs(blobs: readonly { blob: string }[]): string[] {
  return blobs.map((b) => createHash('sha256').update(readFileSync(join(f.dir, 'vault', 'blobs', b.blob))).digest('hex'));
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  const error: unknown = await promise.then(() => undefined, (e: unknown) => e);
  return error instanceof VaultError ? error.code : undefined;
}

describe('vault reshare', () => {
  it('moves custody to a new set and threshold, rewrapping headers only', async () => {
    const before = await readBlobs(f.context.store, f.context.vault);
    const payloads = digestBlobs(before);
    const oldVault = await readVault(f.context.store, f.context.vault);
    const oldCustodians = await readCustodians(f.context.store, f.context.vault, 1);
    const stale = await requestApproved(f, [f.people.a]);
    const plan = { threshold: 3, custodians: [f.people.a.principal, f.people.b.principal, dave.principal] };
    const request = await fileRequest(f.context, { requester: f.people.r, purpose: 'rotate: carol leaves', ttlMs: 3600_000, reshare: plan });
    await approveRequest(f.context, request.id, f.people.b);
    await approveRequest(f.context, request.id, f.people.c);
    const summary = await reshareVault(f.context, request.id, f.people.r);
    expect(summary).toMatchObject({ epoch: 2, threshold: 3, custodians: 3, blobs: 3 });
    const after = await readBlobs(f.context.store, f.context.vault);
    expect(digestBlobs(after)).toEqual(payloads);
    expect(after.map((b) => b.header.equals(before.find((x) => x.path === b.path)?.header ?? Buffer.alloc(0)))).toEqual([false, false, false]);
    // Old shares still rebuild the old identity, which no longer opens any header.
    const shares = [0, 1].map((i) => openShare(oldCustodians[i]?.sealedShare ?? Buffer.alloc(0), [f.people.a, f.people.b][i]?.identity ?? f.people.a.identity));
    const old = await combineShares(shares, parseRecipient(oldVault.recipient));
    for (const blob of after) expect(() => openHeader(parseHeader(blob.header), old)).toThrow(expect.objectContaining({ code: 'VAULT_NO_IDENTITY' }));
    expect(await codeOf(releaseModel(f.context, { requestId: stale, requester: f.people.r, outDir: join(f.dir, 'stale') }))).toBe('VAULT_REQUEST_CLOSED');
    expect((await readEvents(f.context)).some((e) => e['event'] === 'reshare')).toBe(true);
  });

  it('releases only with the new threshold, from the new custodians', async () => {
    const request = await fileRequest(f.context, { requester: f.people.r, purpose: 'after rotation', ttlMs: 3600_000, model: f.model });
    expect(await codeOf(approveRequest(f.context, request.id, f.people.c))).toBe('VAULT_NOT_CUSTODIAN');
    await approveRequest(f.context, request.id, f.people.a);
    await approveRequest(f.context, request.id, f.people.b);
    expect(await codeOf(releaseModel(f.context, { requestId: request.id, requester: f.people.r, outDir: join(f.dir, 'two') }))).toBe('VAULT_APPROVAL_MISSING');
    const next = await fileRequest(f.context, { requester: f.people.r, purpose: 'after rotation', ttlMs: 3600_000, model: f.model });
    for (const p of [f.people.a, f.people.b, dave]) await approveRequest(f.context, next.id, p);
    await releaseModel(f.context, { requestId: next.id, requester: f.people.r, outDir: join(f.dir, 'three') });
    expect(readFileSync(join(f.dir, 'three', 'weights', 'model.safetensors')).equals(f.files['weights/model.safetensors'] ?? Buffer.alloc(0))).toBe(true);
  });
});
