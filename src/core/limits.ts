// SPDX-License-Identifier: Apache-2.0

/**
 * Bounds applied to every untrusted input. A parser that reaches one stops with a typed error or a
 * finding; it never grows without bound, recurses without bound or runs without a deadline.
 */
export interface Limits {
  /** Largest single buffer a parser may hold in memory (an inflated entry, a header). */
  readonly maxBufferBytes: number;
  /** Nesting of containers: archives in archives, pickles in pickles. */
  readonly maxDepth: number;
  /** Entries read from one container. */
  readonly maxEntries: number;
  /** Bytes inflated from all compressed data under one top-level input. */
  readonly maxInflatedBytes: number;
  /** Inflated-to-compressed ratio past which an entry counts as a bomb. */
  readonly maxRatio: number;
  /** Wall-clock budget for one top-level input, in milliseconds. */
  readonly maxTimeMs: number;
  /** Pickle opcodes executed symbolically per stream. */
  readonly maxOpcodes: number;
  /** Symbolic stack and mark depth. */
  readonly maxStackDepth: number;
}

export const DEFAULT_LIMITS: Limits = Object.freeze({
  maxBufferBytes: 512 * 1024 * 1024,
  maxDepth: 8,
  maxEntries: 100_000,
  maxInflatedBytes: 4 * 1024 * 1024 * 1024,
  maxRatio: 200,
  maxTimeMs: 120_000,
  maxOpcodes: 500_000_000,
  maxStackDepth: 100_000,
});

/** @returns DEFAULT_LIMITS with the given fields replaced. */
export function withLimits(overrides: Partial<Limits> = {}): Limits {
  return Object.freeze({ ...DEFAULT_LIMITS, ...overrides });
}

/** A deadline shared by every parser working on one top-level input. */
export class Deadline {
  private readonly endsAt: number;

  constructor(readonly budgetMs: number) {
    this.endsAt = performance.now() + budgetMs;
  }

  /** @returns true once the budget is spent. */
  isExpired(): boolean {
    return performance.now() > this.endsAt;
  }

  /** @returns milliseconds left, 0 once expired. */
  remainingMs(): number {
    return Math.max(0, this.endsAt - performance.now());
  }
}
