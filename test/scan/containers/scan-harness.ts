// SPDX-License-Identifier: Apache-2.0
import { Deadline, withLimits } from '../../../src/core/index.js';
import type { ByteSource, Finding, Limits } from '../../../src/core/index.js';
import { ScanContext } from '../../../src/scan/context.js';
import type { ScanBudget } from '../../../src/scan/context.js';

/** One nested input handed back to the dispatcher, as a test sees it. */
export interface ScannedChild {
  /** The entry chain, innermost last. */
  readonly entry: readonly string[];
  readonly source: ByteSource;
  readonly depth: number;
  /** The child's bytes, read lazily so that huge sources are never read by accident. */
  bytes(): Uint8Array;
}

export interface Harness {
  readonly context: ScanContext;
  readonly findings: Finding[];
  readonly children: ScannedChild[];
  readonly budget: ScanBudget;
  /** @returns the rule ids reported, in order. */
  ruleIds(): string[];
  /** @returns the child entry names (innermost element of each chain). */
  childNames(): string[];
}

/** @returns a top-level ScanContext whose nested scans are collected instead of dispatched. */
export function createHarness(overrides: Partial<Limits> = {}): Harness {
  const limits = withLimits(overrides);
  const findings: Finding[] = [];
  const children: ScannedChild[] = [];
  const budget: ScanBudget = { inflatedBytes: 0, deadline: new Deadline(limits.maxTimeMs), findings, formats: [] };
  const nested = (source: ByteSource, child: ScanContext): Promise<void> => {
    children.push({ entry: child.location.entry ?? [], source, depth: child.depth, bytes: () => source.read(0, source.size) });
    return Promise.resolve();
  };
  const context = new ScanContext({ limits, budget, location: { path: 'input.bin' }, depth: 0, nested });
  return {
    context,
    findings,
    children,
    budget,
    ruleIds: () => findings.map((f) => f.ruleId),
    childNames: () => children.map((c) => c.entry[c.entry.length - 1] ?? ''),
  };
}

/** @returns `value`, failing the test when it is undefined (lint forbids non-null assertions). */
export function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('expected a value, found undefined');
  return value;
}
