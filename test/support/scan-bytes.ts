// SPDX-License-Identifier: Apache-2.0
import {
  Deadline, toBufferSource, withLimits, type Finding, type Limits,
} from '../../src/core/index.js';
import { ScanContext } from '../../src/scan/context.js';
import { scanSource } from '../../src/scan/dispatch.js';

/** Scans in-memory bytes as if they were a file named `name`. @returns the findings. */
export async function scanBytes(bytes: Uint8Array, name = 'input.bin', limits: Partial<Limits> = {}): Promise<{ findings: Finding[]; formats: string[] }> {
  const l = withLimits(limits);
  const budget = { inflatedBytes: 0, deadline: new Deadline(l.maxTimeMs), findings: [] as Finding[], formats: [] as string[] };
  const context = new ScanContext({ limits: l, budget, location: { path: name }, depth: 0, nested: scanSource });
  await scanSource(toBufferSource(bytes), context);
  return { findings: budget.findings, formats: budget.formats };
}

/** @returns the rule ids and severities of `findings`, for compact assertions. */
export function toVerdicts(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.severity}:${f.ruleId}`);
}
