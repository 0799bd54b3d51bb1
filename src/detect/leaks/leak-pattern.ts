// SPDX-License-Identifier: Apache-2.0
import type { Category } from '../types.js';

/** Categories whose spans `redact` replaces and the stream scanner holds back. */
export type LeakCategory = Extract<Category, 'secret' | 'pii' | 'canary' | 'exfil'>;

/** A candidate found by a pattern, before it is judged. */
export interface Candidate {
  readonly start: number;
  readonly end: number;
}

/** What a pattern concluded about one candidate; `score` 0 drops it. */
export interface Judgement {
  readonly score: number;
  readonly reason: string;
  /** A narrower span to report (the value after `password=`, an IBAN before a word); inside the candidate. */
  readonly start?: number;
  readonly end?: number;
}

/**
 * One rule of the leak scanner. The scanner is built so that the stream scanner can prove which
 * candidates are final: an attempt at position s reads at most `text[s - lookbehind, s + horizon)`,
 * and never reads past the first character outside `isAlphabet` at or after s by more than
 * `lookahead` characters. `find` has the semantics of a global RegExp `exec` from `from`: the first
 * candidate starting at or after `from`; the scan resumes at its end. Built-in rules are object
 * literals with these properties in this order (`openers` present even when undefined): the scanner
 * reads them for each of some 30 rules per text, and one shape keeps those reads monomorphic.
 */
export interface LeakPattern {
  readonly ruleId: string;
  readonly category: LeakCategory;
  readonly horizon: number;
  readonly lookbehind: number;
  readonly lookahead: number;
  readonly isAlphabet: (code: number) => boolean;
  /**
   * Literal prefixes every candidate starts with. An attempt at a position that does not start with
   * one reads at most the opener's length, which lets the stream scanner settle long rules early.
   */
  readonly openers?: readonly string[];
  find(text: string, from: number): Candidate | null;
  /** Reads only `text[start - lookbehind, end + lookahead + 1)`. */
  judge(text: string, candidate: Candidate): Judgement | null;
}

/**
 * A cheap necessary condition: every match holds an `anchor` match at most `lead` characters after
 * its start, so the expensive expression starts its search there.
 */
export interface Anchor {
  readonly pattern: RegExp;
  readonly lead: number;
  /**
   * Character class (source, as in `alphabet`) of the first character of every match, and the class
   * that the expression's leading lookbehind forbids just before it. Positions that fail either are
   * not tried: most positions before an anchor hit are inside a word, and each attempt is a call.
   */
  readonly first?: string;
  readonly notAfter?: string;
}

/** @returns a test of whether a match can start at `p`, from an anchor's `first` and `notAfter`. */
function toStartTest(anchor: Anchor): (text: string, p: number) => boolean {
  const first = anchor.first === undefined ? undefined : toAlphabet(anchor.first);
  const notAfter = anchor.notAfter === undefined ? undefined : toAlphabet(anchor.notAfter);
  return (text, p) => (first === undefined || first(text.charCodeAt(p))) && (notAfter === undefined || p === 0 || !notAfter(text.charCodeAt(p - 1)));
}

function toMatch(match: RegExpExecArray): Candidate {
  const end = match.index + match[0].length;
  return { start: match.index, end: end > match.index ? end : match.index + 1 };
}

/**
 * @returns a `find` over a RegExp with the `g` flag: the first match starting at or after `from`.
 * With an anchor, only the `lead + 1` positions before each anchor are tried (sticky), which finds
 * the same first match because every match holds an anchor that close to its start.
 */
export function toRegexFinder(regex: RegExp, anchor?: Anchor): (text: string, from: number) => Candidate | null {
  if (!regex.global || (anchor !== undefined && !anchor.pattern.global)) throw new TypeError('leak patterns need global regular expressions');
  if (anchor === undefined) {
    return (text, from) => {
      regex.lastIndex = from;
      const match = regex.exec(text);
      return match === null ? null : toMatch(match);
    };
  }
  const sticky = new RegExp(regex.source, `${regex.flags.replace('g', '')}y`);
  const canStart = toStartTest(anchor);
  const { pattern, lead } = anchor;
  return (text, from) => {
    let tried = from;
    pattern.lastIndex = from;
    for (let hit = pattern.exec(text); hit !== null; hit = pattern.exec(text)) {
      for (let p = Math.max(tried, hit.index - lead); p <= hit.index; p++) {
        if (!canStart(text, p)) continue;
        sticky.lastIndex = p;
        const match = sticky.exec(text);
        if (match !== null) return toMatch(match);
      }
      tried = hit.index + 1;
      if (pattern.lastIndex === hit.index) pattern.lastIndex++;
    }
    return null;
  };
}

/** Lower-case letters by frequency in English prose, then space: other characters count as rarer. */
const COMMON_CHARS = ' etaoinshrdlcumwfgypbvkjxqz';

/** An opener and the offset of its rarest character, where indexOf starts looking. */
interface Needle {
  readonly opener: string;
  readonly lead: number;
  readonly tail: string;
}

