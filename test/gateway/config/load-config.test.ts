// SPDX-License-Identifier: Apache-2.0
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GatewayError, loadGatewayConfig, toGatewayConfig } from '../../../src/gateway/index.js';
import { policySchema } from '../../../src/gateway/config/schema.js';
import { toPolicyProblems } from '../../../src/gateway/keys/policy.js';

const dir = mkdtempSync(join(tmpdir(), 'citadel-gw-config-'));

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function failure(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(GatewayError);
  expect((error as GatewayError).code).toBe('GATEWAY_CONFIG_INVALID');
  return error as GatewayError;
}

describe('gateway configuration', () => {
  it('fills every default from an upstream alone', () => {
    const config = toGatewayConfig({ upstreams: [{ url: 'http://127.0.0.1:11434/v1' }] });
    expect(config).toMatchObject({ host: '127.0.0.1', port: 8080, dataDir: './.citadel', trustProxy: false });
    expect(config.upstreams[0]).toMatchObject({ name: 'default', models: ['*'], headersTimeout: 120_000 });
    expect(config.defaultPolicy).toMatchObject({ models: ['*'], threshold: 0.5, scanOutput: true, limits: { requests: 600, window: 60_000 } });
    expect(config.limits.maxBodyBytes).toBe(4 * 1024 * 1024);
  });

  it('reads YAML with durations, then environment overrides, then flags', async () => {
    const file = write('ok.yaml', 'port: 9000\nupstreams:\n  - url: http://a.example/v1\n    bodyTimeout: 90s\nbans:\n  strikeWindow: 2h\n  ladder: [{ strikes: 5, ban: 10m }]\naudit: { prompts: redacted }\n');
    const config = await loadGatewayConfig({ file, env: { CITADEL_GATEWAY_PORT: '9100', CITADEL_GATEWAY_REDIS: 'redis://r:6379' }, overrides: { upstream: 'http://b.example/v1' } });
    expect(config.port).toBe(9100);
    expect(config.redis).toBe('redis://r:6379');
    expect(config.upstreams[0]).toMatchObject({ url: 'http://b.example/v1', bodyTimeout: 90_000 });
    expect(config.bans).toMatchObject({ strikeWindow: 7_200_000, ladder: [{ strikes: 5, ban: 600_000 }] });
    expect(config.audit.prompts).toBe('redacted');
    expect((await loadGatewayConfig({ file, env: { CITADEL_GATEWAY_PORT: '9100' }, overrides: { port: 9200 } })).port).toBe(9200);
  });

  it('names every bad field, and where an override came from', async () => {
    const file = write('bad.yaml', 'upstreams:\n  - url: ftp://x\n    connections: -1\nlimits: { maxBodyBytes: big }\ntypo: 1\n');
    const error = await failure(loadGatewayConfig({ file, env: { CITADEL_GATEWAY_PORT: 'eighty' } }));
    expect(error.message).toContain('upstreams.0.url');
    expect(error.message).toContain('upstreams.0.connections');
    expect(error.message).toContain('limits.maxBodyBytes');
    expect(error.message).toContain('"typo"');
    expect(error.message).toContain('port (from CITADEL_GATEWAY_PORT)');
  });

  it('refuses unreadable, non-YAML, non-mapping and alias-bomb files', async () => {
    await failure(loadGatewayConfig({ file: join(dir, 'missing.yaml') }));
    await failure(loadGatewayConfig({ file: write('broken.yaml', 'upstreams: [\n') }));
    await failure(loadGatewayConfig({ file: write('list.yaml', '- 1\n- 2\n') }));
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array.from({ length: 9 }, () => `*${String.fromCharCode(97 + i)}`).join(',')}]`)].join('\n');
    await failure(loadGatewayConfig({ file: write('bomb.yaml', `${bomb}\nupstreams: [{ url: "http://x/v1" }]\n`) }));
  });

  it('refuses a policy that would redact an attack or names an unknown category', () => {
    expect(toPolicyProblems(policySchema.parse({ actions: { injection: 'redact', secret: 'block' } }))).toEqual([expect.stringContaining('actions.injection')]);
    expect(toPolicyProblems(policySchema.parse({ actions: { secrets: 'block' } }))).toEqual([expect.stringContaining('actions.secrets')]);
    expect(toPolicyProblems(policySchema.parse({ actions: { default: 'redact', hidden: 'redact', pii: 'block' } }))).toEqual([]);
  });
});
