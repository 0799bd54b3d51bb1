// SPDX-License-Identifier: Apache-2.0
import type { NormalizedText } from './normalize/normalize.js';

/** What a detection is about. Attack categories drive `attack`; leak categories drive `leak`. */
export type Category = 'injection' | 'jailbreak' | 'hidden' | 'secret' | 'pii' | 'canary' | 'exfil';

export const ATTACK_CATEGORIES: readonly Category[] = ['injection', 'jailbreak', 'hidden'];
export const LEAK_CATEGORIES: readonly Category[] = ['secret', 'pii', 'canary', 'exfil'];

/** Half-open range of UTF-16 code units in the text the caller passed in (not the normalised form). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** One finding of one detector. */
export interface Detection {
  /** Stable rule id, e.g. `secret.github-token`, `pii.card-number`, `classifier.injection`. */
  readonly ruleId: string;
  readonly category: Category;
  /** Confidence in [0, 1]. */
  readonly score: number;
  readonly span: Span;
  /** Short reason for people; never contains the matched secret itself. */
  readonly reason: string;
}

export type VerdictKind = 'attack' | 'leak' | 'clean';

/** Result of `detect`: the verdict, the highest score per category, and every detection. */
export interface Verdict {
  readonly verdict: VerdictKind;
  /** Highest score among the categories that decided the verdict (attack or leak), else the highest overall. */
  readonly score: number;
  readonly categories: Record<string, number>;
  readonly detections: Detection[];
}

/** What every detector receives besides the raw text. */
export interface DetectContext {
  /** The shared normalised form (NFKC, confusables, hidden characters, decoded runs). */
  readonly normalized: NormalizedText;
  /** Canary tokens planted in the system prompt; finding one in output is a leak. */
  readonly canaries: readonly string[];
}

/** One detector: `(text, context) -> Detection[]` (DESIGN.md). Registered in `registry.ts`. */
export interface Detector {
  readonly id: string;
  readonly categories: readonly Category[];
  /** @returns detections with spans into `text`; never throws on hostile text. */
  detect(text: string, context: DetectContext): Detection[];
}
