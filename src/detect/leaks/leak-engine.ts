// SPDX-License-Identifier: Apache-2.0
import type { Detection } from '../types.js';
import type { Candidate, Judgement, LeakPattern } from './leak-pattern.js';

/** Per-pattern resume positions, as absolute offsets into the whole text. */
export interface ScanCursor {
  readonly next: number[];
}

/** @returns a cursor that starts every pattern at offset 0. */
export function createCursor(patterns: readonly LeakPattern[]): ScanCursor {
  return { next: patterns.map(() => 0) };
}

/** Options of one incremental scan over a window of the text. */
export interface WindowScanOptions {
  /** Absolute offset of `window[0]` in the whole text. */
  readonly base: number;
  /** True when the window reaches the end of the whole text: every attempt is final. */
  readonly final: boolean;
}

/**
 * @returns the absolute offset before which every attempt of `pattern` is final in `window`: an
 * attempt needs `horizon` characters, or a character outside the alphabet (plus `lookahead`) after it.
 */
function toSettledLimit(window: string, pattern: LeakPattern, options: WindowScanOptions): number {
  if (options.final) return options.base + window.length;
  let limit = Math.max(0, window.length - pattern.horizon);
  for (let t = window.length - 1 - pattern.lookahead; t >= limit; t--) {
    if (!pattern.isAlphabet(window.charCodeAt(t))) { limit = t + 1; break; }
  }
  if (pattern.openers !== undefined) limit = toOpenerLimit(window, pattern.openers, limit);
  return options.base + limit;
}

/** @returns the judged span clamped inside the candidate, as absolute offsets. */
function toNarrowed(found: Candidate, judgement: Judgement, base: number): { start: number; end: number } {
  const start = Math.min(Math.max(judgement.start ?? found.start, found.start), found.end - 1);
  const end = Math.max(Math.min(judgement.end ?? found.end, found.end), start + 1);
  return { start: base + start, end: base + end };
}

/** @returns the first position at or after `from` where an opener starts or could still start. */
function toOpenerLimit(window: string, openers: readonly string[], from: number): number {
  const longest = Math.max(...openers.map((o) => o.length));
  for (let p = from; p < window.length; p++) {
    if (p > window.length - longest) return p;
    for (const opener of openers) if (window.startsWith(opener, p)) return p;
  }
  return window.length;
}

/**
 * Scans `window` with every pattern from its cursor, keeping only candidates whose attempt is final
 * (see LeakPattern), so that scanning a text whole or window by window yields the same detections.
 * @returns the final detections (absolute spans) and the smallest settled limit over all patterns.
 */
export function scanWindow(
  window: string, patterns: readonly LeakPattern[], state: { cursor: ScanCursor; options: WindowScanOptions },
): { detections: Detection[]; settled: number } {
  const { cursor, options } = state;
  const detections: Detection[] = [];
  let settled = Infinity;
  for (let i = 0; i < patterns.length; i++) {
    const pattern = patterns[i];
    if (pattern === undefined) continue;
    const limit = toSettledLimit(window, pattern, options);
    settled = Math.min(settled, limit);
    let from = Math.max(0, (cursor.next[i] ?? 0) - options.base);
    for (;;) {
      const found = pattern.find(window, from);
      if (found === null || options.base + found.start >= limit) {
        cursor.next[i] = Math.max(options.base + from, limit);
        break;
      }
      const judgement = pattern.judge(window, found);
      if (judgement !== null && judgement.score > 0) {
        detections.push({
          ruleId: pattern.ruleId, category: pattern.category, score: judgement.score,
          span: toNarrowed(found, judgement, options.base), reason: judgement.reason,
        });
      }
      from = found.end;
    }
  }
  return { detections, settled: settled === Infinity ? options.base + window.length : settled };
}

/** @returns detections ordered by start, longest first, then rule id: the order redaction relies on. */
export function sortDetections(detections: Detection[]): Detection[] {
  return detections.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end
    || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
}
