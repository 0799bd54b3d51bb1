// SPDX-License-Identifier: Apache-2.0
import type { HiddenRun } from '../normalize/normalize.js';
import type { Detection, DetectContext, Detector } from '../types.js';

/** Emoji sequences join with U+200D and end with U+FE0F; these alone are ordinary text. */
function isEmojiJoiner(text: string, run: HiddenRun): boolean {
  const before = text.codePointAt(Math.max(0, run.start - 2)) ?? 0;
  const after = text.codePointAt(run.end) ?? 0;
  return run.count <= 2 && (before >= 0x2600 || after >= 0x2600 || text.charCodeAt(run.start - 1) >= 0xdc00);
}

/** Subdivision flags (England, Scotland, Wales) are U+1F3F4, tag letters, and U+E007F CANCEL TAG. */
function isFlagSequence(text: string, run: HiddenRun): boolean {
  return run.count <= 7 && text.codePointAt(run.start - 2) === 0x1f3f4 && text.codePointAt(run.end - 2) === 0xe007f;
}

function isInsideWord(text: string, run: HiddenRun): boolean {
  return /[\p{L}\p{N}]/u.test(text.charAt(run.start - 1)) && /[\p{L}\p{N}]/u.test(text.charAt(run.end));
}

/** @returns the score and reason of one run: what it can hide, weighed against its ordinary uses. */
function judgeRun(text: string, run: HiddenRun): { score: number; reason: string } | undefined {
  switch (run.kind) {
    case 'tag':
      if (isFlagSequence(text, run)) return undefined;
      return { score: run.count >= 4 ? 0.95 : 0.6, reason: `${run.count} unicode tag characters spell invisible text` };
    case 'variation-selector':
      return run.count >= 8 ? { score: 0.9, reason: `${run.count} variation selectors in a row can encode hidden bytes` } : undefined;
    case 'bidi':
      return text.charCodeAt(run.start) === 0x200e || text.charCodeAt(run.start) === 0x200f || text.charCodeAt(run.start) === 0x61c
        ? { score: 0.2, reason: 'bidirectional mark' }
        : { score: 0.7, reason: 'bidirectional override or isolate reorders displayed text' };
    case 'zero-width':
      if (isEmojiJoiner(text, run)) return undefined;
      return isInsideWord(text, run) ? { score: 0.6, reason: 'zero-width character splits a word' } : { score: 0.3, reason: 'zero-width character' };
    case 'control':
      return { score: 0.5, reason: `${run.count} control characters` };
    case 'combining':
      return run.count >= 8 ? { score: 0.5, reason: 'stacked combining marks obscure letters' } : undefined;
    case 'soft-hyphen':
      return isInsideWord(text, run) && run.count >= 3 ? { score: 0.3, reason: 'soft hyphens inside words' } : undefined;
  }
}

/** Reports hidden Unicode: what a person reviewing the text cannot see but a model reads. */
export const HIDDEN_TEXT_DETECTOR: Detector = {
  id: 'hidden-text',
  categories: ['hidden'],
  detect(text: string, context: DetectContext): Detection[] {
    const out: Detection[] = [];
    for (const run of context.normalized.hidden) {
      const judged = judgeRun(text, run);
      if (judged !== undefined) out.push({ ruleId: `hidden.${run.kind}`, category: 'hidden', score: judged.score, span: { start: run.start, end: run.end }, reason: judged.reason });
    }
    return out;
  },
};
