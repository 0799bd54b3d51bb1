// SPDX-License-Identifier: Apache-2.0
import type { FastifyInstance } from 'fastify';
import type { GatewayServices } from './services.js';

/** Liveness, readiness (store reachable, ledger keeping up, not closing) and Prometheus metrics. */
export function registerHealthRoutes(app: FastifyInstance, services: GatewayServices): void {
  app.get('/healthz', () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const problems: string[] = [];
    if (services.isClosing()) problems.push('closing');
    if (services.audit.isBacklogged()) problems.push('audit ledger behind');
    try {
      await services.store.get('SELECT 1 AS ok');
    } catch {
      problems.push('store unreachable');
    }
    return reply.code(problems.length ? 503 : 200).send({ status: problems.length ? 'unready' : 'ready', problems });
  });
  app.get('/metrics', async (_request, reply) => {
    services.metrics.activeBans.set(services.bans.count());
    services.metrics.auditQueue.set(services.audit.pending());
    return reply.header('content-type', services.metrics.registry.contentType).send(await services.metrics.registry.metrics());
  });
}
