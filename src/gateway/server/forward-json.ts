// SPDX-License-Identifier: Apache-2.0
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GatewayError } from '../errors.js';
import { judgeResponse } from '../inspect/judge.js';
import type { Endpoint } from '../inspect/request-body.js';
import { setSlotText, toResponseSlots } from '../inspect/text-slots.js';
import { CancelSignal } from '../upstream/cancel-signal.js';
import { readUpstreamBody, type UpstreamClient } from '../upstream/upstream-client.js';
import { recordBlock } from './gate-hooks.js';
import type { InspectedRequest } from './inspect-request.js';
import type { GatewayServices } from './services.js';

const PATHS: Readonly<Record<Endpoint, string>> = { chat: '/chat/completions', completions: '/completions', embeddings: '/embeddings' };

/** @returns the upstream path of an endpoint. */
export function toUpstreamPath(endpoint: Endpoint): string {
  return PATHS[endpoint];
}

/** @returns a signal that cancels the upstream call when the caller goes away before the answer is sent. */
export function toClientGoneSignal(reply: FastifyReply): CancelSignal {
  const cancel = new CancelSignal();
  reply.raw.once('close', () => { if (!reply.raw.writableFinished) cancel.abort(); });
  return cancel;
}

/** @returns a header's single text value. */
export function toHeaderText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** @returns total_tokens from an OpenAI usage object, if present. */
export function toUsageTokens(body: unknown): number | undefined {
  const usage = (body as { usage?: { total_tokens?: unknown } } | null)?.usage;
  return typeof usage?.total_tokens === 'number' && Number.isFinite(usage.total_tokens) ? usage.total_tokens : undefined;
}

function parseUpstreamJson(bytes: Buffer, name: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch (error) {
    throw new GatewayError('GATEWAY_UPSTREAM_UNAVAILABLE', `upstream ${name} answered with a body that is not json`, { cause: error });
  }
  throw new GatewayError('GATEWAY_UPSTREAM_UNAVAILABLE', `upstream ${name} answered with json that is not an object`);
}

/**
 * Forwards a non-streamed request, scans the answer's texts and applies the policy to them.
 * Upstream errors (non-2xx) pass through with their status and body.
 * @throws GatewayError GATEWAY_BLOCKED when the answer holds a blocked category; upstream errors
 */
export async function forwardJson(services: GatewayServices, exchange: { request: FastifyRequest; reply: FastifyReply }, options: { endpoint: Endpoint; upstream: UpstreamClient; inspected: InspectedRequest }): Promise<FastifyReply> {
  const { request, reply } = exchange;
  const { endpoint, upstream, inspected } = options;
  const state = request.citadel;
  const policy = state.principal?.policy;
  const response = await upstream.send({ method: 'POST', path: toUpstreamPath(endpoint), body: inspected.outgoing, requestId: state.requestId, signal: toClientGoneSignal(reply) });
  state.upstreamStatus = response.status;
  let bytes: Buffer | string = await readUpstreamBody(response, services.config.limits.maxResponseBytes, upstream.name);
  const contentType = toHeaderText(response.headers['content-type']) ?? 'application/json';
  if (response.status < 200 || response.status >= 300) return reply.code(response.status).header('content-type', contentType).send(bytes);
  const parsed = parseUpstreamJson(bytes, upstream.name);
  if (policy && endpoint !== 'embeddings' && policy.scanOutput) {
    const slots = toResponseSlots(parsed);
    const judgement = judgeResponse(slots, policy, inspected.canaries);
    state.detections.push(...judgement.detections);
    if (judgement.verdict === 'block') {
      state.decision = 'block';
      await recordBlock(services, request, 'blocked response');
      throw new GatewayError('GATEWAY_BLOCKED', `the response was blocked by policy (${[...new Set(judgement.detections.filter((d) => d.action === 'block').map((d) => d.category))].join(', ')})`);
    }
    if (judgement.rewrites.length) {
      for (const rewrite of judgement.rewrites) setSlotText(parsed, rewrite.path, rewrite.text);
      bytes = JSON.stringify(parsed);
      state.decision = 'redact';
    }
  }
  if (state.principal && policy) await services.limits.chargeTokens(state.principal.id, policy, (toUsageTokens(parsed) ?? 0) - Math.ceil(inspected.promptChars / 4));
  return reply.code(response.status).header('content-type', 'application/json').send(bytes);
}
