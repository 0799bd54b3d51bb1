// SPDX-License-Identifier: Apache-2.0
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { GatewayError } from '../errors.js';
import { isSameToken, toBearerToken } from '../keys/virtual-key.js';
import type { GatewayServices } from './services.js';

const createKeyBody = z.strictObject({ name: z.string().min(1).max(200), policy: z.record(z.string(), z.unknown()).optional() });
const createBanBody = z.strictObject({
  subject: z.string().regex(/^(key|ip):[^\s]{1,200}$/, 'expected key:<id> or ip:<address>'),
  seconds: z.number().int().positive().max(365 * 86_400),
  reason: z.string().max(500).default('banned by an administrator'),
});

function parseJson(body: unknown): unknown {
  if (!Buffer.isBuffer(body)) return body ?? {};
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new GatewayError('GATEWAY_BAD_REQUEST', 'expected a json body', { cause: error });
  }
}

function parseWith<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(parseJson(body));
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new GatewayError('GATEWAY_BAD_REQUEST', `${issue?.path.join('.') || 'body'}: ${issue?.message.toLowerCase() ?? 'invalid'}`);
}

/** Appends an admin action to the audit trail: who changed keys or bans is evidence too. */
function auditAdmin(services: GatewayServices, request: FastifyRequest, action: Record<string, unknown>): void {
  services.audit.record({ type: 'gateway.admin', at: new Date().toISOString(), replica: services.replica, requestId: request.citadel.requestId, client: request.citadel.client, ...action });
}

/**
 * The admin API, behind its own token (compared in constant time): keys (create, list, revoke)
 * and bans (list, issue, lift). Secrets appear once, in the answer to create.
 */
export function registerAdminRoutes(app: FastifyInstance, services: GatewayServices): void {
  const checkAdmin = (request: FastifyRequest): Promise<void> => {
    const token = toBearerToken(request.headers.authorization);
    if (!token || !isSameToken(token, services.adminToken)) return Promise.reject(new GatewayError('GATEWAY_ADMIN_UNAUTHENTICATED', 'expected the admin token in the authorization header (Bearer)'));
    return Promise.resolve();
  };
  const options = { onRequest: checkAdmin };
  app.get('/admin/keys', options, async () => ({ data: await services.keys.list() }));
  app.post('/admin/keys', options, async (request, reply) => {
    const body = parseWith(createKeyBody, request.body);
    const created = await services.keys.create(body.name, (body.policy ?? {}));
    auditAdmin(services, request, { action: 'key.create', keyId: created.info.id, name: created.info.name });
    return reply.code(201).send({ ...created.info, key: created.key });
  });
  app.delete('/admin/keys/:id', options, async (request) => {
    const id = (request.params as { id: string }).id;
    if (!(await services.keys.revoke(id))) throw new GatewayError('GATEWAY_NOT_FOUND', `no live key ${JSON.stringify(id.slice(0, 64))}`);
    await services.bus.publishKeyRevoked(id);
    auditAdmin(services, request, { action: 'key.revoke', keyId: id });
    return { id, revoked: true };
  });
  app.get('/admin/bans', options, async () => ({ data: await services.bans.list() }));
  app.post('/admin/bans', options, async (request, reply) => {
    const body = parseWith(createBanBody, request.body);
    const ban = await services.bans.ban(body.subject, body.seconds * 1000, { reason: body.reason, strikes: 0 });
    auditAdmin(services, request, { action: 'ban.create', subject: ban.subject, until: ban.until });
    return reply.code(201).send(ban);
  });
  app.delete('/admin/bans/:subject', options, async (request) => {
    const subject = (request.params as { subject: string }).subject;
    if (!(await services.bans.lift(subject))) throw new GatewayError('GATEWAY_NOT_FOUND', `no active ban on ${JSON.stringify(subject.slice(0, 64))}`);
    auditAdmin(services, request, { action: 'ban.lift', subject });
    return { subject, lifted: true };
  });
}
