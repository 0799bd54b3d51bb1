// SPDX-License-Identifier: Apache-2.0
import { isCitadelError } from '../../core/index.js';
import { detect, type Detection } from '../../detect/index.js';
import { GatewayError } from '../errors.js';
import { ScanCache } from './scan-cache.js';

/**
 * Detections of recent texts. Applications resend the same system prompt on every call and the
 * whole history on every turn, so most texts of a request were scanned moments ago. Entries are
 * scoped to one virtual key: a shared cache would let one tenant learn by timing whether another
 * sent a given text.
 */
const cache = new ScanCache<readonly Detection[]>({ maxEntries: 4096, maxChars: 4 * 1024 * 1024 });
/** Longer texts are scanned every time rather than pinned in memory. */
const CACHE_MAX_TEXT = 16 * 1024;

function runDetectors(text: string): readonly Detection[] {
  try {
    return detect(text).detections;
  } catch (error) {
    if (isCitadelError(error, 'DETECT_LIMIT')) throw new GatewayError('GATEWAY_BODY_TOO_LARGE', `one text in the request is too long to scan (${text.length} characters)`, { cause: error });
    throw error;
  }
}

/**
 * Every detector (injection and jailbreak classifier, hidden text, secrets, PII, exfiltration
 * links) on one request text, remembered per key for texts it sends again.
 * @throws GatewayError GATEWAY_BODY_TOO_LARGE when one text is longer than the detectors accept:
 * a text that cannot be scanned is not forwarded (fail closed).
 * @returns the detections, spans into `text`.
 */
export function scanRequestText(text: string, scope: string): readonly Detection[] {
  if (text.length > CACHE_MAX_TEXT) return runDetectors(text);
  const hit = cache.get(scope, text);
  if (hit) return hit;
  const detections = runDetectors(text);
  cache.set(scope, text, detections);
  return detections;
}
