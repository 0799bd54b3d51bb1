// SPDX-License-Identifier: Apache-2.0
import { GatewayError } from '../errors.js';
import type { UpstreamClient } from './upstream-client.js';

const globCache = new Map<string, RegExp>();
const MAX_CACHED_GLOBS = 10_000;

function toGlobRegExp(glob: string): RegExp {
  let re = globCache.get(glob);
  if (re) return re;
  const source = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  re = new RegExp(`^${source}$`, 's');
  if (globCache.size < MAX_CACHED_GLOBS) globCache.set(glob, re);
  return re;
}

/** @returns true when `model` matches one of the globs (`*` any run, `?` one character). */
export function isModelMatch(globs: readonly string[], model: string): boolean {
  for (const glob of globs) {
    if (glob === '*' || glob === model) return true;
    if ((glob.includes('*') || glob.includes('?')) && toGlobRegExp(glob).test(model)) return true;
  }
  return false;
}

/** Chooses the upstream for a model: the first in configuration order whose globs match. */
export class ModelRouter {
  constructor(readonly upstreams: readonly UpstreamClient[]) {}

  /**
   * @throws GatewayError GATEWAY_MODEL_NOT_FOUND when no upstream serves `model`.
   * @returns the upstream for `model`.
   */
  route(model: string): UpstreamClient {
    for (const upstream of this.upstreams) if (isModelMatch(upstream.models, model)) return upstream;
    throw new GatewayError('GATEWAY_MODEL_NOT_FOUND', `no upstream serves model ${JSON.stringify(model.slice(0, 200))}`);
  }

  async close(): Promise<void> {
    await Promise.all(this.upstreams.map((u) => u.close()));
  }
}
