// SPDX-License-Identifier: Apache-2.0
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { JudgedDetection } from '../inspect/judge.js';
import type { KeyPrincipal } from '../keys/key-registry.js';

/** What the gateway learnt and decided about one request; the audit entry is made from it. */
export interface RequestState {
  readonly requestId: string;
  readonly startedAt: number;
  readonly client: string;
  route: string;
  principal: KeyPrincipal | undefined;
  model: string | undefined;
  stream: boolean;
  /** allow, redact, block (a detector), or deny (auth, ban, limit, malformed). */
  decision: 'allow' | 'redact' | 'block' | 'deny';
  /** The stable error code answered, when the request failed. */
  errorCode: string | undefined;
  detections: JudgedDetection[];
  /** sha256 of the raw request body, hex. */
  requestDigest: string | undefined;
  /** Prompt text for the audit entry, when configured. */
  prompt: string | undefined;
  upstream: string | undefined;
  upstreamStatus: number | undefined;
  /** Milliseconds spent before the upstream call: the gateway's own overhead. */
  overheadMs: number | undefined;
  /** The ban this request triggered. */
  ban: { readonly subject: string; readonly until: number } | undefined;
  /** A handler that answers by itself (a stream) sets this to skip nothing; audited once. */
  audited: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    citadel: RequestState;
  }
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** @returns a new state for `request`, keeping a sane caller-supplied x-request-id. */
export function createRequestState(request: FastifyRequest): RequestState {
  const header = request.headers['x-request-id'];
  const requestId = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
  return {
    requestId, startedAt: performance.now(), client: request.ip, route: request.routeOptions.url ?? 'unmatched',
    principal: undefined, model: undefined, stream: false, decision: 'allow', errorCode: undefined, detections: [],
    requestDigest: undefined, prompt: undefined, upstream: undefined, upstreamStatus: undefined, overheadMs: undefined,
    ban: undefined, audited: false,
  };
}
