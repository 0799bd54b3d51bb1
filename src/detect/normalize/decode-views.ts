// SPDX-License-Identifier: Apache-2.0
import type { Span } from '../types.js';
import { toCodeUnits } from '../code-units.js';

/** A decoded reading of part of the text; `span` points into the original text. */
export interface DecodedView {
  readonly kind: 'base64' | 'hex' | 'rot13' | 'leet' | 'tags';
  readonly span: Span;
  readonly text: string;
}

const MAX_VIEWS = 16;
const MAX_VIEW_CHARS = 65_536;
const HEX_ESCAPES = /(?:\\x[0-9a-fA-F]{2}){6,4096}/g;
/** Frequent English words after rot13: "the", "and", "you", "ignore", "previous", "instructions"... */
const ROT13_WORDS = /\b(?:gur|naq|lbh|lbhe|vf|nyy|jvgu|sbe|guvf|vtaber|cerivbhf|vafgehpgvbaf|cebzcg|flfgrz|cnffjbeq|fnl|gryy|ercrng|qb|abg|ner|jung|ubj)\b/gi;
const PLAIN_WORDS = /\b(?:the|and|you|your|is|all|with|for|this|ignore|previous|instructions|prompt|system|password|say|tell|repeat|do|not|are|what|how)\b/gi;
const LEET_TOKEN = /(?<![\w@$\\])[A-Za-z0-9@$]{3,20}(?![\w@$])/g;
const LEET: Readonly<Record<string, string>> = { 0: 'o', 1: 'i', 3: 'e', 4: 'a', 5: 's', 7: 't', '@': 'a', $: 's' };

function toSpan(offsets: Int32Array | null, start: number, end: number): Span {
  if (offsets === null) return { start, end };
  return { start: offsets[start] ?? 0, end: offsets[end] ?? 0 };
}

/** @returns true when decoded bytes read as text: mostly printable, with letters and a space. */
function isReadable(decoded: string): boolean {
  let printable = 0;
  let letters = 0;
  let spaces = 0;
  for (let i = 0; i < decoded.length; i++) {
    const c = decoded.charCodeAt(i);
    if ((c >= 0x20 && c < 0x7f) || c === 10 || c === 13 || c === 9 || c >= 0xa0) printable++;
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) letters++;
    if (c === 32) spaces++;
  }
  return decoded.length >= 6 && printable >= decoded.length * 0.9 && letters >= decoded.length * 0.5 && spaces >= 1;
}

function toUtf8(bytes: Buffer): string {
  return bytes.toString('utf8').replace(/\uFFFD/g, '\u0000');
}

function decodeRun(kind: 'base64' | 'hex', run: string): string {
  if (kind === 'base64') return toUtf8(Buffer.from(run, run.includes('-') || run.includes('_') ? 'base64url' : 'base64'));
  return toUtf8(Buffer.from(run.replace(/\\x/g, ''), 'hex'));
}

const BASE64_VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) BASE64_VALUES['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(i)] = i;
BASE64_VALUES[45] = 62;
BASE64_VALUES[95] = 63;

function isTextByte(b: number): boolean {
  return (b >= 0x20 && b < 0x7f) || b === 9 || b === 10 || b === 13 || b >= 0xc2;
}

/** @returns true when the first 16 characters decode to text bytes: most runs fail here, without allocating. */
function hasReadablePrefix(kind: 'base64' | 'hex', run: string): boolean {
  if (kind === 'hex') {
    for (let i = 0; i + 1 < Math.min(run.length, 16); i += 2) if (!isTextByte(parseInt(run.slice(i, i + 2), 16))) return false;
    return true;
  }
  for (let i = 0; i + 4 <= Math.min(run.length, 16); i += 4) {
    const v = ((BASE64_VALUES[run.charCodeAt(i)] ?? 0) << 18) | ((BASE64_VALUES[run.charCodeAt(i + 1)] ?? 0) << 12) | ((BASE64_VALUES[run.charCodeAt(i + 2)] ?? 0) << 6) | (BASE64_VALUES[run.charCodeAt(i + 3)] ?? 0);
    if (!isTextByte(v >>> 16) || !isTextByte((v >>> 8) & 255) || !isTextByte(v & 255)) return false;
  }
  return true;
}

function addView(kind: 'base64' | 'hex', run: { text: string; start: number }, ctx: { views: DecodedView[]; offsets: Int32Array | null }): void {
  if (!run.text.startsWith('\\x') && !hasReadablePrefix(kind, run.text)) return;
  const decoded = decodeRun(kind, run.text);
  if (isReadable(decoded)) ctx.views.push({ kind, span: toSpan(ctx.offsets, run.start, run.start + run.text.length), text: decoded });
}

/** 1 for [A-Za-z0-9+/_-]: one table read where five range tests branched unpredictably on prose. */
const BASE64_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  BASE64_CLASS[c] = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 95 || c === 45 ? 1 : 0;
}

