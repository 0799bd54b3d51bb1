// SPDX-License-Identifier: Apache-2.0
import { CitadelError } from '../core/index.js';

/** Stable codes raised by the gateway; `http-errors.ts` maps each to one HTTP status in one place. */
export type GatewayErrorCode =
  | 'GATEWAY_CONFIG_INVALID' // the YAML file or an environment override breaks the schema
  | 'GATEWAY_BAD_REQUEST' // malformed JSON, or a body that is not the OpenAI request shape
  | 'GATEWAY_BODY_TOO_LARGE' // a request body over the configured byte limit
  | 'GATEWAY_UNSUPPORTED_MEDIA' // a body that is not application/json
  | 'GATEWAY_REQUEST_TIMEOUT' // a client too slow to send its request
  | 'GATEWAY_UNAUTHENTICATED' // no virtual key, an unknown one or a revoked one
  | 'GATEWAY_ADMIN_UNAUTHENTICATED' // the admin API without the admin token
  | 'GATEWAY_BANNED' // a key or client address under a temporary ban
  | 'GATEWAY_RATE_LIMITED' // requests or tokens over the window's limit
  | 'GATEWAY_MODEL_FORBIDDEN' // a model the key's policy does not allow
  | 'GATEWAY_MODEL_NOT_FOUND' // no upstream route serves the model
  | 'GATEWAY_BLOCKED' // a detector whose policy action is block matched
  | 'GATEWAY_NOT_FOUND' // no such route, key or ban
  | 'GATEWAY_UPSTREAM_UNAVAILABLE' // the upstream refused, reset or answered garbage
  | 'GATEWAY_UPSTREAM_TIMEOUT' // the upstream did not answer in time
  | 'GATEWAY_UNAVAILABLE' // the gateway is starting or closing
  | 'GATEWAY_INTERNAL'; // a bug: logged with its cause, never shown to the caller

export class GatewayError extends CitadelError<GatewayErrorCode> {
  /** Seconds a client should wait before retrying (429, 403 for bans), for the retry-after header. */
  readonly retryAfterSeconds: number | undefined;

  constructor(code: GatewayErrorCode, message: string, options?: { cause?: unknown; retryAfterSeconds?: number }) {
    super(code, message, options);
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }
}
