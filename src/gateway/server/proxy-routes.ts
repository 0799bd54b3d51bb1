// SPDX-License-Identifier: Apache-2.0
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GatewayError } from '../errors.js';
import { parseRequestBody, type Endpoint } from '../inspect/request-body.js';
import { toTokenEstimate } from '../limits/rate-limits.js';
import { forwardJson } from './forward-json.js';
import { forwardStream } from './forward-stream.js';
import { passGate, recordBlock } from './gate-hooks.js';
import { checkModel, inspectRequest, toAuditPrompt } from './inspect-request.js';
import { listModels, retrieveModel } from './models-route.js';
import type { GatewayServices } from './services.js';

function toBlockMessage(categories: readonly string[]): string {
  return `the request was blocked by policy (${[...new Set(categories)].join(', ')}); it was not sent to the model`;
}

/**
 * One proxied call, as named steps: parse -> check model and route -> inspect -> block or
 * rewrite -> take tokens -> forward (streamed or not). A blocked request never reaches the upstream.
 */
async function proxy(services: GatewayServices, endpoint: Endpoint, exchange: { request: FastifyRequest; reply: FastifyReply }): Promise<FastifyReply> {
  const state = exchange.request.citadel;
  const principal = state.principal;
  if (!principal) throw new GatewayError('GATEWAY_UNAUTHENTICATED', 'expected an authenticated request');
  if (!Buffer.isBuffer(exchange.request.body)) throw new GatewayError('GATEWAY_BAD_REQUEST', 'expected a json body');
  const body = parseRequestBody(exchange.request.body, endpoint, services.config.limits);
  state.model = body.model;
  checkModel(principal.policy, body.model);
  const upstream = services.router.route(body.model);
  state.upstream = upstream.name;
  const inspected = inspectRequest(exchange.request.body, body, { endpoint, config: services.config, policy: principal.policy, keyId: principal.id });
  state.stream = inspected.stream;
  state.requestDigest = inspected.digest;
  state.detections.push(...inspected.judgement.detections);
  state.prompt = toAuditPrompt(inspected.slots, services.config.audit.prompts);
  if (inspected.judgement.verdict === 'block') {
    state.decision = 'block';
    await recordBlock(services, exchange.request, 'blocked request');
    throw new GatewayError('GATEWAY_BLOCKED', toBlockMessage(inspected.judgement.detections.filter((d) => d.action === 'block').map((d) => d.category)));
  }
  if (inspected.judgement.verdict === 'redact') state.decision = 'redact';
  await services.limits.admitTokens(principal.id, principal.policy, toTokenEstimate(inspected.promptChars));
  state.overheadMs = performance.now() - state.startedAt;
  services.metrics.overhead.observe({ route: state.route }, state.overheadMs / 1000);
  const options = { endpoint, upstream, inspected };
  return inspected.stream ? forwardStream(services, exchange, options) : forwardJson(services, exchange, options);
}

const ENDPOINTS: readonly (readonly [string, Endpoint])[] = [
  ['/v1/chat/completions', 'chat'],
  ['/v1/completions', 'completions'],
  ['/v1/embeddings', 'embeddings'],
];

/** Registers the OpenAI API surface: chat completions, completions, embeddings and models. */
export function registerProxyRoutes(app: FastifyInstance, services: GatewayServices): void {
  const gate = async (request: FastifyRequest): Promise<void> => { await passGate(services, request); };
  for (const [url, endpoint] of ENDPOINTS) {
    app.post(url, { onRequest: gate }, (request, reply) => proxy(services, endpoint, { request, reply }));
  }
  app.get('/v1/models', { onRequest: gate }, (request) => listModels(services, request));
  app.get('/v1/models/:model', { onRequest: gate }, (request) => retrieveModel(services, request, (request.params as { model: string }).model));
}
