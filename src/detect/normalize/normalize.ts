// SPDX-License-Identifier: Apache-2.0
import type { Span } from '../types.js';
import { toConfusable, toHiddenKind, type HiddenKind } from './hidden-chars.js';
import { toDecodedViews, type DecodedView } from './decode-views.js';

export type { DecodedView } from './decode-views.js';

/** A run of hidden characters of one kind, as a span of the original text. */
export interface HiddenRun {
  readonly kind: HiddenKind;
  readonly start: number;
  readonly end: number;
  readonly count: number;
}

/** The form every detector sees beside the raw text. */
export interface NormalizedText {
  /** NFKC, Latin confusables folded inside Latin words, diacritics stripped from Latin letters, hidden characters removed. */
  readonly text: string;
  readonly hidden: readonly HiddenRun[];
  /** Decoded base64, hex, rot13, leetspeak and tag-character runs, so encoded attacks are read in the clear. */
  readonly views: readonly DecodedView[];
  /** `offsets[i]` is the original index of `text[i]` (length text.length + 1); null when text is unchanged. */
  readonly offsets: Int32Array | null;
}

const SUSPECT = /[^\t\n\r\x20-\x7e]/;
const MARK = /^\p{M}$/u;
const foldCache = new Map<number, string>();

function isAsciiLetter(cp: number): boolean {
  return (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122);
}

/** @returns the NFKC form of one code point, with diacritics removed when the base letter is ASCII. */
function toFolded(cp: number): string {
  let out = foldCache.get(cp);
  if (out !== undefined) return out;
  out = String.fromCodePoint(cp).normalize('NFKC');
  const bare = out.normalize('NFD').replace(/\p{M}/gu, '');
  if (bare.length > 0 && /^[\x20-\x7e]+$/.test(bare)) out = bare;
  if (foldCache.size < 4096) foldCache.set(cp, out);
  return out;
}

interface Builder {
  parts: string[];
  offsets: Int32Array;
  length: number;
  hidden: HiddenRun[];
  tags: string;
}

function addHidden(b: Builder, kind: HiddenKind, at: { start: number; end: number }): void {
  const last = b.hidden[b.hidden.length - 1];
  if (last !== undefined && last.kind === kind && last.end === at.start) {
    b.hidden[b.hidden.length - 1] = { ...last, end: at.end, count: last.count + 1 };
  } else if (b.hidden.length < 1024) {
    b.hidden.push({ kind, start: at.start, end: at.end, count: 1 });
  }
}

/** Appends `text`, all of it from original offset `at.origin` (or origin + k for an unchanged run). */
function addText(b: Builder, text: string, at: { origin: number; unchanged: boolean }): void {
  const { origin, unchanged } = at;
  b.parts.push(text);
  if (b.length + text.length + 1 > b.offsets.length) {
    const grown = new Int32Array((b.length + text.length + 1) * 2);
    grown.set(b.offsets.subarray(0, b.length));
    b.offsets = grown;
  }
  const offsets = b.offsets;
  const base = b.length;
  if (unchanged) for (let k = 0; k < text.length; k++) offsets[base + k] = origin + k;
  else for (let k = 0; k < text.length; k++) offsets[base + k] = origin;
  b.length += text.length;
}

/** Folds one visible code point: confusables only next to Latin letters, so Cyrillic words stay Cyrillic. */
function foldVisible(text: string, i: number, cp: number): string {
  const confusable = toConfusable(cp);
  if (confusable !== undefined) {
    const before = i > 0 ? text.charCodeAt(i - 1) : 0;
    const after = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
    if (isAsciiLetter(before) || isAsciiLetter(after)) return confusable;
  }
  return toFolded(cp);
}

/** The complement of printable ASCII (SUSPECT), searched from a position. */
const SUSPECT_FROM = /[^\t\n\r\x20-\x7e]/g;

function isPrintableAscii(c: number): boolean {
  return c < 0x7f && (c >= 0x20 || c === 9 || c === 10 || c === 13);
}

/**
 * @returns the end of the run of printable ASCII starting at `i`. The expression scans natively,
 * several times faster than reading the run a character at a time; most text is such runs.
 */
function toAsciiRunEnd(text: string, i: number): number {
  if (i >= text.length || !isPrintableAscii(text.charCodeAt(i))) return i;
  SUSPECT_FROM.lastIndex = i + 1;
  const next = SUSPECT_FROM.exec(text);
  return next === null ? text.length : next.index;
}

const markCache = new Map<number, boolean>();

/** @returns whether a code point is a combining mark (cached: the test builds a string). */
function isMark(cp: number): boolean {
  let mark = markCache.get(cp);
  if (mark !== undefined) return mark;
  mark = MARK.test(String.fromCodePoint(cp));
  if (markCache.size < 4096) markCache.set(cp, mark);
  return mark;
}

function toCodePointAt(text: string, i: number): number {
  return text.codePointAt(i) ?? 0;
}

function buildSlow(text: string): Builder {
  const b: Builder = { parts: [], offsets: new Int32Array(text.length + 1), length: 0, hidden: [], tags: '' };
  let lastCp = 0;
  let marks = 0;
  for (let i = 0; i < text.length;) {
    const run = toAsciiRunEnd(text, i);
    if (run > i) { addText(b, text.slice(i, run), { origin: i, unchanged: true }); lastCp = text.charCodeAt(run - 1); marks = 0; i = run; continue; }
    const cp = toCodePointAt(text, i);
    const width = cp > 0xffff ? 2 : 1;
    const kind = toHiddenKind(cp);
    if (kind !== undefined) {
      addHidden(b, kind, { start: i, end: i + width });
      if (kind === 'tag' && cp >= 0xe0020 && cp <= 0xe007e) b.tags += String.fromCharCode(cp - 0xe0000);
    } else if (cp >= 0x300 && isAsciiLetter(lastCp) && isMark(cp)) {
      if (++marks > 2) addHidden(b, 'combining', { start: i, end: i + width });
    } else {
      marks = 0;
      addText(b, foldVisible(text, i, cp), { origin: i, unchanged: false });
      lastCp = cp;
    }
    i += width;
  }
  return b;
}

/**
 * Normalises text for detection: NFKC, Latin confusables, hidden characters removed and reported,
 * and decoded views of encoded runs. Printable ASCII takes a fast path that allocates nothing
 * beyond the views it finds. The input is bounded by the caller (`detect` checks its limit).
 * @returns the normalised text, its hidden runs, its decoded views and an offset map.
 */
export function normalize(text: string): NormalizedText {
  if (!SUSPECT.test(text)) return { text, hidden: [], views: toDecodedViews(text, { tags: '', offsets: null }), offsets: null };
  const b = buildSlow(text);
  const offsets = b.offsets.length === b.length + 1 ? b.offsets : b.offsets.slice(0, b.length + 1);
  offsets[b.length] = text.length;
  const normalized = b.parts.join('');
  return { text: normalized, hidden: b.hidden, views: toDecodedViews(normalized, { tags: b.tags, offsets }), offsets };
}

/** @returns the span of the original text that a span of `normalized.text` came from. */
export function toOriginalSpan(normalized: NormalizedText, span: Span): Span {
  const map = normalized.offsets;
  if (map === null) return span;
  const last = map.length - 1;
  const start = map[Math.min(Math.max(span.start, 0), last)] ?? 0;
  const end = map[Math.min(Math.max(span.end, 0), last)] ?? 0;
  return { start, end: Math.max(start, end) };
}
