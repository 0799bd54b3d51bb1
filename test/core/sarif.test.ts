// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { toSarifReport, type Report } from '../../src/core/index.js';
import { loadSarifValidator } from '../support/sarif.js';

const report: Report = {
  tool: { name: 'citadel', version: '0.0.0' },
  rules: [{ id: 'R1', name: 'RuleOne', summary: 'one', severity: 'critical' }],
  targets: [{ path: 'a b/model.pt', format: 'pytorch-zip', bytes: 10 }],
  findings: [
    { ruleId: 'R1', severity: 'critical', message: 'calls os.system', location: { path: 'a b/model.pt', entry: ['archive/data.pkl'], offset: 12 } },
    { ruleId: 'R1', severity: 'low', message: 'top-level', location: { path: 'x.pkl', offset: 3 } },
    { ruleId: 'R1', severity: 'info', message: 'no offset', location: { path: 'y.pkl' } },
  ],
  durationMs: 1,
};

describe('toSarifReport', () => {
  it('produces a log that validates against the SARIF 2.1.0 schema', () => {
    const log = JSON.parse(toSarifReport(report)) as unknown;
    expect(loadSarifValidator()(log)).toEqual([]);
  });

  it('maps severities to levels and keeps the archive entry', () => {
    const log = JSON.parse(toSarifReport(report)) as { runs: { results: { level: string; message: { text: string }; locations: unknown[] }[] }[] };
    const results = log.runs[0]?.results ?? [];
    expect(results.map((r) => r.level)).toEqual(['error', 'note', 'note']);
    expect(results[0]?.message.text).toContain('archive/data.pkl');
    expect(JSON.stringify(results[0]?.locations)).toContain('a%20b/model.pt');
  });

  it('is rejected by the validator when a required field is missing', () => {
    const log = JSON.parse(toSarifReport(report)) as { version?: string };
    delete log.version;
    expect(loadSarifValidator()(log).length).toBeGreaterThan(0);
  });
});
