// SPDX-License-Identifier: Apache-2.0
import type { Detection } from '../types.js';
import { createCursor, scanWindow, sortDetections } from './leak-engine.js';
import { LEAK_PATTERNS } from './leak-registry.js';
import { applyRegions, toLeakPatterns, toRegions, type LeakScanOptions } from './scan-leaks.js';

/**
 * Longest text a built-in leak rule can read from the start of a candidate (its horizon). A stream
 * scanner never holds back more than this plus one redaction region, except inside a run of
 * characters that could still continue a match of a long rule (a JWT, a URL), which it holds whole
 * up to this bound.
 */
export const MAX_LEAK_SPAN: number = Math.max(...LEAK_PATTERNS.map((p) => p.horizon));

/** Redacts a text that arrives in pieces (a streamed completion) without scanning it twice. */
export interface StreamScanner {
  /** @returns the redacted text that is now final; may be empty while a possible match is held. */
  push(chunk: string): string;
  /** Ends the stream. @returns the rest of the redacted text. */
  flush(): string;
  /** @returns detections found since the last call, with spans into the whole stream. */
  takeDetections(): Detection[];
  /** @returns how many characters are currently held back. */
  held(): number;
}

/** Rescan only after this many new characters, so tiny chunks do not rescan the tail each time. */
const SCAN_STEP = 48;

/**
 * Creates a stream scanner whose concatenated output equals
 * `redact(text, scanLeaks(text, options))` however `text` is split into chunks: a candidate is
 * judged only once no later character can change it (see LeakPattern), and text is released only up
 * to a point no redaction region can still cross.
 * @throws DetectError `DETECT_USAGE` on bad options.
 */
export function createStreamScanner(options: LeakScanOptions = {}): StreamScanner {
  const patterns = toLeakPatterns(options);
  const lookbehind = Math.max(1, ...patterns.map((p) => p.lookbehind));
  const cursor = createCursor(patterns);
  let buffer = '';
  let base = 0;
  let emitted = 0;
  let scannedTo = 0;
  let pending: Detection[] = [];
  let fresh: Detection[] = [];

  function scan(final: boolean): number {
    const { detections, settled } = scanWindow(buffer, patterns, { cursor, options: { base, final } });
    scannedTo = base + buffer.length;
    if (detections.length) { pending.push(...detections); fresh.push(...detections); }
    return settled;
  }

  function release(limit: number): string {
    const regions = toRegions(sortDetections(pending));
    let to = limit;
    for (const r of regions) if (r.start < to && r.end > to) to = r.start;
    to = Math.max(to, emitted);
    const relative = regions.map((r) => ({ ...r, start: r.start - base, end: r.end - base }));
    const out = applyRegions(buffer, relative, { from: emitted - base, to: to - base });
    pending = pending.filter((d) => d.span.end > to);
    emitted = to;
    const keep = Math.max(0, to - lookbehind - base);
    buffer = buffer.slice(keep);
    base += keep;
    return out;
  }

  return {
    push(chunk) {
      buffer += chunk;
      if (base + buffer.length - scannedTo < SCAN_STEP) return '';
      return release(scan(false));
    },
    flush() {
      const out = release(scan(true));
      buffer = '';
      base = emitted;
      return out;
    },
    takeDetections() {
      const out = sortDetections(fresh);
      fresh = [];
      return out;
    },
    held() {
      return base + buffer.length - emitted;
    },
  };
}
