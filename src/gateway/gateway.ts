// SPDX-License-Identifier: Apache-2.0
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { pino, type Logger } from 'pino';
import { openLedger, openSigner, type Ledger } from '../ledger/index.js';
import { openCounters, openExpiringSet, openPubSub, openStore, type ExpiringSet, type PubSub, type RateCounter, type Store } from '../store/index.js';
import { BurstDetector } from './alerts/burst-detector.js';
import { WebhookQueue } from './alerts/webhook-queue.js';
import { AuditTrail } from './audit/audit-trail.js';
import type { GatewayConfig } from './config/schema.js';
import { GatewayError } from './errors.js';
import { GATEWAY_MIGRATIONS } from './keys/gateway-schema.js';
import { KeyRegistry } from './keys/key-registry.js';
import { toPolicyProblems } from './keys/policy.js';
import { BanList } from './limits/ban-list.js';
import { GatewayBus } from './limits/gateway-bus.js';
import { RateLimits } from './limits/rate-limits.js';
import { Strikes } from './limits/strikes.js';
import { GatewayMetrics } from './observe/metrics.js';
import { buildServer } from './server/build-server.js';
import type { GatewayServices } from './server/services.js';
import { ModelRouter } from './upstream/model-router.js';
import { UpstreamClient } from './upstream/upstream-client.js';

/** A running gateway. */
export interface Gateway {
  /** Base URL of the OpenAI API, e.g. `http://127.0.0.1:8080/v1`: an OpenAI SDK's baseURL. */
  readonly url: string;
  readonly port: number;
  /** The admin token (from the config or `<dataDir>/admin-token`). */
  readonly adminToken: string;
  /** Stops taking requests, finishes those in flight, flushes the audit trail and signs a checkpoint. */
  close(): Promise<void>;
}

