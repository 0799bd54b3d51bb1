// SPDX-License-Identifier: Apache-2.0
import type { FastifyRequest } from 'fastify';
import { GatewayError } from '../errors.js';
import { toBearerToken } from '../keys/virtual-key.js';
import type { Ban } from '../limits/ban-list.js';
import { publishEvent } from '../observe/events.js';
import type { GatewayServices } from './services.js';

function toBanned(ban: Ban, now: number): GatewayError {
  const retryAfterSeconds = Math.max(1, Math.ceil((ban.until - now) / 1000));
  return new GatewayError('GATEWAY_BANNED', `temporarily banned for ${retryAfterSeconds} s after repeated blocked requests`, { retryAfterSeconds });
}

/** Refuses traffic the gateway cannot audit or serve: closing, or the ledger too far behind. */
function checkAvailable(services: GatewayServices): void {
  if (services.isClosing()) throw new GatewayError('GATEWAY_UNAVAILABLE', 'the gateway is shutting down');
  if (services.audit.isBacklogged()) throw new GatewayError('GATEWAY_UNAVAILABLE', 'the audit ledger is behind; refusing unaudited traffic');
}

/** Records a ban this request triggered: on the request's audit entry, in metrics, events and alerts. */
function announceBan(services: GatewayServices, request: FastifyRequest, ban: Ban): void {
  request.citadel.ban = { subject: ban.subject, until: ban.until };
  services.metrics.bansIssued.inc();
  publishEvent('banned', { subject: ban.subject, until: ban.until, reason: ban.reason });
  services.alerts.enqueue({ type: 'ban', at: new Date().toISOString(), replica: services.replica, subject: ban.subject, until: new Date(ban.until).toISOString(), reason: ban.reason, strikes: ban.strikes });
}

/** Counts a blocked request or a wrong key against the client address, when configured to. */
async function strikeAddress(services: GatewayServices, request: FastifyRequest, reason: string): Promise<void> {
  if (!services.config.bans.strikeAddresses) return;
  const ban = await services.strikes.strike(`ip:${request.citadel.client}`, reason);
  if (ban) announceBan(services, request, ban);
}

/**
 * The gate every /v1 request passes before its body is read: availability, the client
 * address's ban and rate, the virtual key, the key's ban and its request rate. Cheap checks come
 * first; only the rate counters may leave the process (Redis).
 * @throws GatewayError GATEWAY_UNAVAILABLE, GATEWAY_BANNED, GATEWAY_RATE_LIMITED, GATEWAY_UNAUTHENTICATED
 */
export async function passGate(services: GatewayServices, request: FastifyRequest): Promise<void> {
  const state = request.citadel;
  checkAvailable(services);
  const now = Date.now();
  const addressBan = services.bans.check(`ip:${state.client}`, now);
  if (addressBan) throw toBanned(addressBan, now);
  await services.limits.admitAddress(state.client);
  const token = toBearerToken(request.headers.authorization) ?? headerKey(request.headers['api-key']);
  const principal = token ? await services.keys.authenticate(token) : undefined;
  if (!principal) {
    await strikeAddress(services, request, 'wrong virtual key');
    throw new GatewayError('GATEWAY_UNAUTHENTICATED', token ? 'expected a valid virtual key, got an unknown, revoked or malformed one' : 'expected a virtual key in the authorization header (Bearer), got none');
  }
  state.principal = principal;
  const keyBan = services.bans.check(`key:${principal.id}`, now);
  if (keyBan) throw toBanned(keyBan, now);
  await services.limits.admitRequest(principal.id, principal.policy);
}

/** Azure-style clients send the key in `api-key`; accept it too. */
function headerKey(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' && value.length <= 256 ? value : undefined;
}

/** Records a blocked request: a strike on the key (and address), a burst alert, events. */
export async function recordBlock(services: GatewayServices, request: FastifyRequest, reason: string): Promise<void> {
  const state = request.citadel;
  const keyId = state.principal?.id;
  publishEvent('blocked', { requestId: state.requestId, keyId, route: state.route, reason, detections: state.detections });
  if (!keyId) return;
  if (services.bursts.record(`key:${keyId}`)) {
    services.alerts.enqueue({ type: 'block-burst', at: new Date().toISOString(), replica: services.replica, subject: `key:${keyId}`, blocks: services.config.alerts.burstBlocks, windowMs: services.config.alerts.burstWindow });
  }
  const ban = await services.strikes.strike(`key:${keyId}`, reason);
  if (ban) announceBan(services, request, ban);
  await strikeAddress(services, request, reason);
}
