// SPDX-License-Identifier: Apache-2.0
export { detect, type DetectOptions } from './detect.js';
export { DETECTORS, DETECTOR_IDS, toDetector } from './registry.js';
export { normalize, type DecodedView, type HiddenRun, type NormalizedText } from './normalize/normalize.js';
export { createCanary, detectCanary, embedCanary } from './rules/canary.js';
export { scanLeaks, redact, type LeakCategory, type LeakScanOptions } from './leaks/scan-leaks.js';
export { createStreamScanner, MAX_LEAK_SPAN, type StreamScanner } from './leaks/stream-scanner.js';
export { loadModel, scoreText, type AttackScore, type Model } from './classifier/model.js';
export { DetectError, type DetectErrorCode } from './errors.js';
export { ATTACK_CATEGORIES, LEAK_CATEGORIES } from './types.js';
export type { Category, Detection, Detector, DetectContext, Span, Verdict, VerdictKind } from './types.js';
