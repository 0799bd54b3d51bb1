// SPDX-License-Identifier: Apache-2.0
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PickleBuilder } from '../support/pickle-builder.js';
import { loadSarifValidator } from '../support/sarif.js';

const MAIN = join(import.meta.dirname, '../../dist/cli/main.js');
const dir = mkdtempSync(join(tmpdir(), 'citadel-cli-'));
const evilPath = join(dir, 'evil.pkl');
const okPath = join(dir, 'ok.pkl');
writeFileSync(evilPath, new PickleBuilder().proto(2).call('os', 'system', 'echo x').stop().toBytes());
writeFileSync(okPath, new PickleBuilder().proto(2).emptyDict().stop().toBytes());

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('citadel scan', () => {
  it('exits 1 on a malicious file and names the callable', () => {
    const r = run('scan', evilPath);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('os.system');
  });

  it('exits 0 on a clean file', () => {
    expect(run('scan', okPath).status).toBe(0);
  });

  it('honours --fail-on', () => {
    expect(run('scan', evilPath, '--fail-on', 'critical').status).toBe(1);
    const broken = join(dir, 'broken.pkl');
    writeFileSync(broken, new PickleBuilder().proto(2).emptyDict().toBytes());
    expect(run('scan', broken).status).toBe(0);
    expect(run('scan', broken, '--fail-on', 'low').status).toBe(1);
  });

  it('exits 2 with a message naming a missing path', () => {
    const r = run('scan', join(dir, 'nope.pt'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('nope.pt');
    expect(r.stderr).toContain('SCAN_NOT_FOUND');
  });

  it('reports the same targets and findings, in the same order, with one thread or four', () => {
    const corpus = join(import.meta.dirname, '../fixtures/scan');
    const strip = (stdout: string): unknown => ({ ...(JSON.parse(stdout) as object), durationMs: 0 });
    const one = run('scan', corpus, '--json', '--jobs', '1');
    const four = run('scan', corpus, '--json', '--jobs', '4');
    expect(one.status).toBe(1);
    expect(four.status).toBe(1);
    expect((strip(one.stdout) as { targets: unknown[] }).targets.length).toBeGreaterThan(100);
    expect(strip(four.stdout)).toEqual(strip(one.stdout));
  });

  it('exits 2 on a bad --jobs value, naming the option', () => {
    for (const bad of ['0', '-1', '1.5', 'many', '65']) {
      const r = run('scan', okPath, '--jobs', bad);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('--jobs');
    }
  });

  it('exits 2 on a bad --fail-on value and on unknown options', () => {
    const bad = run('scan', okPath, '--fail-on', 'severe');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--fail-on');
    expect(run('scan', okPath, '--frobnicate').status).toBe(2);
    expect(run('scan').status).toBe(2);
  });

  it('prints JSON and writes SARIF that validates', () => {
    const sarif = join(dir, 'out.sarif');
    const r = run('scan', evilPath, okPath, '--json', '--sarif', sarif);
    const report = JSON.parse(r.stdout) as { targets: unknown[]; findings: { ruleId: string; location: { path: string } }[] };
    expect(report.targets).toHaveLength(2);
    expect(report.findings[0]?.location.path).toBe(evilPath);
    expect(loadSarifValidator()(JSON.parse(readFileSync(sarif, 'utf8')))).toEqual([]);
  });

  it('prints help', () => {
    const r = run('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('scan');
  });
});
