// SPDX-License-Identifier: Apache-2.0
import type { ScanContext } from '../context.js';
import type { ZipAnomaly } from './zip-types.js';

/** Findings of one kind past this count are summarised, so a hostile archive cannot flood the report. */
const MAX_REPORTS_PER_KIND = 10;
const MAX_PATH_REPORTS = 20;

/**
 * @returns true for a name that is absolute (POSIX root, Windows drive or UNC) or has a ".."
 * segment under either separator: extracting it writes outside the target folder (zip slip).
 */
export function isUnsafeEntryPath(name: string): boolean {
  if (name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name)) return true;
  return name.split(/[/\\]/).includes('..');
}

/** Reports each unsafe name (up to a bound) as CITADEL-ARCHIVE-PATH. */
export function reportUnsafePaths(context: ScanContext, names: Iterable<string>): void {
  let reported = 0;
  for (const name of names) {
    if (!isUnsafeEntryPath(name)) continue;
    if (reported++ >= MAX_PATH_REPORTS) return;
    context.report({ ruleId: 'CITADEL-ARCHIVE-PATH', severity: 'medium', message: `entry "${name}" is absolute or climbs out of the extraction folder`, detail: { entry: name } });
  }
}

/** Reports zip anomalies as CITADEL-ARCHIVE-DIVERGENCE, at most MAX_REPORTS_PER_KIND of each kind and a count of the rest. */
export function reportAnomalies(context: ScanContext, anomalies: readonly ZipAnomaly[]): void {
  const seen = new Map<string, number>();
  for (const anomaly of anomalies) {
    const count = (seen.get(anomaly.kind) ?? 0) + 1;
    seen.set(anomaly.kind, count);
    if (count > MAX_REPORTS_PER_KIND) continue;
    context.report({
      ruleId: 'CITADEL-ARCHIVE-DIVERGENCE',
      severity: 'high',
      message: anomaly.message,
      ...(anomaly.offset === undefined ? {} : { offset: anomaly.offset }),
      detail: { kind: anomaly.kind, ...(anomaly.entry === undefined ? {} : { entry: anomaly.entry }) },
    });
  }
  for (const [kind, count] of seen) {
    if (count <= MAX_REPORTS_PER_KIND) continue;
    context.report({ ruleId: 'CITADEL-ARCHIVE-DIVERGENCE', severity: 'high', message: `${count - MAX_REPORTS_PER_KIND} more ${kind} anomalies not listed`, detail: { kind, count } });
  }
}
