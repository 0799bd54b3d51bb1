// SPDX-License-Identifier: Apache-2.0
import type { Report } from '../findings.js';

/** @returns the report as stable, pretty JSON (the `--json` output). */
export function toJsonReport(report: Report): string {
  return `${JSON.stringify(
    {
      tool: report.tool,
      durationMs: Math.round(report.durationMs),
      targets: report.targets,
      findings: report.findings,
    },
    null,
    2,
  )}\n`;
}
