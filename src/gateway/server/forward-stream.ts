// SPDX-License-Identifier: Apache-2.0
import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GatewayError } from '../errors.js';
import { toErrorResponse } from '../http-errors.js';
import type { JudgedDetection } from '../inspect/judge.js';
import type { Endpoint } from '../inspect/request-body.js';
import { toTokenEstimate } from '../limits/rate-limits.js';
import { publishEvent } from '../observe/events.js';
import { ResponseStreamGuard } from '../stream/response-stream-guard.js';
import { SseReader, toSseText } from '../stream/sse-reader.js';
import { CancelSignal } from '../upstream/cancel-signal.js';
import { readUpstreamBody, toUpstreamError, type UpstreamClient, type UpstreamResponse } from '../upstream/upstream-client.js';
import { recordBlock } from './gate-hooks.js';
import { toHeaderText, toUpstreamPath } from './forward-json.js';
import type { InspectedRequest } from './inspect-request.js';
import type { GatewayServices } from './services.js';

/** One server-sent event larger than this is an upstream fault. */
const MAX_EVENT_CHARS = 4 * 1024 * 1024;

interface Pump {
  readonly services: GatewayServices;
  readonly request: FastifyRequest;
  readonly out: PassThrough;
  readonly guard: ResponseStreamGuard;
  readonly upstream: UpstreamClient;
  readonly abort: CancelSignal;
  /** Longest wait for a client that does not read. */
  readonly drainMs: number;
}

/**
 * Writes `text`, waiting while the client's socket is full, but not longer than `drainMs`: a
 * client that stops reading is cut off rather than holding the upstream stream open.
 * @returns false when the client is gone.
 */
async function write(out: PassThrough, text: string, drainMs: number): Promise<boolean> {
  if (out.destroyed) return false;
  if (out.write(text)) return true;
  await new Promise<void>((resolve) => {
    const done = (): void => { clearTimeout(timer); out.off('drain', done); out.off('close', done); resolve(); };
    const timer = setTimeout(() => { out.destroy(); done(); }, drainMs);
    out.once('drain', done);
    out.once('close', done);
  });
  return !out.destroyed;
}

/** Ends the stream with an OpenAI error event and no [DONE], so clients see a failure, not an answer. */
async function endWithError(pump: Pump, error: GatewayError): Promise<void> {
  pump.request.citadel.errorCode = toErrorResponse(error).body.error.code;
  await write(pump.out, toSseText(JSON.stringify(toErrorResponse(error).body)), pump.drainMs);
  pump.out.end();
}

/** @returns the SSE text for the events of one upstream chunk; stops at a block. */
function transformEvents(pump: Pump, events: ReturnType<SseReader['push']>): string {
  let text = '';
  for (const event of events) {
    text += pump.guard.transform(event);
    if (pump.guard.blocked) return text;
  }
  return text;
}

async function stopForBlock(pump: Pump, text: string): Promise<void> {
  const blocked = pump.guard.blocked;
  pump.abort.abort();
  pump.request.citadel.decision = 'block';
  await write(pump.out, text, pump.drainMs);
  await recordBlock(pump.services, pump.request, 'blocked streamed response').catch(() => undefined);
  await endWithError(pump, new GatewayError('GATEWAY_BLOCKED', `the response was blocked by policy (${blocked?.category ?? 'unknown'})`));
}

