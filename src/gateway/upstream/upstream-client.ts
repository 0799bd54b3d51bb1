// SPDX-License-Identifier: Apache-2.0
import type { IncomingHttpHeaders } from 'node:http';
import { Pool } from 'undici';
import type { UpstreamConfig } from '../config/schema.js';
import type { CancelSignal } from './cancel-signal.js';
import { GatewayError } from '../errors.js';

/** A response from the upstream whose body has not been read yet. */
export interface UpstreamResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: AsyncIterable<Uint8Array> & { destroy(error?: Error): void };
}

export interface UpstreamRequestOptions {
  readonly method: 'GET' | 'POST';
  /** Path after the upstream's base, e.g. `/chat/completions`. */
  readonly path: string;
  readonly body?: Buffer | string;
  readonly accept?: string;
  readonly requestId: string;
  /** Aborted when the caller goes away, so the upstream stops generating (and billing). */
  readonly signal?: AbortSignal | CancelSignal;
}

/** undici codes for an upstream too slow to connect, answer or keep streaming. */
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/**
 * @returns the GatewayError for an upstream failure: 504 for every timeout (RFC 9110 §15.6.5),
 * 502 for a refused, reset or broken connection (§15.6.3).
 */
export function toUpstreamError(error: unknown, name: string): GatewayError {
  if (error instanceof GatewayError) return error;
  const raw = (error as { code?: unknown } | null)?.code;
  const code = typeof raw === 'string' ? raw : '';
  if (TIMEOUT_CODES.has(code)) return new GatewayError('GATEWAY_UPSTREAM_TIMEOUT', `upstream ${name} did not answer in time (${code.toLowerCase()})`, { cause: error });
  return new GatewayError('GATEWAY_UPSTREAM_UNAVAILABLE', `upstream ${name} is unavailable (${code.toLowerCase() || 'connection failed'})`, { cause: error });
}

/** One OpenAI-compatible upstream behind a keep-alive connection pool. */
export class UpstreamClient {
  readonly name: string;
  readonly models: readonly string[];
  private readonly pool: Pool;
  private readonly basePath: string;
  private readonly authorization: string | undefined;

  constructor(config: UpstreamConfig, apiKey: string | undefined) {
    const url = new URL(config.url);
    this.name = config.name;
    this.models = config.models;
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.authorization = apiKey ? `Bearer ${apiKey}` : undefined;
    this.pool = new Pool(url.origin, {
      connections: config.connections,
      connectTimeout: config.connectTimeout,
      headersTimeout: config.headersTimeout,
      bodyTimeout: config.bodyTimeout,
      keepAliveTimeout: 30_000,
    });
  }

  /**
   * Sends one request. The caller's credentials never travel: the upstream sees only its own key.
   * @throws GatewayError GATEWAY_UPSTREAM_UNAVAILABLE or GATEWAY_UPSTREAM_TIMEOUT
   * @returns the status, headers and unread body.
   */
  async send(options: UpstreamRequestOptions): Promise<UpstreamResponse> {
    const headers: Record<string, string> = {
      accept: options.accept ?? 'application/json',
      // Identity encoding: detection must read the text, and re-compressing buys nothing on a LAN hop.
      'accept-encoding': 'identity',
      'x-request-id': options.requestId,
    };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (this.authorization) headers['authorization'] = this.authorization;
    try {
      const response = await this.pool.request({
        method: options.method, path: this.basePath + options.path, headers, body: options.body ?? null, signal: options.signal ?? null,
      });
      return { status: response.statusCode, headers: response.headers, body: response.body };
    } catch (error) {
      throw toUpstreamError(error, this.name);
    }
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}

/** What readUpstreamBody needs of a body to read it with events rather than an async iterator. */
interface EventedBody {
  readonly destroyed: boolean;
  readonly readableEnded: boolean;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'end' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeAllListeners(event: 'data' | 'end' | 'close'): unknown;
  destroy(error?: Error): void;
}

function isEventedBody(body: unknown): body is EventedBody {
  const b = body as Partial<EventedBody>;
  return typeof b.on === 'function' && typeof b.removeAllListeners === 'function' && b.destroyed === false && b.readableEnded === false;
}

function toTooLarge(name: string, maxBytes: number): GatewayError {
  return new GatewayError('GATEWAY_UPSTREAM_UNAVAILABLE', `upstream ${name} answered more than ${maxBytes} bytes`);
}

/**
 * Reads a live body with data and end events. An async iterator over the same stream costs
 * about ten microseconds more per response (its promise per chunk and end-of-stream tracking),
 * paid on every proxied call. The error listener stays attached once settled, so a late error
 * from a destroyed body cannot go unhandled.
 */
function readEvents(body: EventedBody, maxBytes: number, name: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (error: unknown): void => {
      if (settled) return;
      settled = true;
      body.removeAllListeners('data');
      if (error === undefined) resolve(chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks, size));
      else reject(error instanceof GatewayError ? error : toUpstreamError(error, name));
    };
    body.on('data', (chunk) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
      else { settle(toTooLarge(name, maxBytes)); body.destroy(); }
    });
    body.on('end', () => { settle(undefined); });
    body.on('error', (error) => { settle(error); });
    // Closed before its end: the connection broke, as an iterator would report it. Every body
    // closes after its end too, so the error (and its stack trace) is built only when unsettled.
    body.on('close', () => { if (!settled) settle(Object.assign(new Error('premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' })); });
  });
}

/**
 * Reads a whole upstream body, refusing more than `maxBytes`.
 * @throws GatewayError GATEWAY_UPSTREAM_UNAVAILABLE over the bound; timeouts as toUpstreamError
 * @returns the bytes.
 */
export async function readUpstreamBody(response: UpstreamResponse, maxBytes: number, name: string): Promise<Buffer> {
  if (isEventedBody(response.body)) return readEvents(response.body, maxBytes, name);
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body) {
      size += chunk.length;
      if (size > maxBytes) {
        response.body.destroy();
        throw toTooLarge(name, maxBytes);
      }
      chunks.push(chunk);
    }
  } catch (error) {
    throw toUpstreamError(error, name);
  }
  return chunks.length === 1 && Buffer.isBuffer(chunks[0]) ? chunks[0] : Buffer.concat(chunks, size);
}
