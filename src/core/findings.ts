// SPDX-License-Identifier: Apache-2.0

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** @returns true when `s` names a severity. */
export function isSeverity(s: string): s is Severity {
  return (SEVERITIES as readonly string[]).includes(s);
}

/** @returns the rank of a severity, info = 0 .. critical = 4. */
export function toSeverityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** Where a finding sits: the file given by the user, the chain of entries inside it, the byte. */
export interface Location {
  readonly path: string;
  /** Entries from the outermost container inwards, e.g. ['model.zip', 'archive/data.pkl']. */
  readonly entry?: readonly string[];
  /** Byte offset within the innermost entry (the opcode, the header field). */
  readonly offset?: number;
}

/** What a rule is, for reports that list rules once (SARIF `tool.driver.rules`). */
export interface Rule {
  readonly id: string;
  readonly name: string;
  readonly summary: string;
  readonly severity: Severity;
}

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly location: Location;
  /** Structured facts behind the message (the callable, the opcode name...). */
  readonly detail?: Readonly<Record<string, unknown>>;
}

/** One input the user named, with what was recognised in it. */
export interface Target {
  readonly path: string;
  readonly format: string;
  readonly bytes: number;
}

export interface Report {
  readonly tool: { readonly name: string; readonly version: string };
  readonly rules: readonly Rule[];
  readonly targets: readonly Target[];
  readonly findings: readonly Finding[];
  readonly durationMs: number;
}

/** @returns the highest severity among `findings`, or undefined when there are none. */
export function toMaxSeverity(findings: readonly Finding[]): Severity | undefined {
  let max = -1;
  for (const f of findings) max = Math.max(max, toSeverityRank(f.severity));
  return max < 0 ? undefined : SEVERITIES[max];
}

/** @returns the location as one string: path!entry!entry@offset. */
export function toLocationText(location: Location): string {
  const entries = location.entry?.length ? `!${location.entry.join('!')}` : '';
  const offset = location.offset === undefined ? '' : `@${location.offset}`;
  return `${location.path}${entries}${offset}`;
}