/** Moves the upstream's events to the client through the guard, until [DONE], a block or a failure. */
async function pumpEvents(pump: Pump, response: UpstreamResponse): Promise<void> {
  const reader = new SseReader(MAX_EVENT_CHARS);
  let received = 0;
  try {
    for await (const chunk of response.body) {
      received += chunk.length;
      if (received > pump.services.config.limits.maxResponseBytes) throw new GatewayError('GATEWAY_UPSTREAM_UNAVAILABLE', 'upstream stream is over the response size limit');
      const text = transformEvents(pump, reader.push(chunk));
      if (pump.guard.blocked) {
        await stopForBlock(pump, text);
        return;
      }
      if (text && !(await write(pump.out, text, pump.drainMs))) {
        pump.abort.abort();
        return;
      }
    }
    const text = transformEvents(pump, reader.end()) + pump.guard.finish();
    if (pump.guard.blocked) {
      await stopForBlock(pump, text);
      return;
    }
    await write(pump.out, text, pump.drainMs);
    pump.out.end();
  } catch (error) {
    if (pump.out.destroyed) return;
    const failure = error instanceof GatewayError ? error : toUpstreamError(error, pump.upstream.name);
    pump.services.metrics.upstreamErrors.inc({ upstream: pump.upstream.name, code: failure.code });
    publishEvent('upstreamError', { requestId: pump.request.citadel.requestId, upstream: pump.upstream.name, code: failure.code });
    pump.abort.abort();
    await endWithError(pump, failure);
  }
}

/** Charges the tokens the stream used beyond the prompt estimate the gate took. */
async function chargeStream(services: GatewayServices, request: FastifyRequest, pump: { guard: ResponseStreamGuard; promptChars: number }): Promise<void> {
  const principal = request.citadel.principal;
  if (!principal) return;
  const used = pump.guard.usageTokens ?? toTokenEstimate(pump.promptChars) + toTokenEstimate(pump.guard.outputChars);
  await services.limits.chargeTokens(principal.id, principal.policy, used - toTokenEstimate(pump.promptChars));
}

/**
 * Forwards a streamed request: the upstream's server-sent events are parsed, every text field is
 * scanned with a bounded hold-back, and the events are written to the caller as they clear.
 * A non-stream answer (an upstream error) passes through with its status.
 * @throws GatewayError for upstream failures before the first byte
 */
export async function forwardStream(services: GatewayServices, exchange: { request: FastifyRequest; reply: FastifyReply }, options: { endpoint: Endpoint; upstream: UpstreamClient; inspected: InspectedRequest }): Promise<FastifyReply> {
  const { request, reply } = exchange;
  const policy = request.citadel.principal?.policy;
  if (!policy) throw new GatewayError('GATEWAY_UNAUTHENTICATED', 'expected an authenticated request');
  const abort = new CancelSignal();
  reply.raw.once('close', () => { if (!reply.raw.writableFinished) abort.abort(); });
  const response = await options.upstream.send({ method: 'POST', path: toUpstreamPath(options.endpoint), body: options.inspected.outgoing, accept: 'text/event-stream', requestId: request.citadel.requestId, signal: abort });
  request.citadel.upstreamStatus = response.status;
  const contentType = toHeaderText(response.headers['content-type']) ?? '';
  if (response.status !== 200 || !contentType.startsWith('text/event-stream')) {
    const bytes = await readUpstreamBody(response, services.config.limits.maxResponseBytes, options.upstream.name);
    if (response.status === 200) throw new GatewayError('GATEWAY_UPSTREAM_UNAVAILABLE', `upstream ${options.upstream.name} answered a stream request with ${contentType || 'no content type'}`);
    return reply.code(response.status).header('content-type', contentType || 'application/json').send(bytes);
  }
  const state = request.citadel;
  const onDetection = (d: JudgedDetection): void => {
    state.detections.push(d);
    if (d.action === 'redact' && state.decision === 'allow') state.decision = 'redact';
  };
  const guard = new ResponseStreamGuard({ endpoint: options.endpoint === 'completions' ? 'completions' : 'chat', policy, canaries: options.inspected.canaries, onDetection });
  const out = new PassThrough();
  const pump: Pump = { services, request, out, guard, upstream: options.upstream, abort, drainMs: services.config.limits.requestTimeout };
  void pumpEvents(pump, response).then(() => chargeStream(services, request, { guard, promptChars: options.inspected.promptChars })).catch((error: unknown) => {
    services.logger.error({ err: error, requestId: request.citadel.requestId }, 'stream pump failed');
    out.destroy();
  });
  return reply.code(200).headers({ 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' }).send(out);
}
