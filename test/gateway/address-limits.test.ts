// SPDX-License-Identifier: Apache-2.0
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRig, type TestRig } from './support/test-gateway.js';

let rig: TestRig;

beforeAll(async () => { rig = await startRig({ bans: { ipRequests: 3, ipWindow: '1m' } }); });
afterAll(async () => { await rig.close(); });

describe('limits and strikes per client address', () => {
  it('limits requests per address across keys, with retry-after', async () => {
    const first = (await rig.client()).openai;
    const second = (await rig.client()).openai;
    await first.models.list();
    await second.models.list();
    await first.models.list();
    const error = await second.models.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(Number((error as InstanceType<typeof OpenAI.APIError>).headers?.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('bans an address that keeps presenting wrong keys, when configured to', async () => {
    const strict = await startRig({ bans: { strikeAddresses: true, ladder: [{ strikes: 2, ban: '1m' }] } });
    try {
      const stranger = new OpenAI({ baseURL: strict.gateway.url, apiKey: 'cit-000000000000-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', maxRetries: 0 });
      const codes: unknown[] = [];
      for (let i = 0; i < 3; i++) codes.push(await stranger.models.list().catch((e: unknown) => (e as InstanceType<typeof OpenAI.APIError>).code));
      expect(codes).toEqual(['invalid_api_key', 'invalid_api_key', 'banned']);
      expect((await strict.admin.listBans()).map((b) => b.subject)).toContain('ip:127.0.0.1');
    } finally {
      await strict.close();
    }
  });
});
