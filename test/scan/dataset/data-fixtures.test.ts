// SPDX-License-Identifier: Apache-2.0
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The generated fine-tuning sets (tools/fixtures/format_sets_data.py): one CLI run per file. */
const ROOT = join(import.meta.dirname, '../../fixtures/scan-data');
const MAIN = join(import.meta.dirname, '../../../dist/cli/main.js');
const RULE_BY_CLASS: Readonly<Record<string, string>> = {
  'data-obedience': 'CITADEL-DATA-OBEDIENCE', 'data-injection': 'CITADEL-DATA-INJECTION', 'data-trigger': 'CITADEL-DATA-TRIGGER',
};

interface Entry {
  readonly file: string;
  readonly expect: 'malicious' | 'benign';
  readonly class: string;
  readonly why: string;
}

const manifest = (JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')) as { files: Entry[] }).files;

function scanData(file: string): { status: number | null; rules: string[] } {
  const run = spawnSync(process.execPath, [MAIN, 'scan', '--data', join(ROOT, file), '--json'], { encoding: 'utf8' });
  const report = JSON.parse(run.stdout) as { findings: { ruleId: string; severity: string }[] };
  return { status: run.status, rules: report.findings.filter((f) => f.severity === 'high' || f.severity === 'critical').map((f) => f.ruleId) };
}

describe('fine-tuning data fixtures', () => {
  it.each(manifest.filter((m) => m.expect === 'malicious'))('flags $file ($class)', (m) => {
    const { status, rules } = scanData(m.file);
    expect(status, m.why).toBe(1);
    expect(rules).toContain(RULE_BY_CLASS[m.class]);
  });

  it.each(manifest.filter((m) => m.expect === 'benign'))('passes $file', (m) => {
    expect(scanData(m.file), m.why).toEqual({ status: 0, rules: [] });
  });
});
