// SPDX-License-Identifier: Apache-2.0
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake model says next; tests set it before each call. */
export interface FakeReply {
  /** The completion text (chat content, completion text). */
  content: string;
  /** For streams: the content split into these pieces, one SSE event each (default: three pieces). */
  chunks?: string[];
  /** Answer with this status and an OpenAI error body instead. */
  status?: number;
  /** Wait this long before the response headers (504 tests). */
  headerDelayMs?: number;
  /** For streams: wait this long between events. */
  eventDelayMs?: number;
  /** For streams: stop after this many content events without ending (a stalled stream). */
  stallAfter?: number;
  /** Send a usage chunk at the end of a stream. */
  usage?: boolean;
  /** Computes the content from the request instead (a model repeating its system prompt). */
  respond?: (body: Record<string, unknown> | undefined) => string;
}

export interface RecordedCall {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: Record<string, unknown> | undefined;
}

/** A local OpenAI-compatible upstream that counts its calls, for gateway tests. */
export interface FakeUpstream {
  /** Base URL including /v1. */
  readonly url: string;
  readonly calls: RecordedCall[];
  /** Streams whose client (the gateway) went away before the end. */
  aborted: number;
  next: FakeReply;
  close(): Promise<void>;
}

const DEFAULT_REPLY: FakeReply = { content: 'Hello from the fake upstream.' };

function toThirds(text: string): string[] {
  const a = Math.floor(text.length / 3);
  const b = Math.floor((2 * text.length) / 3);
  return [text.slice(0, a), text.slice(a, b), text.slice(b)].filter((s) => s.length > 0);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function readBody(request: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  if (!chunks.length) return undefined;
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

function toCompletion(path: string, model: string, content: string): unknown {
  const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };
  if (path.endsWith('/completions') && !path.endsWith('/chat/completions')) {
    return { id: 'cmpl-1', object: 'text_completion', created: 1, model, choices: [{ index: 0, text: content, finish_reason: 'stop', logprobs: null }], usage };
  }
  return { id: 'chatcmpl-1', object: 'chat.completion', created: 1, model, choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', logprobs: null }], usage };
}

async function streamCompletion(response: ServerResponse, options: { path: string; model: string; reply: FakeReply; upstream: FakeUpstream }): Promise<void> {
  const { path, model, reply } = options;
  response.once('close', () => { if (!response.writableFinished) options.upstream.aborted += 1; });
  const chat = path.endsWith('/chat/completions');
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const base = chat ? { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model } : { id: 'cmpl-1', object: 'text_completion', created: 1, model };
  const event = (choice: Record<string, unknown>): string => `data: ${JSON.stringify({ ...base, choices: [{ index: 0, ...choice }] })}\n\n`;
  if (chat) response.write(event({ delta: { role: 'assistant', content: '' }, finish_reason: null }));
  const pieces = reply.chunks ?? toThirds(reply.content);
  for (const [i, piece] of pieces.entries()) {
    if (reply.stallAfter !== undefined && i >= reply.stallAfter) return; // never ends
    if (reply.eventDelayMs) await sleep(reply.eventDelayMs);
    if (response.destroyed) return;
    response.write(chat ? event({ delta: { content: piece }, finish_reason: null }) : event({ text: piece, finish_reason: null }));
  }
  response.write(chat ? event({ delta: {}, finish_reason: 'stop' }) : event({ text: '', finish_reason: 'stop' }));
  if (reply.usage) response.write(`data: ${JSON.stringify({ ...base, choices: [], usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } })}\n\n`);
  response.end('data: [DONE]\n\n');
}

async function handle(upstream: FakeUpstream, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  const body = await readBody(request);
  upstream.calls.push({ method: request.method ?? 'GET', path, headers: request.headers, body });
  const reply = upstream.next.respond ? { ...upstream.next, content: upstream.next.respond(body), chunks: undefined } : upstream.next;
  if (reply.headerDelayMs) await sleep(reply.headerDelayMs);
  if (response.destroyed) return;
  const model = typeof body?.['model'] === 'string' ? body['model'] : 'fake-model';
  if (reply.status) {
    sendJson(response, reply.status, { error: { message: 'upstream says no', type: 'invalid_request_error', param: null, code: 'upstream_error' } });
  } else if (path === '/v1/models') {
    sendJson(response, 200, { object: 'list', data: [{ id: 'fake-model', object: 'model', created: 1, owned_by: 'test' }, { id: 'other-model', object: 'model', created: 1, owned_by: 'test' }] });
  } else if (path === '/v1/embeddings') {
    const inputs = Array.isArray(body?.['input']) ? body['input'] as unknown[] : [body?.['input']];
    sendJson(response, 200, { object: 'list', model, data: inputs.map((_, index) => ({ object: 'embedding', index, embedding: [0.1, 0.2, 0.3] })), usage: { prompt_tokens: 3, total_tokens: 3 } });
  } else if ((path === '/v1/chat/completions' || path === '/v1/completions') && body?.['stream'] === true) {
    await streamCompletion(response, { path, model, reply, upstream });
  } else if (path === '/v1/chat/completions' || path === '/v1/completions') {
    sendJson(response, 200, toCompletion(path, model, reply.content));
  } else {
    sendJson(response, 404, { error: { message: 'no such path', type: 'invalid_request_error', param: null, code: 'not_found' } });
  }
}

/** Starts a fake upstream on a free loopback port. @returns it, listening. */
export async function startFakeUpstream(): Promise<FakeUpstream> {
  const holder: { server?: Server } = {};
  const upstream: FakeUpstream = {
    url: '', calls: [], aborted: 0, next: { ...DEFAULT_REPLY },
    close: () => new Promise((resolve) => { holder.server?.closeAllConnections(); holder.server?.close(() => { resolve(); }); }),
  };
  const server = createServer((request, response) => {
    handle(upstream, request, response).catch(() => { response.destroy(); });
  });
  holder.server = server;
  await new Promise<void>((resolve) => { server.listen(0, '127.0.0.1', resolve); });
  (upstream as { url: string }).url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return upstream;
}
