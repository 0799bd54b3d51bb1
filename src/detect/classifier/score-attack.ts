// SPDX-License-Identifier: Apache-2.0
import { toOriginalSpan, type NormalizedText } from '../normalize/normalize.js';
import type { Span } from '../types.js';
import { scoreText, type Model } from './model.js';

const MAX_VIEWS_SCORED = 8;

/** The classifier's reading of a text and its decoded views. */
export interface AttackReading {
  readonly score: number;
  readonly jailbreak: number;
  /** Span of the original text: the worst window, or the encoded run whose decoding scored highest. */
  readonly span: Span;
  /** Which decoded view won, when one did. */
  readonly view?: string;
}

/**
 * Scores the normalised text and each decoded view (base64, hex, rot13, leetspeak, tag
 * characters), so an attack that is encoded is read in the clear; the highest score wins.
 * @returns the winning score, its jailbreak share and where it was found.
 */
export function scoreAttack(model: Model, normalized: NormalizedText): AttackReading {
  const main = scoreText(model, normalized.text);
  let best: AttackReading = { score: main.score, jailbreak: main.jailbreak, span: toOriginalSpan(normalized, main.span) };
  for (const view of normalized.views.slice(0, MAX_VIEWS_SCORED)) {
    const scored = scoreText(model, view.text);
    if (scored.score > best.score) best = { score: scored.score, jailbreak: scored.jailbreak, span: view.span, view: view.kind };
  }
  return best;
}
