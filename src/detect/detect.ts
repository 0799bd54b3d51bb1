// SPDX-License-Identifier: Apache-2.0
import { DetectError } from './errors.js';
import { normalize } from './normalize/normalize.js';
import { DETECTORS, toDetector } from './registry.js';
import { ATTACK_CATEGORIES, LEAK_CATEGORIES, type Detection, type DetectContext, type Detector, type Verdict } from './types.js';

/** Options of `detect`; every field is optional. */
export interface DetectOptions {
  /** Ids of the detectors to run (see DETECTOR_IDS); all by default. */
  readonly detectors?: readonly string[];
  /** Canary tokens planted in the system prompt (from `createCanary`). */
  readonly canaries?: readonly string[];
  /** Score at or above which an attack detection makes the verdict `attack` (default 0.5, the model's calibrated threshold). */
  readonly attackThreshold?: number;
  /** Score at or above which a leak detection makes the verdict `leak` (default 0.5). */
  readonly leakThreshold?: number;
  /** Longest text accepted, in UTF-16 code units (default 1,000,000). */
  readonly maxChars?: number;
}

const DEFAULT_MAX_CHARS = 1_000_000;

function toThreshold(value: number | undefined, name: string): number {
  if (value === undefined) return 0.5;
  if (!(value >= 0 && value <= 1)) throw new DetectError('DETECT_USAGE', `expected ${name} in [0, 1], got ${value}`);
  return value;
}

function toDetectors(ids: readonly string[] | undefined): readonly Detector[] {
  return ids === undefined ? DETECTORS : ids.map((id) => toDetector(id));
}

function toCategoryScores(detectors: readonly Detector[], detections: readonly Detection[]): Record<string, number> {
  const categories: Record<string, number> = {};
  for (const d of detectors) for (const c of d.categories) categories[c] = 0;
  for (const d of detections) {
    if (d.ruleId.startsWith('classifier.')) continue;
    categories[d.category] = Math.max(categories[d.category] ?? 0, d.score);
  }
  return categories;
}

/** The classifier reports one probability; its category scores split it by the jailbreak share. */
function addClassifierScores(categories: Record<string, number>, detections: readonly Detection[]): void {
  const classified = detections.find((d) => d.ruleId.startsWith('classifier.'));
  if (classified === undefined) return;
  const other = classified.category === 'jailbreak' ? 'injection' : 'jailbreak';
  categories[classified.category] = Math.max(categories[classified.category] ?? 0, classified.score);
  categories[other] = Math.max(categories[other] ?? 0, 0);
}

function toMax(detections: readonly Detection[], among: readonly string[]): number {
  let best = 0;
  for (const d of detections) if (among.includes(d.category) && d.score > best) best = d.score;
  return best;
}

/**
 * Runs the enabled detectors over `text` and decides: `attack` when an injection, jailbreak or
 * hidden-text detection reaches the attack threshold; otherwise `leak` when a secret, PII, canary
 * or exfiltration detection reaches the leak threshold; otherwise `clean`.
 * @returns the verdict, the highest score per category and every detection (spans into `text`).
 * @throws DetectError `DETECT_LIMIT` when the text is longer than `maxChars`; `DETECT_USAGE` on bad options.
 */
export function detect(text: string, options: DetectOptions = {}): Verdict {
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  if (text.length > maxChars) throw new DetectError('DETECT_LIMIT', `expected at most ${maxChars} characters, got ${text.length}`);
  const attackThreshold = toThreshold(options.attackThreshold, 'attackThreshold');
  const leakThreshold = toThreshold(options.leakThreshold, 'leakThreshold');
  const detectors = toDetectors(options.detectors);
  const context: DetectContext = { normalized: normalize(text), canaries: options.canaries ?? [] };
  const detections: Detection[] = [];
  for (const detector of detectors) detections.push(...detector.detect(text, context));
  const categories = toCategoryScores(detectors, detections);
  addClassifierScores(categories, detections);
  const attack = toMax(detections, ATTACK_CATEGORIES);
  const leak = toMax(detections, LEAK_CATEGORIES);
  const reported = detections.filter((d) => !d.ruleId.startsWith('classifier.') || d.score >= attackThreshold);
  if (attack >= attackThreshold) return { verdict: 'attack', score: attack, categories, detections: reported };
  if (leak >= leakThreshold) return { verdict: 'leak', score: leak, categories, detections: reported };
  return { verdict: 'clean', score: Math.max(attack, leak), categories, detections: reported };
}
