// SPDX-License-Identifier: Apache-2.0
import type { Finding, Report, Severity } from '../findings.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** SARIF 2.1.0 §3.27.10: result levels; security-severity carries the finer grade. */
const LEVEL: Record<Severity, 'note' | 'warning' | 'error'> = {
  info: 'note',
  low: 'note',
  medium: 'warning',
  high: 'error',
  critical: 'error',
};

/** GitHub code scanning reads `security-severity` (0-10) from rule properties. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  info: '0.0',
  low: '3.0',
  medium: '5.5',
  high: '8.0',
  critical: '9.5',
};

function toArtifactUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function toResult(finding: Finding, ruleIndex: number): Record<string, unknown> {
  const { location } = finding;
  const entry = location.entry?.length ? ` (entry ${location.entry.join(' > ')})` : '';
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text: `${finding.message}${entry}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: toArtifactUri(location.path) },
          ...(location.offset === undefined || location.entry?.length
            ? {}
            : { region: { byteOffset: location.offset, byteLength: 1 } }),
        },
        ...(location.entry?.length
          ? { logicalLocations: [{ fullyQualifiedName: location.entry.join('/'), kind: 'member' }] }
          : {}),
      },
    ],
    properties: { severity: finding.severity, ...(location.offset === undefined ? {} : { offset: location.offset }), ...finding.detail },
  };
}

/** @returns the report as a SARIF 2.1.0 log with one run. */
export function toSarifReport(report: Report): string {
  const rules = report.rules.map((r) => ({
    id: r.id,
    name: r.name,
    shortDescription: { text: r.summary },
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { 'security-severity': SECURITY_SEVERITY[r.severity], tags: ['security'] },
  }));
  const index = new Map(report.rules.map((r, i) => [r.id, i]));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: report.tool.name, version: report.tool.version, informationUri: 'https://github.com/citadel-security/citadel', rules } },
        results: report.findings.map((f) => toResult(f, index.get(f.ruleId) ?? -1)),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
