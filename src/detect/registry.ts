// SPDX-License-Identifier: Apache-2.0
import { DetectError } from './errors.js';
import { CLASSIFIER_DETECTOR } from './rules/classifier-detector.js';
import { HIDDEN_TEXT_DETECTOR } from './rules/hidden-text.js';
import { CANARY_DETECTOR, EXFIL_DETECTOR, PII_DETECTOR, SECRET_DETECTOR } from './rules/leak-detectors.js';
import type { Detector } from './types.js';

/** Every detector, in the order they run. A new detector is one file and one line here. */
export const DETECTORS: readonly Detector[] = [
  CLASSIFIER_DETECTOR,
  HIDDEN_TEXT_DETECTOR,
  SECRET_DETECTOR,
  PII_DETECTOR,
  CANARY_DETECTOR,
  EXFIL_DETECTOR,
];

export const DETECTOR_IDS: readonly string[] = DETECTORS.map((d) => d.id);

/**
 * @returns the detector with this id.
 * @throws DetectError `DETECT_USAGE` for an unknown id.
 */
export function toDetector(id: string): Detector {
  const found = DETECTORS.find((d) => d.id === id);
  if (found === undefined) throw new DetectError('DETECT_USAGE', `expected a detector id (${DETECTOR_IDS.join(', ')}), got ${JSON.stringify(id)}`);
  return found;
}
