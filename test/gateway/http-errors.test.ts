// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { CitadelError } from '../../src/core/index.js';
import { GatewayError, toErrorResponse, toHttpStatus } from '../../src/gateway/index.js';
import { toGatewayError } from '../../src/gateway/http-errors.js';

describe('gateway errors on the wire', () => {
  it('maps every failure to one status and an OpenAI error object', () => {
    expect(toHttpStatus('GATEWAY_RATE_LIMITED')).toBe(429);
    expect(toHttpStatus('GATEWAY_UPSTREAM_TIMEOUT')).toBe(504);
    expect(toErrorResponse(new GatewayError('GATEWAY_BLOCKED', 'blocked'))).toEqual({
      status: 400, body: { error: { message: 'blocked', type: 'invalid_request_error', param: null, code: 'content_blocked' } },
    });
  });

  it('never shows an internal message to the caller', () => {
    const failure = toGatewayError(new TypeError('secret internal detail at /srv/app.js'));
    expect(failure.code).toBe('GATEWAY_INTERNAL');
    expect(toErrorResponse(failure).body.error.message).toBe('internal error');
  });

  it('maps fastify body errors and unreachable stores', () => {
    expect(toGatewayError(Object.assign(new Error('too big'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE' })).code).toBe('GATEWAY_BODY_TOO_LARGE');
    expect(toGatewayError(Object.assign(new Error('media'), { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' })).code).toBe('GATEWAY_UNSUPPORTED_MEDIA');
    expect(toGatewayError(new CitadelError('STORE_UNAVAILABLE', 'redis down')).code).toBe('GATEWAY_UNAVAILABLE');
    expect(toGatewayError(new CitadelError('DETECT_MODEL', 'weights')).code).toBe('GATEWAY_INTERNAL');
  });
});