function isBase64Char(c: number): boolean {
  return c < 128 && BASE64_CLASS[c] === 1;
}

/** @returns the shape of a run: hex only, or base64 with mixed case and a digit or symbol (what encoded text looks like). */
function toRunKind(text: string, start: number, end: number): 'base64' | 'hex' | undefined {
  let lower = false, upper = false, other = false, hex = true;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) { lower = true; if (c > 102) hex = false; } else if (c >= 65 && c <= 90) { upper = true; if (c > 70) hex = false; } else if (c >= 48 && c <= 57) other = true; else { other = true; hex = false; }
  }
  if (hex && (end - start) % 2 === 0 && end - start >= 20) return 'hex';
  return lower && upper && other ? 'base64' : undefined;
}

const MIN_RUN = 20;
const MAX_RUN = 16384;

/** @returns the end of the run of base64 characters that starts at `start`. */
function toRunEnd(text: string, start: number): number {
  let end = start;
  while (end < text.length && isBase64Char(text.charCodeAt(end))) end++;
  return end;
}

/**
 * Finds the runs of base64 or hex characters of 20 to 16,384 (the same runs
 * `[A-Za-z0-9+/_-]{20,}={0,2}` finds) and decodes those whose shape allows encoded text; \x escapes
 * are looked for only when the text has one. A run is found by probing its 20th character first,
 * so prose is mostly skipped rather than read character by character.
 */
function addRunViews(text: string, ctx: { views: DecodedView[]; offsets: Int32Array | null }): void {
  const units = toCodeUnits(text);
  let start = 0;
  while (ctx.views.length < MAX_VIEWS) {
    const probe = start + MIN_RUN - 1;
    if (probe >= text.length) break;
    if (!isBase64Char(units[probe] ?? 0)) { start = probe + 1; continue; }
    let back = probe - 1;
    while (back >= start && isBase64Char(units[back] ?? 0)) back--;
    if (back >= start) { start = back + 1; continue; }
    const i = toRunEnd(text, probe + 1);
    if (i - start <= MAX_RUN) {
      let end = i;
      while (end < text.length && end - i < 2 && text.charCodeAt(end) === 61) end++;
      const kind = toRunKind(text, start, i);
      if (kind !== undefined) addView(kind, { text: text.slice(start, kind === 'hex' ? i : end), start }, ctx);
    }
    start = i + 1;
  }
  if (!text.includes('\\x')) return;
  HEX_ESCAPES.lastIndex = 0;
  for (let m = HEX_ESCAPES.exec(text); m !== null && ctx.views.length < MAX_VIEWS; m = HEX_ESCAPES.exec(text)) addView('hex', { text: m[0], start: m.index }, ctx);
}

/**
 * Cheap pre-checks, so ordinary text pays two simple scans, not the word counts. The rot13 hint is
 * one expression rather than three `includes`, which set up a fresh search table per call; it finds
 * " gur ", " naq " or "taber", but starts from the letters and checks the space before afterwards,
 * because a leading space (the commonest character) made the engine stop at every word.
 */
const ROT13_HINT = /(?:gur|naq) (?<= (?:gur|naq) )|taber/;
const LEET_HINT = /[A-Za-z][013457@$][A-Za-z0-9]/;

/** @returns the number of space-separated words, or `limit` once that many are counted. */
function toWordCount(text: string, limit = Infinity): number {
  const units = toCodeUnits(text);
  let words = 1;
  for (let i = 1; i < text.length && words < limit; i++) if (units[i] === 32 && units[i - 1] !== 32) words++;
  return words;
}

/** Leet words are counted up to 64 and must be 15% of the words, so 427 words or more rule leet out. */
const LEET_MAX_WORDS = 427;
/** From this length on, counting the first 427 words costs less than counting leet words in the whole text. */
const LEET_PRECOUNT_CHARS = 4096;

function mayBeLeet(text: string): boolean {
  return LEET_HINT.test(text) && (text.length < LEET_PRECOUNT_CHARS || toWordCount(text, LEET_MAX_WORDS) < LEET_MAX_WORDS);
}

function hasRot13Hint(text: string): boolean {
  return ROT13_HINT.test(text);
}

