// SPDX-License-Identifier: Apache-2.0
import { connect } from 'node:net';
import OpenAI from 'openai';
import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRig, type TestRig } from './support/test-gateway.js';

type ApiError = InstanceType<typeof OpenAI.APIError>;

let rig: TestRig;
let key: string;
let openai: OpenAI;
const LIMIT = 64 * 1024;

beforeAll(async () => {
  rig = await startRig({ limits: { maxBodyBytes: LIMIT, requestTimeout: 600, maxJsonDepth: 32, maxResponseBytes: 256 * 1024 } });
  const client = await rig.client();
  key = client.key;
  openai = client.openai;
});
afterAll(async () => { await rig.close(); });
beforeEach(() => { rig.upstream.next = { content: 'fine' }; });

async function post(path: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<{ status: number; json: { error?: { code?: string; message?: string; type?: string } } }> {
  const response = await request(`${rig.gateway.url.replace(/\/v1$/, '')}${path}`, {
    method: 'POST', body, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
  });
  const text = await response.body.text();
  return { status: response.statusCode, json: text ? JSON.parse(text) as { error?: { code?: string } } : {} };
}

/** Sends raw bytes on a socket. @returns what the server answered before closing (or after `waitMs`). */
function sendRaw(head: string, body: Buffer, waitMs = 5_000): Promise<{ answer: string; elapsedMs: number }> {
  const url = new URL(rig.gateway.url);
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname);
    let answer = '';
    const done = (): void => { socket.destroy(); resolve({ answer, elapsedMs: Date.now() - started }); };
    socket.on('data', (d) => { answer += d.toString('latin1'); });
    socket.on('close', done);
    socket.on('error', done);
    socket.setTimeout(waitMs, done);
    socket.write(head);
    socket.write(body);
  });
}

describe('hostile input', () => {
  it('answers malformed JSON with 400 in the OpenAI error shape', async () => {
    const r = await post('/v1/chat/completions', '{"model": "fake-model", "messages": [');
    expect(r.status).toBe(400);
    expect(r.json.error?.code).toBe('invalid_request');
    expect(r.json.error?.type).toBe('invalid_request_error');
  });

  it('answers JSON nested past the bound with 400 before parsing it', async () => {
    const r = await post('/v1/chat/completions', `{"model":"m","messages":[{"role":"user","content":"x","extra":${'['.repeat(5000)}${']'.repeat(5000)}}]}`);
    expect(r.status).toBe(400);
    expect(r.json.error?.message).toContain('nested');
  });

  it('names the field when the body is not the request shape', async () => {
    const r = await post('/v1/chat/completions', JSON.stringify({ model: 'fake-model', messages: 'hello' }));
    expect(r.status).toBe(400);
    expect(r.json.error?.message).toContain('messages');
    const empty = await post('/v1/chat/completions', '[]');
    expect(empty.status).toBe(400);
  });

  it('refuses a body that is not JSON with 415', async () => {
    const r = await post('/v1/chat/completions', 'hello', { 'content-type': 'text/plain' });
    expect(r.status).toBe(415);
    expect(r.json.error?.code).toBe('unsupported_media_type');
  });

  it('answers 413 on a declared length over the limit without reading the body', async () => {
    const head = `POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${key}\r\ncontent-type: application/json\r\ncontent-length: ${100 * 1024 * 1024}\r\n\r\n`;
    const { answer } = await sendRaw(head, Buffer.alloc(1024, 0x20));
    expect(answer.startsWith('HTTP/1.1 413')).toBe(true);
    expect(answer).toContain('request_too_large');
  });

  it('answers 413 on a chunked body as soon as it passes the limit', async () => {
    const head = `POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${key}\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n`;
    const chunk = Buffer.alloc(16 * 1024, 0x20);
    const framed = Buffer.concat(Array.from({ length: 8 }, () => Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')])));
    const { answer } = await sendRaw(head, framed);
    expect(answer.startsWith('HTTP/1.1 413')).toBe(true);
  });

  it('times out a client that sends its body too slowly (408), without waiting for it', async () => {
    const head = `POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${key}\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n`;
    const { answer, elapsedMs } = await sendRaw(head, Buffer.from('{"model":'), 10_000);
    expect(answer.startsWith('HTTP/1.1 408')).toBe(true);
    expect(elapsedMs).toBeLessThan(5_000);
  });

  it('passes an upstream error status and body through', async () => {
    rig.upstream.next = { content: '', status: 422 };
    const error = await openai.chat.completions.create({ model: 'fake-model', messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    expect((error as ApiError).status).toBe(422);
    expect((error as ApiError).code).toBe('upstream_error');
  });

  it('answers 404 in the OpenAI shape for an unknown route, and 401 without a key', async () => {
    const r = await post('/v1/nothing-here', '{}');
    expect(r.status).toBe(404);
    expect(r.json.error?.code).toBe('not_found');
    const anonymous = await request(`${rig.gateway.url}/models`);
    expect(anonymous.statusCode).toBe(401);
    await anonymous.body.dump();
  });

  it('stops the upstream when the client goes away mid-stream', async () => {
    const words = Array.from({ length: 200 }, (_, i) => `word${i} `);
    rig.upstream.next = { content: words.join(''), chunks: words, eventDelayMs: 20 };
    const before = rig.upstream.aborted;
    const controller = new AbortController();
    const stream = await openai.chat.completions.create({ model: 'fake-model', messages: [{ role: 'user', content: 'go' }], stream: true }, { signal: controller.signal });
    await (async () => {
      for await (const chunk of stream) {
        if (chunk.choices[0]?.delta.content) {
          controller.abort();
          break;
        }
      }
    })().catch(() => undefined);
    for (let i = 0; i < 50 && rig.upstream.aborted === before; i++) await new Promise((r) => setTimeout(r, 50));
    expect(rig.upstream.aborted).toBe(before + 1);
  });

  it('is still healthy after all of the above', async () => {
    const health = await request(`${rig.gateway.url.replace(/\/v1$/, '')}/healthz`);
    expect(health.statusCode).toBe(200);
    await health.body.dump();
  });
});
