// SPDX-License-Identifier: Apache-2.0
import { z } from 'zod';

const DURATION_UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** @returns milliseconds for `250`, `"250ms"`, `"30s"`, `"5m"`, `"1h"` or `"7d"`. */
function toMilliseconds(value: number | string): number {
  if (typeof value === 'number') return value;
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(value);
  return Number(match?.[1]) * (DURATION_UNITS[match?.[2] ?? 'ms'] ?? 1);
}

/** A duration: whole milliseconds, or a string such as "30s", "5m", "1h". */
const duration = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\d+(ms|s|m|h|d)$/, 'expected a duration such as 500ms, 30s, 5m, 1h or 7d')])
  .transform(toMilliseconds);

const positiveInt = z.number().int().positive();

export const ACTIONS = ['monitor', 'redact', 'block'] as const;
/** What the gateway does when a detector of a category matches. */
export type Action = (typeof ACTIONS)[number];
const action = z.enum(ACTIONS);

const limitsPerKey = z.strictObject({
  /** Requests per window; 0 means unlimited. */
  requests: z.number().int().nonnegative().default(600),
  /** Prompt plus completion tokens per window; 0 means unlimited. */
  tokens: z.number().int().nonnegative().default(1_000_000),
  window: duration.default(60_000),
});

/** A key's policy. Keys created without one get `defaultPolicy`. */
export const policySchema = z.strictObject({
  /** Model names or globs (`gpt-4o*`, `*`) this key may call. */
  models: z.array(z.string().min(1).max(200)).max(200).default(['*']),
  /** Action per detection category; `default` covers categories not named. */
  actions: z.record(z.string().min(1).max(64), action).default({}),
  limits: limitsPerKey.prefault({}),
  /**
   * Score at or above which a detection is acted on. Below it, attack categories are only
   * counted and leak categories whose action is block are redacted instead (what the stream
   * scanner does with every leak it finds, so streamed and whole answers are treated alike).
   */
  threshold: z.number().min(0).max(1).default(0.5),
  /** Plant a canary token in the system prompt and treat its appearance in output as a leak. */
  canary: z.boolean().default(false),
  /** Scan responses, streamed or not. */
  scanOutput: z.boolean().default(true),
});
export type Policy = z.output<typeof policySchema>;

const upstreamSchema = z.strictObject({
  name: z.string().min(1).max(64).default('default'),
  /** Base URL including the version path, as an OpenAI SDK's baseURL: http://host:port/v1. */
  url: z.url({ protocol: /^https?$/ }),
  /** Sent to the upstream as Bearer; the caller's virtual key never leaves the gateway. */
  apiKey: z.string().max(4096).optional(),
  /** Name of an environment variable holding apiKey, so secrets stay out of the file. */
  apiKeyEnv: z.string().max(200).optional(),
  /** Models (names or globs) routed here; the first upstream whose list matches wins. */
  models: z.array(z.string().min(1).max(200)).max(1000).default(['*']),
  connections: positiveInt.max(4096).default(128),
  connectTimeout: duration.default(5_000),
  /** Time to the response headers; past it the caller gets 504. */
  headersTimeout: duration.default(120_000),
  /** Longest silence between two body chunks (streams included); past it, 504 or a stream error. */
  bodyTimeout: duration.default(120_000),
});
export type UpstreamConfig = z.output<typeof upstreamSchema>;

const hostileInputSchema = z.strictObject({
  maxBodyBytes: positiveInt.max(256 * 1024 * 1024).default(4 * 1024 * 1024),
  maxResponseBytes: positiveInt.max(1024 * 1024 * 1024).default(64 * 1024 * 1024),
  maxJsonDepth: positiveInt.max(1000).default(64),
  maxMessages: positiveInt.max(100_000).default(2048),
  /** Whole request, headers and body, must arrive within this; slow clients get 408. */
  requestTimeout: duration.default(30_000),
  /** Idle keep-alive connections are closed after this. */
  keepAliveTimeout: duration.default(72_000),
  /** On shutdown, requests in flight (long streams) get this long to finish before connections are cut. */
  shutdownGrace: duration.default(30_000),
});

const banLadderStep = z.strictObject({ strikes: positiveInt, ban: duration });

