// SPDX-License-Identifier: Apache-2.0
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseModel } from '../../src/vault/index.js';
import { PG_URL, RUN_POSTGRES, dropSchema, toRunName } from '../store/support/services.js';
import { createFixture, readEvents, requestApproved, type Fixture } from './vault-fixture.js';

/** The same vault with its metadata and ledger on PostgreSQL, as when several hosts share it. */
const schema = toRunName('vault');
let f: Fixture;

describe.runIf(RUN_POSTGRES)('vault metadata on PostgreSQL', () => {
  beforeAll(async () => { f = await createFixture({ storeUrl: PG_URL, schema }); }, 60_000);
  afterAll(async () => {
    await f.close();
    await dropSchema(schema);
  });

  it('seals, approves and releases with metadata in PostgreSQL', async () => {
    const id = await requestApproved(f, [f.people.b, f.people.c]);
    await releaseModel(f.context, { requestId: id, requester: f.people.r, outDir: join(f.dir, 'pg-out') });
    expect(readFileSync(join(f.dir, 'pg-out', 'config.json'), 'utf8')).toBe('{"layers":2}');
    expect((await readEvents(f.context)).map((e) => e['event'])).toContain('release');
  });

  it('lets only one of two concurrent releases of a request through', async () => {
    const id = await requestApproved(f, [f.people.a, f.people.b]);
    const outcomes = await Promise.allSettled([0, 1].map((i) => releaseModel(f.context, { requestId: id, requester: f.people.r, outDir: join(f.dir, `race-${i}`) })));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === 'rejected');
    expect((refused as PromiseRejectedResult).reason).toMatchObject({ code: 'VAULT_REQUEST_CLOSED' });
  });
});
