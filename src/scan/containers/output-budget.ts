// SPDX-License-Identifier: Apache-2.0
import type { ScanContext } from '../context.js';
import type { DecompressResult } from './decompress.js';

/**
 * Outputs up to this size are never bombs by ratio alone: a megabyte of zeros (an empty tensor,
 * a sparse array) legitimately compresses a thousandfold.
 */
export const RATIO_FLOOR_BYTES = 1 << 20;

/** The most one decompression may produce, and which bound set it. */
export interface OutputBudget {
  readonly maxBytes: number;
  readonly bound: 'ratio' | 'buffer' | 'total';
  readonly compressedBytes: number;
}

/** @returns the smallest of the ratio bound, the buffer bound and what is left of the input's inflate budget. */
export function toOutputBudget(context: ScanContext, compressedBytes: number): OutputBudget {
  const { limits, budget } = context;
  const candidates: OutputBudget[] = [
    { maxBytes: Math.max(RATIO_FLOOR_BYTES, compressedBytes * limits.maxRatio), bound: 'ratio', compressedBytes },
    { maxBytes: limits.maxBufferBytes, bound: 'buffer', compressedBytes },
    { maxBytes: Math.max(0, limits.maxInflatedBytes - budget.inflatedBytes), bound: 'total', compressedBytes },
  ];
  return candidates.reduce((a, b) => (b.maxBytes < a.maxBytes ? b : a));
}

/** Reports a decompression that would pass its budget as CITADEL-ARCHIVE-BOMB. */
export function reportBomb(context: ScanContext, what: string, budget: OutputBudget): void {
  const { limits } = context;
  const reasons = {
    ratio: `inflates past ${limits.maxRatio} times its ${budget.compressedBytes} compressed bytes`,
    buffer: `inflates past the ${limits.maxBufferBytes}-byte buffer limit`,
    total: `takes the data inflated from this input past ${limits.maxInflatedBytes} bytes`,
  };
  context.report({
    ruleId: 'CITADEL-ARCHIVE-BOMB',
    severity: 'high',
    message: `${what} ${reasons[budget.bound]}; stopped after ${budget.maxBytes} bytes`,
    detail: { bound: budget.bound, maxBytes: budget.maxBytes, compressedBytes: budget.compressedBytes },
  });
}

/** One decompression: what was decompressed (for messages), its result and the budget it ran under. */
export interface DecompressOutcome {
  readonly what: string;
  readonly result: DecompressResult;
  readonly budget: OutputBudget;
}

/**
 * Turns a decompression result into the bytes to scan: charges them to the inflate budget and
 * reports a bomb, damage (CITADEL-UNSCANNABLE, with what preceded the damage still returned for
 * scanning) or notes (CITADEL-ARCHIVE-DIVERGENCE: data some loaders read and others refuse).
 * @throws ScanError SCAN_LIMIT from context.chargeInflated (cannot happen within the budget).
 * @returns the bytes to scan, or undefined when there are none.
 */
export function acceptDecompressed(context: ScanContext, outcome: DecompressOutcome): Uint8Array | undefined {
  const { what, result, budget } = outcome;
  if (result.status === 'too-large') {
    reportBomb(context, what, budget);
    return undefined;
  }
  const data = result.status === 'ok' ? result.data : result.partial;
  context.chargeInflated(data.length);
  if (result.status === 'corrupt') {
    const tail = data.length > 0 ? `; the ${data.length} bytes before the damage are scanned` : '';
    context.report({ ruleId: 'CITADEL-UNSCANNABLE', severity: 'medium', message: `${what} cannot be fully decompressed: ${result.message}${tail}` });
    return data.length > 0 ? data : undefined;
  }
  for (const note of result.notes) {
    context.report({ ruleId: 'CITADEL-ARCHIVE-DIVERGENCE', severity: 'high', message: `${what}: ${note}` });
  }
  return data;
}
