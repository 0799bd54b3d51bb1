// SPDX-License-Identifier: Apache-2.0
import { CitadelError } from '../core/index.js';

/** Stable codes raised by the detectors. Hostile text is scored, never an error. */
export type DetectErrorCode =
  | 'DETECT_USAGE' // a bad option: unknown detector id, threshold outside [0, 1]
  | 'DETECT_LIMIT' // input longer than the configured bound
  | 'DETECT_MODEL' // the weights file is missing, malformed or of another version
  | 'DETECT_INPUT'; // a CLI input line that is not a JSON object with a string `text`

export class DetectError extends CitadelError<DetectErrorCode> {}