function toCount(regex: RegExp, text: string): number {
  regex.lastIndex = 0;
  let n = 0;
  while (regex.exec(text) !== null && n < 64) n++;
  return n;
}

/** @returns rot13 of ASCII letters (ROT13 is its own inverse). */
export function toRot13(text: string): string {
  return text.replace(/[A-Za-z]/g, (c) => {
    const code = c.charCodeAt(0);
    const base = code >= 97 ? 97 : 65;
    return String.fromCharCode(((code - base + 13) % 26) + base);
  });
}

/** @returns true for a word that mixes at least two letters with look-alike digits and is not hex. */
function isLeetWord(token: string): boolean {
  return /[013457@$]/.test(token) && /[A-Za-z].*[A-Za-z]/.test(token) && !/^[0-9a-fA-F]+$/.test(token);
}

function toLeetFolded(text: string): string {
  return text.replace(LEET_TOKEN, (token) => (isLeetWord(token) ? token.replace(/[013457@$]/g, (c) => LEET[c] ?? c) : token));
}

/** 1 for the characters of a LEET_TOKEN match, [A-Za-z0-9@$]. */
const LEET_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) LEET_CLASS[c] = /[A-Za-z0-9@$]/.test(String.fromCharCode(c)) ? 1 : 0;

function isLeetClass(c: number): boolean {
  return c < 128 && LEET_CLASS[c] === 1;
}

/** @returns whether `units[start, end)`, a run of LEET_CLASS characters, is a leet word (see isLeetWord). */
function isLeetRun(units: Uint16Array, start: number, end: number): boolean {
  let leet = false;
  let letters = 0;
  let hex = true;
  for (let i = start; i < end; i++) {
    const c = units[i] ?? 0;
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (letter) letters++;
    if (c === 48 || c === 49 || c === 51 || c === 52 || c === 53 || c === 55 || c === 64 || c === 36) leet = true;
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102))) hex = false;
  }
  return leet && letters >= 2 && !hex;
}

/**
 * @returns how many LEET_TOKEN matches are leet words, counting up to 64, without running the
 * expression. Its lookarounds exclude [\w@$] on both sides, so a match is exactly a maximal run of
 * [A-Za-z0-9@$] of 3 to 20 characters with no `_` or `\` before it and no `_` after it.
 */
function toLeetCount(text: string): number {
  const units = toCodeUnits(text);
  const length = text.length;
  let n = 0;
  let i = 0;
  while (i < length && n < 64) {
    if (!isLeetClass(units[i] ?? 0)) { i++; continue; }
    const start = i;
    while (i < length && isLeetClass(units[i] ?? 0)) i++;
    if (i - start < 3 || i - start > 20) continue;
    const before = start > 0 ? units[start - 1] ?? 0 : 0;
    if (before === 95 || before === 92 || (i < length && units[i] === 95)) continue;
    if (isLeetRun(units, start, i)) n++;
  }
  return n;
}

/**
 * Finds encoded runs worth reading in the clear: base64 and hex runs that decode to readable text,
 * rot13 when its common words outnumber plain English ones, leetspeak when two or more words mix
 * letters with look-alike digits, and text spelled in Unicode tag characters.
 * @returns at most 16 views of at most 64 KiB each.
 */
export function toDecodedViews(text: string, extra: { tags: string; offsets: Int32Array | null }): DecodedView[] {
  const ctx = { views: [] as DecodedView[], offsets: extra.offsets };
  const whole = toSpan(extra.offsets, 0, text.length);
  if (extra.tags.length > 0) ctx.views.push({ kind: 'tags', span: whole, text: extra.tags.slice(0, MAX_VIEW_CHARS) });
  addRunViews(text, ctx);
  const clipped = text.slice(0, MAX_VIEW_CHARS);
  if (hasRot13Hint(clipped) && toCount(ROT13_WORDS, clipped) >= 2 && toCount(ROT13_WORDS, clipped) > toCount(PLAIN_WORDS, clipped)) {
    ctx.views.push({ kind: 'rot13', span: whole, text: toRot13(clipped) });
  }
  const leet = mayBeLeet(clipped) ? toLeetCount(clipped) : 0;
  if (leet >= 3 && leet >= toWordCount(clipped) * 0.15) {
    const folded = toLeetFolded(clipped);
    if (folded !== clipped) ctx.views.push({ kind: 'leet', span: whole, text: folded });
  }
  return ctx.views.slice(0, MAX_VIEWS).map((v) => (v.text.length > MAX_VIEW_CHARS ? { ...v, text: v.text.slice(0, MAX_VIEW_CHARS) } : v));
}
