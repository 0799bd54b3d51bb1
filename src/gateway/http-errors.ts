// SPDX-License-Identifier: Apache-2.0
import { isCitadelError } from '../core/index.js';
import { GatewayError, type GatewayErrorCode } from './errors.js';

/** OpenAI's error object (https://platform.openai.com/docs/guides/error-codes), which every SDK parses. */
export interface OpenAiErrorBody {
  readonly error: { readonly message: string; readonly type: string; readonly param: string | null; readonly code: string };
}

interface HttpMapping {
  readonly status: number;
  readonly type: string;
  /** The stable `error.code` clients branch on; OpenAI's own code where one exists. */
  readonly code: string;
}

/** The one place where gateway codes become HTTP statuses (DESIGN.md, Errors). */
const HTTP_ERRORS: Readonly<Record<GatewayErrorCode, HttpMapping>> = {
  GATEWAY_CONFIG_INVALID: { status: 500, type: 'server_error', code: 'config_invalid' },
  GATEWAY_BAD_REQUEST: { status: 400, type: 'invalid_request_error', code: 'invalid_request' },
  GATEWAY_BODY_TOO_LARGE: { status: 413, type: 'invalid_request_error', code: 'request_too_large' },
  GATEWAY_UNSUPPORTED_MEDIA: { status: 415, type: 'invalid_request_error', code: 'unsupported_media_type' },
  GATEWAY_REQUEST_TIMEOUT: { status: 408, type: 'invalid_request_error', code: 'request_timeout' },
  GATEWAY_UNAUTHENTICATED: { status: 401, type: 'invalid_request_error', code: 'invalid_api_key' },
  GATEWAY_ADMIN_UNAUTHENTICATED: { status: 401, type: 'invalid_request_error', code: 'invalid_admin_token' },
  GATEWAY_BANNED: { status: 403, type: 'permission_error', code: 'banned' },
  GATEWAY_RATE_LIMITED: { status: 429, type: 'rate_limit_error', code: 'rate_limit_exceeded' },
  GATEWAY_MODEL_FORBIDDEN: { status: 403, type: 'permission_error', code: 'model_not_allowed' },
  GATEWAY_MODEL_NOT_FOUND: { status: 404, type: 'invalid_request_error', code: 'model_not_found' },
  GATEWAY_BLOCKED: { status: 400, type: 'invalid_request_error', code: 'content_blocked' },
  GATEWAY_NOT_FOUND: { status: 404, type: 'invalid_request_error', code: 'not_found' },
  GATEWAY_UPSTREAM_UNAVAILABLE: { status: 502, type: 'server_error', code: 'upstream_unavailable' },
  GATEWAY_UPSTREAM_TIMEOUT: { status: 504, type: 'server_error', code: 'upstream_timeout' },
  GATEWAY_UNAVAILABLE: { status: 503, type: 'server_error', code: 'unavailable' },
  GATEWAY_INTERNAL: { status: 500, type: 'server_error', code: 'internal_error' },
};

/** Fastify's own error codes for what arrives before a handler runs. */
const FASTIFY_CODES: Readonly<Record<string, GatewayErrorCode>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'GATEWAY_BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'GATEWAY_UNSUPPORTED_MEDIA',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'GATEWAY_BAD_REQUEST',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'GATEWAY_BAD_REQUEST',
  FST_ERR_CTP_INVALID_TYPE: 'GATEWAY_BAD_REQUEST',
  FST_ERR_CTP_INVALID_CONTENT_TYPE: 'GATEWAY_UNSUPPORTED_MEDIA',
};

/** @returns the HTTP status of a gateway error code. */
export function toHttpStatus(code: GatewayErrorCode): number {
  return HTTP_ERRORS[code].status;
}

/**
 * Turns anything thrown while serving a request into a GatewayError. Errors that are not ours
 * become GATEWAY_INTERNAL so no internal message reaches the caller.
 * @returns the error as a GatewayError.
 */
export function toGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code in FASTIFY_CODES) {
    const mapped = FASTIFY_CODES[code] ?? 'GATEWAY_BAD_REQUEST';
    return new GatewayError(mapped, mapped === 'GATEWAY_BODY_TOO_LARGE' ? 'request body is over the size limit' : `request rejected: ${code.toLowerCase()}`, { cause: error });
  }
  // A store or Redis that cannot be reached: the request is refused (fail closed) as a 503.
  if (isCitadelError(error, 'STORE_UNAVAILABLE') || isCitadelError(error, 'STORE_CLOSED')) return new GatewayError('GATEWAY_UNAVAILABLE', 'a backing store is unavailable', { cause: error });
  if (isCitadelError(error)) return new GatewayError('GATEWAY_INTERNAL', 'internal error', { cause: error });
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (status === 400) return new GatewayError('GATEWAY_BAD_REQUEST', 'malformed request', { cause: error });
  return new GatewayError('GATEWAY_INTERNAL', 'internal error', { cause: error });
}

/** @returns the status and OpenAI-shaped body for `error`. */
export function toErrorResponse(error: GatewayError, param: string | null = null): { status: number; body: OpenAiErrorBody } {
  const mapping = HTTP_ERRORS[error.code];
  const message = error.code === 'GATEWAY_INTERNAL' ? 'internal error' : error.message;
  return { status: mapping.status, body: { error: { message, type: mapping.type, param, code: mapping.code } } };
}

/** @returns the gateway code behind an OpenAI-shaped `error.code`, for clients of the admin API. */
export function toGatewayCode(code: string, status: number): GatewayErrorCode {
  for (const [name, mapping] of Object.entries(HTTP_ERRORS) as [GatewayErrorCode, HttpMapping][]) if (mapping.code === code) return name;
  return status >= 500 ? 'GATEWAY_UNAVAILABLE' : 'GATEWAY_BAD_REQUEST';
}
