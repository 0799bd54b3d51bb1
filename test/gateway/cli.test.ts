// SPDX-License-Identifier: Apache-2.0
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from './support/fake-upstream.js';
import { MAIN, spawnGateway, type GatewayProcess } from './support/gateway-process.js';

let upstream: FakeUpstream;
const cwd = mkdtempSync(join(tmpdir(), 'citadel-cli-gw-'));

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [MAIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CITADEL_GATEWAY_ADMIN_TOKEN: '' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => { upstream = await startFakeUpstream(); });
afterAll(async () => { await upstream.close(); });

describe('citadel gateway (embedded default)', () => {
  let gateway: GatewayProcess;

  it('runs from --upstream alone, with SQLite, the admin token and the ledger key under ./.citadel', async () => {
    gateway = await spawnGateway(['--upstream', upstream.url, '--port', '0'], { cwd, env: { CITADEL_GATEWAY_ADMIN_TOKEN: '' } });
    expect(existsSync(join(cwd, '.citadel', 'citadel.db'))).toBe(true);
    expect(statSync(join(cwd, '.citadel', 'admin-token')).mode & 0o077).toBe(0);
  });

  it('issues, lists and revokes keys from the command line', async () => {
    const base = gateway.url.replace(/\/v1$/, '');
    const created = cli('gateway', 'keys', 'create', '--name', 'app', '--url', base, '--json');
    expect(created.status).toBe(0);
    const { id, key } = JSON.parse(created.stdout) as { id: string; key: string };
    const openai = new OpenAI({ baseURL: gateway.url, apiKey: key, maxRetries: 0 });
    const answer = await openai.chat.completions.create({ model: 'fake-model', messages: [{ role: 'user', content: 'hi' }] });
    expect(answer.choices[0]?.message.content).toBe('Hello from the fake upstream.');
    const listed = cli('gateway', 'keys', 'list', '--url', base);
    expect(listed.stdout).toContain(id);
    expect(listed.stdout).not.toContain(key);
    expect(cli('gateway', 'keys', 'revoke', id, '--url', base).status).toBe(0);
    expect(await openai.models.list().catch((e: unknown) => (e as InstanceType<typeof OpenAI.APIError>).status)).toBe(401);
    const missing = cli('gateway', 'keys', 'revoke', id, '--url', base);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('GATEWAY_NOT_FOUND');
  });

  it('stops on SIGTERM and leaves an audit ledger that `citadel ledger verify` accepts', async () => {
    expect(await gateway.stop()).toBe(0);
    const verify = cli('ledger', 'verify', '--db', 'sqlite:.citadel/citadel.db', '--origin', 'citadel.local/gateway-audit');
    expect(verify.stderr).toBe('');
    expect(verify.status).toBe(0);
  });

  it('exits 2 naming the problem when there is no upstream, or a bad field', () => {
    const none = cli('gateway');
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('GATEWAY_CONFIG_INVALID');
    expect(none.stderr).toContain('--upstream');
    writeFileSync(join(cwd, 'bad.yaml'), 'upstreams:\n  - url: ftp://nope\nport: high\nlimitz: {}\n');
    const bad = cli('gateway', '--config', 'bad.yaml');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('upstreams.0.url');
    expect(bad.stderr).toContain('port');
    expect(bad.stderr).toContain('"limitz"');
  });
});
