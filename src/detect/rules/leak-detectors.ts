// SPDX-License-Identifier: Apache-2.0
import { createCursor, scanWindow } from '../leaks/leak-engine.js';
import type { LeakPattern } from '../leaks/leak-pattern.js';
import type { Category, Detection, DetectContext, Detector } from '../types.js';
import { EXFIL_PATTERNS } from './exfil-patterns.js';
import { PII_PATTERNS } from './pii-patterns.js';
import { SECRET_PATTERNS } from './secret-patterns.js';
import { detectCanary } from './canary.js';
import { toOriginalSpan } from '../normalize/normalize.js';

/** @returns a detector that runs a list of leak rules over the raw text, as `scanLeaks` does. */
function toLeakDetector(id: string, category: Category, patterns: readonly LeakPattern[]): Detector {
  return {
    id, categories: [category],
    detect(text: string): Detection[] {
      return scanWindow(text, patterns, { cursor: createCursor(patterns), options: { base: 0, final: true } }).detections;
    },
  };
}

export const SECRET_DETECTOR = toLeakDetector('secrets', 'secret', SECRET_PATTERNS);
export const PII_DETECTOR = toLeakDetector('pii', 'pii', PII_PATTERNS);
export const EXFIL_DETECTOR = toLeakDetector('exfil-links', 'exfil', EXFIL_PATTERNS);

/**
 * Canary tokens from the context, in the raw text and in every decoded view (a model asked to
 * base64 its instructions leaks the canary encoded).
 */
export const CANARY_DETECTOR: Detector = {
  id: 'canary', categories: ['canary'],
  detect(text: string, context: DetectContext): Detection[] {
    const out: Detection[] = [];
    for (const canary of context.canaries) {
      const found = detectCanary(text, canary);
      if (found.length === 0 && context.normalized.text !== text) found.push(...detectCanary(context.normalized.text, canary).map((d) => ({ ...d, span: toOriginalSpan(context.normalized, d.span) })));
      for (const view of context.normalized.views) {
        if (found.length === 0 && detectCanary(view.text, canary).length > 0) found.push({ ruleId: 'canary.token', category: 'canary', score: 1, span: view.span, reason: `canary token appears in ${view.kind}-encoded text` });
      }
      out.push(...found);
    }
    return out;
  },
};
