// SPDX-License-Identifier: Apache-2.0
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { pino } from 'pino';
import { createAdminClient, startGateway, toGatewayConfig, type AdminClient, type Gateway, type GatewayConfig } from '../../../src/gateway/index.js';
import { startFakeUpstream, type FakeUpstream } from './fake-upstream.js';

export interface TestRig {
  readonly upstream: FakeUpstream;
  readonly gateway: Gateway;
  readonly config: GatewayConfig;
  readonly admin: AdminClient;
  readonly dataDir: string;
  /** @returns an OpenAI SDK client for a fresh key (policy overrides optional). */
  client(policy?: Record<string, unknown>): Promise<{ openai: OpenAI; id: string; key: string }>;
  close(): Promise<void>;
}

/** Starts a fake upstream and an embedded gateway (SQLite in a temp dir) in front of it. */
export async function startRig(overrides: Record<string, unknown> = {}, upstreamOverrides: Record<string, unknown> = {}): Promise<TestRig> {
  const upstream = await startFakeUpstream();
  const dataDir = mkdtempSync(join(tmpdir(), 'citadel-gw-'));
  const limits = { shutdownGrace: 1_000, ...(overrides['limits'] as object | undefined) };
  const config = toGatewayConfig({ port: 0, dataDir, logLevel: 'silent', upstreams: [{ url: upstream.url, ...upstreamOverrides }], audit: { flushInterval: 20 }, ...overrides, limits });
  const gateway = await startGateway(config, { logger: pino({ level: 'silent' }) });
  const admin = await createAdminClient({ url: gateway.url, token: gateway.adminToken });
  return {
    upstream, gateway, config, admin, dataDir,
    async client(policy) {
      const created = await admin.createKey('test', policy);
      return { openai: new OpenAI({ baseURL: gateway.url, apiKey: created.key, maxRetries: 0, timeout: 20_000 }), id: created.id, key: created.key };
    },
    async close() {
      await gateway.close();
      await upstream.close();
    },
  };
}
