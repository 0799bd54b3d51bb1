// SPDX-License-Identifier: Apache-2.0
import { createServer } from 'node:http';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { GatewayError } from '../errors.js';
import { toErrorResponse, toGatewayError } from '../http-errors.js';
import { publishEvent } from '../observe/events.js';
import { registerAdminRoutes } from './admin-routes.js';
import { auditResponse } from './audit-hook.js';
import { registerHealthRoutes } from './health-routes.js';
import { registerProxyRoutes } from './proxy-routes.js';
import { createRequestState } from './request-state.js';
import type { GatewayServices } from './services.js';

/** Node checks request deadlines on this interval; a 30 s default would let slow clients linger. */
function toCheckInterval(requestTimeoutMs: number): number {
  return Math.max(100, Math.min(1_000, Math.floor(requestTimeoutMs / 4)));
}

function registerErrorHandling(app: FastifyInstance, services: GatewayServices): void {
  app.setErrorHandler((error, request, reply) => {
    const failure = toGatewayError(error);
    if (failure.code === 'GATEWAY_INTERNAL') services.logger.error({ err: error, requestId: request.citadel.requestId }, 'internal error');
    const { status, body } = toErrorResponse(failure);
    request.citadel.errorCode = body.error.code;
    if (failure.code === 'GATEWAY_RATE_LIMITED') publishEvent('rateLimited', { requestId: request.citadel.requestId, keyId: request.citadel.principal?.id, client: request.citadel.client });
    if (failure.retryAfterSeconds !== undefined) void reply.header('retry-after', String(failure.retryAfterSeconds));
    void reply.code(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const { status, body } = toErrorResponse(new GatewayError('GATEWAY_NOT_FOUND', `no route ${request.method} ${request.url.slice(0, 200)}`));
    void reply.code(status).send(body);
  });
}

/**
 * Builds the gateway's HTTP server: body limits (413 before the body is read whole), request
 * deadlines (slow clients get 408), raw JSON bodies kept as bytes so unchanged requests are
 * forwarded byte for byte, errors in OpenAI's shape, one audit entry per /v1 request.
 * @returns the fastify instance, not yet listening.
 */
export function buildServer(services: GatewayServices): FastifyInstance {
  const limits = services.config.limits;
  const logger: FastifyBaseLogger = services.logger;
  const app = Fastify({
    loggerInstance: logger,
    // Decisions go to the audit trail and metrics; per-request log lines would only duplicate them.
    logController: new LogController({ disableRequestLogging: true }),
    // No child logger per request: the hot path stays allocation-light and logs carry requestId.
    childLoggerFactory: (parent) => parent,
    bodyLimit: limits.maxBodyBytes,
    trustProxy: services.config.trustProxy,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    serverFactory: (handler) => createServer({
      requestTimeout: limits.requestTimeout,
      headersTimeout: Math.min(limits.requestTimeout, 60_000),
      keepAliveTimeout: limits.keepAliveTimeout,
      connectionsCheckingInterval: toCheckInterval(limits.requestTimeout),
    }, handler),
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => { done(null, body); });
  app.decorateRequest('citadel', null as never);
  app.addHook('onRequest', (request, reply, done) => {
    request.citadel = createRequestState(request);
    // The same id is in the audit entry and sent upstream, so one request can be followed end to end.
    void reply.header('x-request-id', request.citadel.requestId);
    done();
  });
  app.addHook('onResponse', (request, reply, done) => {
    auditResponse(services, request, reply);
    done();
  });
  registerErrorHandling(app, services);
  registerHealthRoutes(app, services);
  registerProxyRoutes(app, services);
  registerAdminRoutes(app, services);
  return app;
}
