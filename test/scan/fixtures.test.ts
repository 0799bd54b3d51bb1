// SPDX-License-Identifier: Apache-2.0
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSarifValidator } from '../support/sarif.js';

/**
 * The generated corpus (tools/fixtures/make_scan_fixtures.py): every malicious file must fail a
 * scan at the default --fail-on (high), every benign file must pass, and not-a-model files are
 * reported as info. One CLI run covers the corpus; its JSON says which file got what.
 */
const ROOT = join(import.meta.dirname, '../fixtures/scan');
const MAIN = join(import.meta.dirname, '../../dist/cli/main.js');

interface ManifestEntry {
  readonly file: string;
  readonly expect: 'malicious' | 'benign' | 'info';
  readonly class: string;
  readonly why: string;
}

interface JsonReport {
  readonly targets: readonly { path: string; format: string }[];
  readonly findings: readonly { severity: string; ruleId: string; message: string; location: { path: string } }[];
}

const manifest = (JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')) as { files: ManifestEntry[] }).files;
const sarifPath = join(import.meta.dirname, '../../dist/fixtures.sarif');
const run = spawnSync(process.execPath, [MAIN, 'scan', ROOT, '--json', '--sarif', sarifPath], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const report = JSON.parse(run.stdout) as JsonReport;
const HIGH = new Set(['high', 'critical']);

function findingsFor(file: string): JsonReport['findings'] {
  const path = join(ROOT, file);
  return report.findings.filter((f) => f.location.path === path);
}

describe('fixture corpus', () => {
  it('exits 1 because the corpus holds malicious files, and writes valid SARIF', () => {
    expect(run.status).toBe(1);
    expect(loadSarifValidator()(JSON.parse(readFileSync(sarifPath, 'utf8')))).toEqual([]);
  });

  it('covers every bypass class in the manifest with at least one file', () => {
    const classes = new Set(manifest.filter((m) => m.expect === 'malicious').map((m) => m.class));
    expect(classes.size).toBeGreaterThanOrEqual(20);
    const scanned = report.targets.map((t) => t.path).filter((p) => !p.endsWith('manifest.json')).sort();
    expect(scanned).toEqual(manifest.map((m) => join(ROOT, m.file)).sort());
  });

  it.each(manifest.filter((m) => m.expect === 'malicious'))('flags malicious $file ($class)', (m) => {
    const found = findingsFor(m.file);
    expect(found.some((f) => HIGH.has(f.severity)), `${m.why}\n${JSON.stringify(found, null, 1)}`).toBe(true);
  });

  it.each(manifest.filter((m) => m.expect === 'benign'))('passes benign $file ($class)', (m) => {
    const found = findingsFor(m.file).filter((f) => HIGH.has(f.severity) || f.ruleId === 'CITADEL-NOT-A-MODEL' || f.ruleId === 'CITADEL-UNSCANNABLE');
    expect(found, m.why).toEqual([]);
  });

  it.each(manifest.filter((m) => m.expect === 'info'))('notes non-model $file as info', (m) => {
    expect(findingsFor(m.file).map((f) => `${f.severity}:${f.ruleId}`)).toEqual(['info:CITADEL-NOT-A-MODEL']);
  });
});
