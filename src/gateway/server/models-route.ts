// SPDX-License-Identifier: Apache-2.0
import type { FastifyRequest } from 'fastify';
import { GatewayError } from '../errors.js';
import { isModelMatch } from '../upstream/model-router.js';
import { readUpstreamBody, type UpstreamClient } from '../upstream/upstream-client.js';
import type { GatewayServices } from './services.js';

interface ModelEntry {
  readonly id: string;
  readonly [field: string]: unknown;
}

/** Model lists change rarely; each upstream is asked at most this often. */
const CACHE_MS = 10_000;
const MAX_MODELS_BYTES = 4 * 1024 * 1024;
const MAX_MODELS = 10_000;
const cache = new WeakMap<UpstreamClient, { at: number; models: ModelEntry[] }>();

async function fetchModels(upstream: UpstreamClient, requestId: string): Promise<ModelEntry[]> {
  const hit = cache.get(upstream);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.models;
  const response = await upstream.send({ method: 'GET', path: '/models', requestId });
  const bytes = await readUpstreamBody(response, MAX_MODELS_BYTES, upstream.name);
  if (response.status !== 200) throw new GatewayError('GATEWAY_UPSTREAM_UNAVAILABLE', `upstream ${upstream.name} answered ${response.status} to the model list`);
  let data: unknown;
  try {
    data = (JSON.parse(bytes.toString('utf8')) as { data?: unknown }).data;
  } catch (error) {
    throw new GatewayError('GATEWAY_UPSTREAM_UNAVAILABLE', `upstream ${upstream.name} answered a model list that is not json`, { cause: error });
  }
  const models = (Array.isArray(data) ? data : [])
    .filter((m: unknown): m is ModelEntry => typeof (m as ModelEntry | null)?.id === 'string')
    .filter((m) => isModelMatch(upstream.models, m.id))
    .slice(0, MAX_MODELS);
  cache.set(upstream, { at: Date.now(), models });
  return models;
}

/**
 * GET /v1/models: the union of the upstreams' lists, each model served by the upstream that
 * routes it, filtered by the caller's policy. One unreachable upstream is skipped; all, 502.
 * @throws GatewayError GATEWAY_UPSTREAM_UNAVAILABLE when no upstream answers
 * @returns an OpenAI list object.
 */
export async function listModels(services: GatewayServices, request: FastifyRequest): Promise<{ object: 'list'; data: ModelEntry[] }> {
  const policy = request.citadel.principal?.policy;
  const results = await Promise.allSettled(services.router.upstreams.map((u) => fetchModels(u, request.citadel.requestId)));
  const failures = results.filter((r) => r.status === 'rejected');
  if (failures.length === results.length && failures[0]) throw failures[0].reason;
  const seen = new Set<string>();
  const data: ModelEntry[] = [];
  for (const result of results) {
    if (result.status !== 'fulfilled') continue;
    for (const model of result.value) {
      if (seen.has(model.id) || (policy && !isModelMatch(policy.models, model.id))) continue;
      seen.add(model.id);
      data.push(model);
    }
  }
  return { object: 'list', data };
}

/**
 * GET /v1/models/:model
 * @throws GatewayError GATEWAY_MODEL_NOT_FOUND when no upstream lists it for this key
 * @returns the model object.
 */
export async function retrieveModel(services: GatewayServices, request: FastifyRequest, id: string): Promise<ModelEntry> {
  const { data } = await listModels(services, request);
  const model = data.find((m) => m.id === id);
  if (!model) throw new GatewayError('GATEWAY_MODEL_NOT_FOUND', `no model ${JSON.stringify(id.slice(0, 200))}`);
  return model;
}
