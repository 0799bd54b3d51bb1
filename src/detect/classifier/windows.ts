// SPDX-License-Identifier: Apache-2.0
import type { Span } from '../types.js';

/**
 * Windows over a text of `length` characters: one window when it fits, else windows of `window`
 * characters every `stride` characters plus one flush with the end. An injection buried in a long
 * document then dominates its window instead of being averaged away.
 */
export interface WindowPlan {
  readonly count: number;
  readonly window: number;
  readonly stride: number;
  /** Start of the last window (flush with the end); regular windows are the first count - 1. */
  readonly tail: number;
  /** @returns the first window that holds `[start, end)` whole (count when none). */
  firstWindow(start: number, end: number): number;
  /** @returns the last window that holds `[start, end)` whole (-1 when none). */
  lastWindow(start: number, end: number): number;
  span(k: number): Span;
}

/** @returns the window plan for a text; the trainer and the scorer share it. */
export function toWindows(length: number, sizes: { window: number; stride: number }): WindowPlan {
  const { window, stride } = sizes;
  if (length <= window) {
    return { count: 1, window, stride, tail: 0, firstWindow: () => 0, lastWindow: () => 0, span: () => ({ start: 0, end: length }) };
  }
  const regular = Math.ceil((length - window) / stride);
  const tail = length - window;
  const startOf = (k: number): number => (k < regular ? k * stride : tail);
  return {
    count: regular + 1, window, stride, tail,
    firstWindow(_start, end) {
      const k = Math.max(0, Math.ceil((end - window) / stride));
      return k < regular ? k : regular;
    },
    lastWindow(start, end) {
      if (start >= tail) return regular;
      const k = Math.min(regular - 1, Math.floor(start / stride));
      return k * stride + window >= end ? k : -1;
    },
    span: (k) => ({ start: startOf(k), end: startOf(k) + window }),
  };
}
