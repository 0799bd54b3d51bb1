// SPDX-License-Identifier: Apache-2.0
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { request } from 'undici';
import { GatewayError } from './errors.js';
import { toGatewayCode } from './http-errors.js';
import type { KeyInfo, PolicyOverrides } from './keys/key-registry.js';
import type { Ban } from './limits/ban-list.js';

/** The admin API of a running gateway, for the CLI and for scripts. */
export interface AdminClient {
  createKey(name: string, policy?: PolicyOverrides): Promise<KeyInfo & { key: string }>;
  listKeys(): Promise<KeyInfo[]>;
  revokeKey(id: string): Promise<void>;
  listBans(): Promise<Ban[]>;
  ban(subject: string, seconds: number, reason?: string): Promise<Ban>;
  liftBan(subject: string): Promise<void>;
}

export interface AdminClientOptions {
  /** The gateway's address, e.g. http://127.0.0.1:8080 (a trailing /v1 is ignored). */
  readonly url: string;
  /** The admin token; default: $CITADEL_GATEWAY_ADMIN_TOKEN, else `<dataDir>/admin-token`. */
  readonly token?: string;
  readonly dataDir?: string;
}

const MAX_ANSWER = 16 * 1024 * 1024;

async function resolveToken(options: AdminClientOptions): Promise<string> {
  if (options.token) return options.token;
  const fromEnv = process.env['CITADEL_GATEWAY_ADMIN_TOKEN'];
  if (fromEnv) return fromEnv;
  const path = join(options.dataDir ?? '.citadel', 'admin-token');
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch (error) {
    throw new GatewayError('GATEWAY_ADMIN_UNAUTHENTICATED', `expected an admin token (--admin-token, CITADEL_GATEWAY_ADMIN_TOKEN or ${path}), got none`, { cause: error });
  }
}

/**
 * @returns a client for the admin API at `options.url`.
 * @throws GatewayError GATEWAY_ADMIN_UNAUTHENTICATED when no token can be found
 */
export async function createAdminClient(options: AdminClientOptions): Promise<AdminClient> {
  const token = await resolveToken(options);
  const base = options.url.replace(/\/+$/, '').replace(/\/v1$/, '');
  const call = async <T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> => {
    let response;
    try {
      response = await request(`${base}${path}`, {
        method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? null : JSON.stringify(body), headersTimeout: 30_000, bodyTimeout: 30_000,
      });
    } catch (error) {
      throw new GatewayError('GATEWAY_UNAVAILABLE', `cannot reach the gateway admin api at ${base}: ${(error as Error).message}`, { cause: error });
    }
    const text = await response.body.text();
    if (text.length > MAX_ANSWER) throw new GatewayError('GATEWAY_UNAVAILABLE', 'the gateway answered too much');
    const parsed = (text ? JSON.parse(text) : {}) as T & { error?: { code?: string; message?: string } };
    if (response.statusCode >= 400) throw new GatewayError(toGatewayCode(parsed.error?.code ?? '', response.statusCode), parsed.error?.message ?? `gateway answered ${response.statusCode}`);
    return parsed;
  };
  return {
    createKey: (name, policy) => call('POST', '/admin/keys', { name, ...(policy ? { policy } : {}) }),
    listKeys: async () => (await call<{ data: KeyInfo[] }>('GET', '/admin/keys')).data,
    revokeKey: async (id) => { await call('DELETE', `/admin/keys/${encodeURIComponent(id)}`); },
    listBans: async () => (await call<{ data: Ban[] }>('GET', '/admin/bans')).data,
    ban: (subject, seconds, reason) => call('POST', '/admin/bans', { subject, seconds, ...(reason ? { reason } : {}) }),
    liftBan: async (subject) => { await call('DELETE', `/admin/bans/${encodeURIComponent(subject)}`); },
  };
}