const bansSchema = z.strictObject({
  /** Strikes (blocked attempts) older than this are forgotten. */
  strikeWindow: duration.default(3_600_000),
  /** Each step bans for `ban` once the strike count reaches `strikes`; the highest step reached wins. */
  ladder: z.array(banLadderStep).min(1).max(32).default([
    { strikes: 3, ban: 300_000 }, { strikes: 6, ban: 3_600_000 }, { strikes: 12, ban: 86_400_000 },
  ]),
  /** Requests per window from one client address; 0 means unlimited. */
  ipRequests: z.number().int().nonnegative().default(0),
  ipWindow: duration.default(60_000),
  /**
   * Also strike the client address for blocked requests and wrong keys. Off by default: many
   * callers can share one address (NAT, a proxy, loopback during development).
   */
  strikeAddresses: z.boolean().default(false),
});

const webhookSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  /** HMAC-SHA256 key for the x-citadel-signature header; or secretEnv naming a variable. */
  secret: z.string().max(4096).optional(),
  secretEnv: z.string().max(200).optional(),
});

const alertsSchema = z.strictObject({
  webhooks: z.array(webhookSchema).max(16).default([]),
  queueSize: positiveInt.max(1_000_000).default(1000),
  retries: z.number().int().nonnegative().max(10).default(3),
  timeout: duration.default(5_000),
  /** Alert when one key has this many blocked requests within burstWindow. */
  burstBlocks: positiveInt.default(10),
  burstWindow: duration.default(60_000),
});

const auditSchema = z.strictObject({
  /** Prompt text in audit entries: none (default), redacted, or raw. */
  prompts: z.enum(['none', 'redacted', 'raw']).default('none'),
  /**
   * Entries appended per ledger batch, and the longest an entry waits for its batch. With the
   * embedded SQLite store a batch blocks the event loop while it commits (about 25 µs an entry
   * plus 150 µs a transaction), so small batches keep that wait off the requests' tail latency;
   * larger ones save a little CPU per entry.
   */
  batchSize: positiveInt.max(100_000).default(64),
  flushInterval: duration.default(25),
  queueSize: positiveInt.max(10_000_000).default(100_000),
  /** The log's name, first line of every checkpoint (C2SP tlog-checkpoint). */
  origin: z.string().regex(/^[\x21-\x7e]{1,200}$/, 'expected printable ascii without spaces').refine((v) => !v.includes('+'), "expected no '+'").default('citadel.local/gateway-audit'),
  /** Directory of the Ed25519 checkpoint key; replicas sharing one log must share the key. Default: dataDir. */
  keyDir: z.string().min(1).optional(),
  /** A signed checkpoint at most this often, and one more on shutdown. */
  checkpointInterval: duration.default(10_000),
});

export const gatewayConfigSchema = z.strictObject({
  host: z.string().min(1).max(255).default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(8080),
  /** Where the embedded store, the admin token and the ledger key live. */
  dataDir: z.string().min(1).default('./.citadel'),
  /** `sqlite:PATH` or `postgres://...`; default `sqlite:<dataDir>/citadel.db`. */
  store: z.string().min(1).optional(),
  /** PostgreSQL schema for the gateway's and the ledger's tables (default public). */
  storeSchema: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'expected a lowercase sql identifier').optional(),
  /** `redis://...` to share counters, bans and key revocations between replicas. */
  redis: z.string().regex(/^rediss?:\/\//, 'expected a redis:// or rediss:// URL').optional(),
  /** Prefix of every Redis key and channel, so deployments can share one server. */
  redisPrefix: z.string().min(1).max(100).default('citadel:gateway:'),
  /** Admin API token; default: read or create <dataDir>/admin-token. */
  adminToken: z.string().min(24).max(4096).optional(),
  /** Trust x-forwarded-for from a fronting proxy for the client address. */
  trustProxy: z.boolean().default(false),
  upstreams: z.array(upstreamSchema).min(1).max(64),
  defaultPolicy: policySchema.prefault({}),
  limits: hostileInputSchema.prefault({}),
  bans: bansSchema.prefault({}),
  alerts: alertsSchema.prefault({}),
  audit: auditSchema.prefault({}),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** The validated configuration, every default filled in, durations in milliseconds. */
export type GatewayConfig = z.output<typeof gatewayConfigSchema>;
/** What a YAML file or a caller may write: every field optional except the upstreams. */
export type GatewayConfigInput = z.input<typeof gatewayConfigSchema>;
