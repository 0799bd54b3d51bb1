// SPDX-License-Identifier: Apache-2.0
import { loadModel } from '../classifier/model.js';
import { scoreAttack } from '../classifier/score-attack.js';
import type { Detection, DetectContext, Detector } from '../types.js';

/**
 * The trained injection/jailbreak classifier over the normalised text and its decoded views.
 * Reports one detection: the attack probability, labelled with the likelier category.
 */
export const CLASSIFIER_DETECTOR: Detector = {
  id: 'classifier',
  categories: ['injection', 'jailbreak'],
  detect(_text: string, context: DetectContext): Detection[] {
    const reading = scoreAttack(loadModel(), context.normalized);
    const category = reading.jailbreak > 0.5 ? 'jailbreak' : 'injection';
    const via = reading.view === undefined ? '' : ` in ${reading.view}-decoded text`;
    return [{
      ruleId: `classifier.${category}`, category, score: reading.score, span: reading.span,
      reason: `classifier attack probability ${reading.score.toFixed(3)}${via}`,
    }];
  },
};