export interface StartGatewayOptions {
  /** A logger to use instead of pino on stdout (tests, embedding). */
  readonly logger?: Logger;
  /** Environment for apiKeyEnv / secretEnv lookups; default process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

interface Shared {
  readonly counters: RateCounter;
  readonly set: ExpiringSet;
  readonly pubsub: PubSub;
}

const ADMIN_TOKEN_FILE = 'admin-token';

/** @returns the admin token from the config, else from <dataDir>/admin-token, created (0600) on first start. */
async function loadAdminToken(config: GatewayConfig, dataDir: string): Promise<string> {
  if (config.adminToken) return config.adminToken;
  const path = join(dataDir, ADMIN_TOKEN_FILE);
  try {
    await writeFile(path, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new GatewayError('GATEWAY_CONFIG_INVALID', `cannot create the admin token file ${path}`, { cause: error });
  }
  const token = (await readFile(path, 'utf8')).trim();
  if (token.length < 24) throw new GatewayError('GATEWAY_CONFIG_INVALID', `expected an admin token of at least 24 characters in ${path}, got ${token.length}`);
  return token;
}

async function openShared(config: GatewayConfig): Promise<Shared> {
  const options = { prefix: config.redisPrefix };
  const counters = await openCounters(config.redis, options);
  const set = await openExpiringSet('bans', config.redis, options);
  const pubsub = await openPubSub(config.redis, options);
  return { counters, set, pubsub };
}

function toUpstreams(config: GatewayConfig, env: Readonly<Record<string, string | undefined>>): ModelRouter {
  return new ModelRouter(config.upstreams.map((u) => new UpstreamClient(u, u.apiKey ?? (u.apiKeyEnv ? env[u.apiKeyEnv] : undefined))));
}

function toAlerts(config: GatewayConfig, env: Readonly<Record<string, string | undefined>>, metrics: GatewayMetrics): WebhookQueue {
  const targets = config.alerts.webhooks.map((w) => ({ url: w.url, secret: w.secret ?? (w.secretEnv ? env[w.secretEnv] : undefined) }));
  return new WebhookQueue(targets, {
    queueSize: config.alerts.queueSize, retries: config.alerts.retries, timeoutMs: config.alerts.timeout,
    onOutcome: (outcome) => { metrics.alerts.inc({ outcome }); },
  });
}

async function openAudit(config: GatewayConfig, store: Store, dataDir: string): Promise<Ledger> {
  const signer = await openSigner({ dir: resolve(config.audit.keyDir ?? dataDir), name: config.audit.origin });
  return openLedger({ store, signer, origin: config.audit.origin, checkpoint: { everyMs: config.audit.checkpointInterval } });
}

/**
 * Starts a gateway: opens the store (SQLite under dataDir by default, or PostgreSQL), the ledger,
 * the counters, bans and bus (in memory, or Redis for replicas), the upstream pools, then listens.
 * @throws GatewayError GATEWAY_CONFIG_INVALID for an unsound policy; StoreError, LedgerError when
 * the store, Redis or the signing key cannot be opened
 * @returns the running gateway.
 */
export async function startGateway(config: GatewayConfig, options: StartGatewayOptions = {}): Promise<Gateway> {
  const problems = toPolicyProblems(config.defaultPolicy);
  if (problems.length) throw new GatewayError('GATEWAY_CONFIG_INVALID', `invalid gateway configuration:\n  defaultPolicy.${problems.join('\n  defaultPolicy.')}`);
  const env = options.env ?? process.env;
  const dataDir = resolve(config.dataDir);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const logger = options.logger ?? pino({ level: config.logLevel, base: { service: 'citadel-gateway' } });
  const store = await openStore(config.store ?? `sqlite:${join(dataDir, 'citadel.db')}`, config.storeSchema ? { schema: config.storeSchema } : {});
  await store.migrate('gateway', GATEWAY_MIGRATIONS);
  const adminToken = await loadAdminToken(config, dataDir);
  const ledger = await openAudit(config, store, dataDir);
  const shared = await openShared(config);
  const metrics = new GatewayMetrics();
  const bus = new GatewayBus(shared.pubsub, 'gateway-events');
  const bans = new BanList(store, shared.set, bus);
  const keys = new KeyRegistry(store, config.defaultPolicy);
  bus.onKeyRevoked((id) => { keys.forget(id); });
  await bus.start();
  await bans.start();
  const audit = new AuditTrail(ledger, {
    batchSize: config.audit.batchSize, flushIntervalMs: config.audit.flushInterval, queueSize: config.audit.queueSize,
    onFailure: (error) => { metrics.auditFailures.inc(); logger.error({ err: error }, 'audit append failed; will retry'); },
    onDropped: () => { metrics.auditDropped.inc(); },
  });
  let closing = false;
  const services: GatewayServices = {
    config, replica: `${hostname()}:${process.pid}`, logger, metrics, store, keys, bans, bus, audit, adminToken,
    strikes: new Strikes(shared.counters, bans, config.bans),
    limits: new RateLimits(shared.counters, config.bans),
    router: toUpstreams(config, env),
    alerts: toAlerts(config, env, metrics),
    bursts: new BurstDetector(config.alerts.burstBlocks, config.alerts.burstWindow),
    isClosing: () => closing,
  };
  const app = buildServer(services);
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  logger.info({ url: `http://${host}:${port}/v1`, store: store.url, redis: config.redis ? 'on' : 'off' }, 'citadel gateway listening');
  return {
    url: `http://${host}:${port}/v1`, port, adminToken,
    close: async () => {
      closing = true;
      // Requests in flight may finish; past the grace period every connection is cut (a client
      // that connected and never sent a request would otherwise hold shutdown open).
      const cut = setTimeout(() => { app.server.closeAllConnections(); }, config.limits.shutdownGrace);
      await app.close();
      clearTimeout(cut);
      await audit.close();
      await ledger.checkpoint().catch((error: unknown) => { logger.error({ err: error }, 'final checkpoint failed'); });
      await services.alerts.close();
      bans.stop();
      await bus.stop();
      await Promise.all([shared.counters.close(), shared.set.close(), shared.pubsub.close(), services.router.close()]);
      await store.close();
    },
  };
}
