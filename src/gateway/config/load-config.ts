// SPDX-License-Identifier: Apache-2.0
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { GatewayError } from '../errors.js';
import { gatewayConfigSchema, type GatewayConfig } from './schema.js';

/** A config file larger than this is not a config file. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/** Environment variables that override the file, each naming the one field it sets. */
const ENV_FIELDS: readonly (readonly [string, string, 'string' | 'number'])[] = [
  ['CITADEL_GATEWAY_HOST', 'host', 'string'],
  ['CITADEL_GATEWAY_PORT', 'port', 'number'],
  ['CITADEL_GATEWAY_DATA_DIR', 'dataDir', 'string'],
  ['CITADEL_GATEWAY_STORE', 'store', 'string'],
  ['CITADEL_GATEWAY_REDIS', 'redis', 'string'],
  ['CITADEL_GATEWAY_ADMIN_TOKEN', 'adminToken', 'string'],
  ['CITADEL_GATEWAY_LOG_LEVEL', 'logLevel', 'string'],
];

export interface LoadConfigOptions {
  /** A YAML file; without one the configuration is the flags, the environment and the defaults. */
  readonly file?: string;
  /** Environment to read overrides from; default process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Command-line values, applied last. `upstream` sets (or replaces) the first upstream's URL. */
  readonly overrides?: { readonly host?: string; readonly port?: number; readonly upstream?: string; readonly store?: string; readonly redis?: string; readonly dataDir?: string };
}

type Mutable = Record<string, unknown>;

async function readConfigFile(file: string): Promise<Mutable> {
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    throw new GatewayError('GATEWAY_CONFIG_INVALID', `cannot read config file ${file}: ${(error as Error).message}`, { cause: error });
  });
  if (text.length > MAX_CONFIG_BYTES) throw new GatewayError('GATEWAY_CONFIG_INVALID', `config file ${file} is over ${MAX_CONFIG_BYTES} bytes`);
  let data: unknown;
  try {
    // maxAliasCount bounds "billion laughs" alias expansion (YAML 1.2 §6.9.2 anchors and aliases).
    data = parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    throw new GatewayError('GATEWAY_CONFIG_INVALID', `config file ${file} is not valid YAML: ${(error as Error).message}`, { cause: error });
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) throw new GatewayError('GATEWAY_CONFIG_INVALID', `config file ${file} must hold a mapping, got ${Array.isArray(data) ? 'a list' : typeof data}`);
  return data as Mutable;
}

function setUpstreamUrl(raw: Mutable, url: string): void {
  const list = Array.isArray(raw['upstreams']) ? [...(raw['upstreams'] as unknown[])] : [];
  const first = typeof list[0] === 'object' && list[0] !== null ? (list[0] as Mutable) : {};
  list[0] = { ...first, url };
  raw['upstreams'] = list;
}

function applyEnv(raw: Mutable, env: Readonly<Record<string, string | undefined>>, sources: Map<string, string>): void {
  for (const [name, field, kind] of ENV_FIELDS) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    raw[field] = kind === 'number' && /^\d+$/.test(value) ? Number(value) : value;
    sources.set(field, name);
  }
  const upstream = env['CITADEL_GATEWAY_UPSTREAM'];
  if (upstream) {
    setUpstreamUrl(raw, upstream);
    sources.set('upstreams.0.url', 'CITADEL_GATEWAY_UPSTREAM');
  }
}

function applyOverrides(raw: Mutable, overrides: NonNullable<LoadConfigOptions['overrides']>, sources: Map<string, string>): void {
  const { upstream, ...rest } = overrides;
  for (const [field, value] of Object.entries(rest)) {
    if (value === undefined) continue;
    raw[field] = value;
    sources.set(field, `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
  }
  if (upstream !== undefined) {
    setUpstreamUrl(raw, upstream);
    sources.set('upstreams.0.url', '--upstream');
  }
}

/** @returns one line per problem, each naming the field (and where its value came from). */
function toIssueLines(issues: readonly z.core.$ZodIssue[], sources: ReadonlyMap<string, string>): string[] {
  return issues.slice(0, 20).map((issue) => {
    const path = issue.path.map(String).join('.') || 'top level';
    const from = sources.get(path);
    return `${path}${from ? ` (from ${from})` : ''}: ${issue.message.toLowerCase()}`;
  });
}

/**
 * Reads the YAML file (if any), applies environment overrides, then command-line overrides, and
 * validates the result.
 * @throws GatewayError GATEWAY_CONFIG_INVALID naming every bad field, or an unreadable file.
 * @returns the configuration with every default filled in.
 */
export async function loadGatewayConfig(options: LoadConfigOptions = {}): Promise<GatewayConfig> {
  const raw = options.file ? await readConfigFile(options.file) : {};
  const sources = new Map<string, string>();
  applyEnv(raw, options.env ?? process.env, sources);
  applyOverrides(raw, options.overrides ?? {}, sources);
  return toGatewayConfig(raw, sources);
}

/**
 * Validates an in-memory configuration (tests, embedding).
 * @throws GatewayError GATEWAY_CONFIG_INVALID naming every bad field.
 * @returns the configuration with every default filled in.
 */
export function toGatewayConfig(raw: unknown, sources: ReadonlyMap<string, string> = new Map()): GatewayConfig {
  const result = gatewayConfigSchema.safeParse(raw);
  if (result.success) return result.data;
  const lines = toIssueLines(result.error.issues, sources);
  if (!Array.isArray((raw as Mutable | null)?.['upstreams'])) lines.push('hint: give an upstream with --upstream URL or upstreams: [{ url: ... }]');
  throw new GatewayError('GATEWAY_CONFIG_INVALID', `invalid gateway configuration:\n  ${lines.join('\n  ')}`, { cause: result.error });
}
