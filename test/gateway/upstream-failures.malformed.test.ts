// SPDX-License-Identifier: Apache-2.0
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRig, type TestRig } from './support/test-gateway.js';

type ApiError = InstanceType<typeof OpenAI.APIError>;

let rig: TestRig;
let openai: OpenAI;

beforeAll(async () => {
  rig = await startRig({ limits: { maxResponseBytes: 64 * 1024 } }, { headersTimeout: 300, bodyTimeout: 300 });
  openai = (await rig.client()).openai;
});
afterAll(async () => { await rig.close(); });

const ask = () => openai.chat.completions.create({ model: 'fake-model', messages: [{ role: 'user', content: 'hi' }] });
const askStream = () => openai.chat.completions.create({ model: 'fake-model', messages: [{ role: 'user', content: 'hi' }], stream: true });

describe('upstream failures', () => {
  it('answers 504 upstream_timeout when the upstream is slow to answer', async () => {
    rig.upstream.next = { content: 'late', headerDelayMs: 5_000 };
    const started = Date.now();
    const error = await ask().catch((e: unknown) => e);
    expect((error as ApiError).status).toBe(504);
    expect((error as ApiError).code).toBe('upstream_timeout');
    // undici's header timer has a resolution of about a second.
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('ends a stalled stream with an error event (upstream_timeout) and no [DONE]', async () => {
    rig.upstream.next = { content: 'a b c d', chunks: ['a ', 'b ', 'c ', 'd'], stallAfter: 1 };
    const stream = await askStream();
    const error = await (async () => { for await (const chunk of stream) expect(chunk.object).toBe('chat.completion.chunk'); })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as ApiError).error).toMatchObject({ code: 'upstream_timeout' });
  });

  it('answers 502 when the upstream answers more than the response limit', async () => {
    rig.upstream.next = { content: 'y'.repeat(100 * 1024) };
    const error = await ask().catch((e: unknown) => e);
    expect((error as ApiError).status).toBe(502);
    expect((error as ApiError).code).toBe('upstream_unavailable');
  });

  it('answers 502 upstream_unavailable when the upstream is down', async () => {
    await rig.upstream.close();
    const error = await ask().catch((e: unknown) => e);
    expect((error as ApiError).status).toBe(502);
    expect((error as ApiError).code).toBe('upstream_unavailable');
  });
});
