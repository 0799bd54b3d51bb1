// SPDX-License-Identifier: Apache-2.0
import type { Detection } from '../types.js';
import { LEAK_CATEGORIES } from '../types.js';
import { createCursor, scanWindow, sortDetections } from './leak-engine.js';
import type { LeakCategory, LeakPattern } from './leak-pattern.js';
import { LEAK_PATTERNS } from './leak-registry.js';
import { toCanaryPattern } from '../rules/canary.js';
import { DetectError } from '../errors.js';

export type { LeakCategory } from './leak-pattern.js';

/** Which leak rules run. Defaults: secrets, PII and exfiltration links; canaries when given. */
export interface LeakScanOptions {
  readonly categories?: readonly LeakCategory[];
  /** Canary tokens from `createCanary`; each becomes a pattern of category `canary`. */
  readonly canaries?: readonly string[];
}

const MAX_CANARIES = 64;
const DEFAULT_CATEGORIES: readonly LeakCategory[] = ['secret', 'pii', 'canary', 'exfil'];

/**
 * @returns the patterns selected by `options`, in a stable order.
 * @throws DetectError `DETECT_USAGE` on an unknown category or too many canaries.
 */
export function toLeakPatterns(options: LeakScanOptions = {}): readonly LeakPattern[] {
  const categories = options.categories ?? DEFAULT_CATEGORIES;
  for (const c of categories) {
    if (!LEAK_CATEGORIES.includes(c)) throw new DetectError('DETECT_USAGE', `expected a leak category (secret, pii, canary, exfil), got ${JSON.stringify(c)}`);
  }
  const canaries = options.canaries ?? [];
  if (canaries.length > MAX_CANARIES) throw new DetectError('DETECT_USAGE', `expected at most ${MAX_CANARIES} canaries, got ${canaries.length}`);
  const fixed = LEAK_PATTERNS.filter((p) => categories.includes(p.category));
  if (!categories.includes('canary')) return fixed;
  return [...fixed, ...canaries.map((c) => toCanaryPattern(c))];
}

/**
 * Runs the leak rules (secrets, PII, canaries, exfiltration links) over the raw text. The stream
 * scanner reaches exactly these detections however the text is split.
 * @returns detections sorted by start.
 * @throws DetectError `DETECT_USAGE` on bad options.
 */
export function scanLeaks(text: string, options: LeakScanOptions = {}): Detection[] {
  const patterns = toLeakPatterns(options);
  const cursor = createCursor(patterns);
  return sortDetections(scanWindow(text, patterns, { cursor, options: { base: 0, final: true } }).detections);
}

/** @returns the replacement for one redacted region. */
export function toRedaction(category: string): string {
  return `[REDACTED:${category}]`;
}

/** A maximal run of overlapping leak spans, labelled by its first detection. */
export interface RedactionRegion {
  readonly start: number;
  readonly end: number;
  readonly category: string;
}

/** @returns merged regions of the leak-category detections (sorted input gives sorted output). */
export function toRegions(sorted: readonly Detection[]): RedactionRegion[] {
  const regions: RedactionRegion[] = [];
  for (const d of sorted) {
    if (!(LEAK_CATEGORIES as readonly string[]).includes(d.category) || d.span.end <= d.span.start) continue;
    const last = regions[regions.length - 1];
    if (last !== undefined && d.span.start < last.end) {
      if (d.span.end > last.end) regions[regions.length - 1] = { ...last, end: d.span.end };
    } else {
      regions.push({ start: d.span.start, end: d.span.end, category: d.category });
    }
  }
  return regions;
}

/** @returns `text[from, to)` with every region inside it replaced by `[REDACTED:<category>]`. */
export function applyRegions(text: string, regions: readonly RedactionRegion[], range: { from: number; to: number }): string {
  let out = '';
  let at = range.from;
  for (const r of regions) {
    if (r.end <= at || r.start >= range.to) continue;
    out += text.slice(at, Math.max(at, r.start)) + toRedaction(r.category);
    at = Math.min(r.end, range.to);
  }
  return out + text.slice(at, range.to);
}

/**
 * Replaces every span of category secret, pii, canary or exfil by `[REDACTED:<category>]`;
 * overlapping spans merge and take the category of the earliest (then longest) one. Other
 * categories (injection, jailbreak, hidden) are left in place.
 * @returns the redacted text; spans outside the text are clamped.
 */
export function redact(text: string, detections: readonly Detection[]): string {
  const clamped = detections.map((d) => ({
    ...d, span: { start: Math.max(0, Math.min(d.span.start, text.length)), end: Math.max(0, Math.min(d.span.end, text.length)) },
  }));
  return applyRegions(text, toRegions(sortDetections(clamped)), { from: 0, to: text.length });
}
