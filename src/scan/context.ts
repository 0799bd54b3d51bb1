// SPDX-License-Identifier: Apache-2.0
import type { ByteSource, Deadline, Finding, Limits, Location, Severity } from '../core/index.js';
import { ScanError } from './errors.js';

/** What a parser reports; the context adds where. */
export interface FindingInput {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly offset?: number;
  readonly detail?: Readonly<Record<string, unknown>>;
}

/** Shared by every context under one top-level input: inflation is bounded across the whole tree. */
export interface ScanBudget {
  inflatedBytes: number;
  readonly deadline: Deadline;
  readonly findings: Finding[];
  /** Formats recognised, outermost first, for the target summary. */
  readonly formats: string[];
  /** Called now and then during long parses, for progress displays. */
  readonly tick?: () => void;
}

/** Dispatches a nested input (an archive entry, an embedded pickle) back through sniffing. */
export type ScanNested = (source: ByteSource, context: ScanContext) => Promise<void>;

/**
 * Everything a format handler needs about where it is: the location to report against, the
 * limits, the budget shared with its siblings, and the way to scan what it finds inside.
 */
export interface ScanContextOptions {
  readonly limits: Limits;
  readonly budget: ScanBudget;
  readonly location: Location;
  readonly depth: number;
  readonly nested: ScanNested;
}

export class ScanContext {
  readonly limits: Limits;
  readonly budget: ScanBudget;
  readonly location: Location;
  readonly depth: number;
  private readonly nested: ScanNested;

  constructor(options: ScanContextOptions) {
    this.limits = options.limits;
    this.budget = options.budget;
    this.location = options.location;
    this.depth = options.depth;
    this.nested = options.nested;
  }

  /** Records a finding at this context's location (offset within this entry when given). */
  report(input: FindingInput): void {
    const location: Location = input.offset === undefined ? this.location : { ...this.location, offset: input.offset };
    this.budget.findings.push({
      ruleId: input.ruleId,
      severity: input.severity,
      message: input.message,
      location,
      ...(input.detail ? { detail: input.detail } : {}),
    });
  }

  /** @returns the context for an entry inside this one. */
  toChild(entryName: string): ScanContext {
    const entry = [...(this.location.entry ?? []), entryName];
    return new ScanContext({
      limits: this.limits,
      budget: this.budget,
      nested: this.nested,
      location: { path: this.location.path, entry },
      depth: this.depth + 1,
    });
  }

  /**
   * Scans `source` as a nested input named `entryName`, unless nesting is too deep (a finding).
   */
  async scanChild(source: ByteSource, entryName: string): Promise<void> {
    const child = this.toChild(entryName);
    if (child.depth > this.limits.maxDepth) {
      this.report({
        ruleId: 'CITADEL-SCAN-LIMIT',
        severity: 'medium',
        message: `nesting deeper than ${this.limits.maxDepth} levels at ${entryName}; not scanned further`,
      });
      return;
    }
    await this.nested(source, child);
  }

  /**
   * Charges `bytes` of inflated output against the shared budget.
   * @throws ScanError SCAN_LIMIT when the total would pass limits.maxInflatedBytes.
   */
  chargeInflated(bytes: number): void {
    this.budget.inflatedBytes += bytes;
    if (this.budget.inflatedBytes > this.limits.maxInflatedBytes) {
      throw new ScanError('SCAN_LIMIT', `inflated data exceeds ${this.limits.maxInflatedBytes} bytes in total`);
    }
  }

  /** @throws ScanError SCAN_TIMEOUT once the deadline for this input has passed. */
  checkDeadline(): void {
    if (this.budget.deadline.isExpired()) {
      throw new ScanError('SCAN_TIMEOUT', `scan exceeded its ${this.budget.deadline.budgetMs} ms budget`);
    }
  }

  /** Notes a recognised format for the target summary. */
  noteFormat(format: string): void {
    if (this.budget.formats.length < 16) this.budget.formats.push(format);
  }
}
