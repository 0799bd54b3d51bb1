// SPDX-License-Identifier: Apache-2.0
import { SEVERITIES, toLocationText, toSeverityRank, type Finding, type Report } from '../findings.js';

const LABEL: Record<Finding['severity'], string> = {
  info: 'INFO',
  low: 'LOW',
  medium: 'MEDIUM',
  high: 'HIGH',
  critical: 'CRITICAL',
};

/** @returns the report as plain text for a terminal: worst findings first, then a summary line. */
export function toTableReport(report: Report): string {
  const sorted = [...report.findings].sort(
    (a, b) => toSeverityRank(b.severity) - toSeverityRank(a.severity) || toLocationText(a.location).localeCompare(toLocationText(b.location)),
  );
  const lines: string[] = [];
  for (const f of sorted) {
    lines.push(`${LABEL[f.severity].padEnd(8)} ${f.ruleId.padEnd(24)} ${toLocationText(f.location)}`);
    lines.push(`         ${f.message}`);
  }
  const counts = SEVERITIES.map((s) => [s, report.findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  const seconds = (report.durationMs / 1000).toFixed(2);
  lines.push(
    `${lines.length ? '\n' : ''}scanned ${report.targets.length} file(s) in ${seconds}s: ${counts.length ? counts.join(', ') : 'no findings'}`,
  );
  return `${lines.join('\n')}\n`;
}
