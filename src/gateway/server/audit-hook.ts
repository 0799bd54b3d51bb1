// SPDX-License-Identifier: Apache-2.0
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuditEntry } from '../audit/audit-trail.js';
import type { JudgedDetection } from '../inspect/judge.js';
import { publishEvent } from '../observe/events.js';
import type { GatewayServices } from './services.js';

/** Detections kept per audit entry; the counts per category cover the rest. */
const MAX_AUDITED_DETECTIONS = 32;

function toCategoryScores(detections: readonly JudgedDetection[]): Record<string, number> {
  const scores: Record<string, number> = {};
  for (const d of detections) scores[d.category] = Math.max(scores[d.category] ?? 0, d.score);
  return scores;
}

function toMs(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** @returns the ledger entry for one answered /v1 request. */
export function toDecisionEntry(services: GatewayServices, request: FastifyRequest, status: number): AuditEntry {
  const s = request.citadel;
  const entry: Record<string, unknown> = {
    type: 'gateway.decision',
    at: new Date().toISOString(),
    replica: services.replica,
    requestId: s.requestId,
    keyId: s.principal?.id ?? null,
    client: s.client,
    route: s.route,
    model: s.model ?? null,
    stream: s.stream,
    decision: s.decision,
    status,
    code: s.errorCode ?? null,
    categories: toCategoryScores(s.detections),
    detections: s.detections.slice(0, MAX_AUDITED_DETECTIONS),
    latencyMs: toMs(performance.now() - s.startedAt),
    overheadMs: s.overheadMs === undefined ? null : toMs(s.overheadMs),
    upstream: s.upstream ?? null,
    upstreamStatus: s.upstreamStatus ?? null,
    requestDigest: s.requestDigest ? `sha256:${s.requestDigest}` : null,
  };
  if (s.prompt !== undefined) entry['prompt'] = s.prompt;
  if (s.ban) entry['ban'] = s.ban;
  return entry as AuditEntry;
}

/** onResponse for /v1 routes: one ledger entry, metrics and a decision event per request. */
export function auditResponse(services: GatewayServices, request: FastifyRequest, reply: FastifyReply): void {
  const s = request.citadel;
  if (s.audited || !s.route.startsWith('/v1/')) return;
  s.audited = true;
  const status = reply.statusCode;
  if (status >= 400 && s.decision === 'allow') s.decision = 'deny';
  const entry = toDecisionEntry(services, request, status);
  services.audit.record(entry);
  services.metrics.requests.inc({ route: s.route, status: String(status), verdict: s.decision });
  services.metrics.duration.observe({ route: s.route }, (performance.now() - s.startedAt) / 1000);
  for (const d of s.detections) services.metrics.detections.inc({ direction: d.direction, category: d.category, action: d.action });
  if (s.errorCode === 'rate_limit_exceeded') services.metrics.rateLimited.inc();
  publishEvent('decision', entry);
  if (s.decision === 'redact') publishEvent('redacted', { requestId: s.requestId, keyId: s.principal?.id, detections: s.detections });
}