function toNeedle(opener: string): Needle {
  let lead = 0;
  let rarest = -1;
  for (let i = 0; i < opener.length; i++) {
    const found = COMMON_CHARS.indexOf(opener.charAt(i));
    const rarity = found < 0 ? COMMON_CHARS.length : found;
    if (rarity > rarest) { rarest = rarity; lead = i; }
  }
  return { opener, lead, tail: opener.slice(lead) };
}

/** @returns the first start at or after `from` of the needle's opener, or -1. */
function findOpener(text: string, needle: Needle, from: number): number {
  for (let p = text.indexOf(needle.tail, from + needle.lead); p >= 0; p = text.indexOf(needle.tail, p + 1)) {
    if (text.startsWith(needle.opener, p - needle.lead)) return p - needle.lead;
  }
  return -1;
}

/**
 * @returns a `find` that tries the expression (sticky) only where one of `openers` occurs. Openers
 * are found with indexOf from their rarest character, which skips prose natively instead of
 * attempting a match at every position. Same first match as the global expression, because every
 * match starts with an opener.
 */
function toOpenerFinder(regex: RegExp, openers: readonly string[]): (text: string, from: number) => Candidate | null {
  if (!regex.global) throw new TypeError('leak patterns need global regular expressions');
  const sticky = new RegExp(regex.source, `${regex.flags.replace('g', '')}y`);
  const needles = openers.map((o) => toNeedle(o));
  const next = needles.map(() => -1);
  const advance = (text: string, from: number, only: number): void => {
    needles.forEach((needle, k) => { if (only < 0 || next[k] === only) next[k] = findOpener(text, needle, from); });
  };
  return (text, from) => {
    advance(text, from, -1);
    for (;;) {
      let at = -1;
      for (const p of next) if (p >= 0 && (at < 0 || p < at)) at = p;
      if (at < 0) return null;
      sticky.lastIndex = at;
      const match = sticky.exec(text);
      if (match !== null) return toMatch(match);
      advance(text, at + 1, at);
    }
  };
}

/** @returns true when indexOf finds every place a match can start: literal openers the flags do not widen. */
function hasLiteralOpeners(regex: RegExp, openers: readonly string[] | undefined): openers is readonly string[] {
  if (openers === undefined || openers.length === 0 || openers.some((o) => o.length === 0)) return false;
  return !regex.ignoreCase || openers.every((o) => o.toLowerCase() === o.toUpperCase());
}

/** @returns a predicate over UTF-16 code units from a character-class source such as `A-Za-z0-9_-`. */
export function toAlphabet(classSource: string): (code: number) => boolean {
  const probe = new RegExp(`[${classSource}]`);
  const table = new Uint8Array(128);
  for (let c = 0; c < 128; c++) if (probe.test(String.fromCharCode(c))) table[c] = 1;
  return (code) => (code < 128 ? table[code] === 1 : probe.test(String.fromCharCode(code)));
}

/** What a regular-expression rule declares; `maxLength` bounds every match. */
export interface RegexRuleOptions {
  readonly ruleId: string;
  readonly category: LeakCategory;
  readonly regex: RegExp;
  readonly maxLength: number;
  readonly alphabet: string;
  readonly lookbehind?: number;
  readonly lookahead?: number;
  readonly openers?: readonly string[];
  readonly anchor?: Anchor;
  /**
   * Literals of which every match holds at least one (case-free ones when the expression ignores
   * case), or a global expression that matches inside every match: when neither occurs from the
   * search start on, no match can, and the (costlier) expression and anchor never run.
   */
  readonly required?: readonly string[] | RegExp;
  readonly judge: (text: string, candidate: Candidate) => Judgement | null;
}

/** @returns `find` behind a test for `required` (see RegexRuleOptions). */
function withRequired(find: LeakPattern['find'], regex: RegExp, required: readonly string[] | RegExp): LeakPattern['find'] {
  if (required instanceof RegExp) {
    if (!required.global) throw new TypeError('expected a global required expression');
    return (text, from) => {
      required.lastIndex = from;
      return required.test(text) ? find(text, from) : null;
    };
  }
  if (required.length === 0 || required.some((r) => r.length === 0 || (regex.ignoreCase && r.toLowerCase() !== r.toUpperCase()))) {
    throw new TypeError('expected non-empty required literals, case-free when the expression ignores case');
  }
  return (text, from) => {
    for (const literal of required) if (text.indexOf(literal, from) >= 0) return find(text, from);
    return null;
  };
}

/** @returns a LeakPattern over a global RegExp whose matches are at most `maxLength` long. */
export function toRegexRule(options: RegexRuleOptions): LeakPattern {
  const lookahead = options.lookahead ?? 1;
  const find = options.anchor === undefined && hasLiteralOpeners(options.regex, options.openers)
    ? toOpenerFinder(options.regex, options.openers) : toRegexFinder(options.regex, options.anchor);
  return {
    ruleId: options.ruleId, category: options.category,
    horizon: options.maxLength + lookahead + 1, lookbehind: options.lookbehind ?? 1, lookahead,
    isAlphabet: toAlphabet(options.alphabet), openers: options.openers,
    find: options.required === undefined ? find : withRequired(find, options.regex, options.required),
    judge: options.judge,
  };
}
