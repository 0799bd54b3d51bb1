// SPDX-License-Identifier: Apache-2.0
import type { Candidate, Judgement, LeakPattern } from '../leaks/leak-pattern.js';
import { toRegexRule } from '../leaks/leak-pattern.js';
import { hasIbanChecksum, hasLuhn } from './checksums.js';
import { IBAN_LENGTHS } from './iban-lengths.js';
import { IPV6_RULE } from './ipv6.js';

/** RFC 2606 / RFC 6761 names that never belong to a person, and image names such as `logo@2x.png`. */
const RESERVED_DOMAIN = /@(?:[^@]*\.)?(?:example\.(?:com|org|net)|[^@]*\.(?:example|test|invalid|localhost|local))$|\.(?:png|jpe?g|gif|svg|webp|ico)$/i;

const EMAIL = toRegexRule({
  ruleId: 'pii.email', category: 'pii', maxLength: 400, alphabet: 'A-Za-z0-9._%+@-', anchor: { pattern: /@/g, lead: 64, first: 'A-Za-z0-9._%+-', notAfter: 'A-Za-z0-9._%+-' },
  regex: /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,4}\.[A-Za-z]{2,24}(?![A-Za-z0-9-]|\.[A-Za-z0-9])/g,
  lookahead: 2,
  judge: (text, c) => RESERVED_DOMAIN.test(text.slice(c.start, c.end))
    ? { score: 0.3, reason: 'e-mail address at a reserved or example domain' }
    : { score: 0.7, reason: 'e-mail address' },
});

/**
 * `\+\d|\d[ .)-]{1,2}\d`, the same matches, written to start with one character class: the engine
 * then skips letters with a table lookup instead of trying both branches at every position
 * (2.4 times faster on prose).
 */
export const PHONE_ANCHOR = /[+\d](?:(?<=\+)\d|(?<=\d)[ .)-]{1,2}\d)/g;

/** ITU-T E.164 numbers written with a leading +, and North American numbers with separators. */
const PHONE = toRegexRule({
  ruleId: 'pii.phone', category: 'pii', maxLength: 32, alphabet: '0-9 .()+-', lookahead: 2, anchor: { pattern: PHONE_ANCHOR, lead: 6, first: '+(2-9', notAfter: '\\w.+-' },
  regex: /(?<![\w.+-])(?:\+[1-9]\d{0,2}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{1,4}(?:[ .-]?\d{2,4}){1,4}|\(?[2-9]\d{2}\)?[ .-]\d{3}[ .-]\d{4})(?![\w]|[.-]\d)/g,
  judge: (text, c) => {
    const digits = text.slice(c.start, c.end).replace(/\D/g, '').length;
    return digits >= 9 && digits <= 15 ? { score: 0.6, reason: 'telephone number' } : null;
  },
});

/** Issuer prefixes of the major card networks (ISO/IEC 7812 IIN ranges). */
const CARD_PREFIX = /^(?:4|5[1-5]|2[2-7]|3[47]|6011|64[4-9]|65|35|3[068]|62)/;

function judgeCard(text: string, c: Candidate): Judgement | null {
  const raw = text.slice(c.start, c.end);
  const digits = raw.replace(/[ -]/g, '');
  const separators = new Set(raw.replace(/\d/g, ''));
  if (digits.length < 13 || digits.length > 19 || separators.size > 1 || !hasLuhn(digits) || /^(\d)\1+$/.test(digits)) return null;
  return CARD_PREFIX.test(digits) ? { score: 0.95, reason: 'payment card number passing the luhn check' } : { score: 0.4, reason: 'luhn-valid number without a card issuer prefix' };
}

const CARD = toRegexRule({
  ruleId: 'pii.card-number', category: 'pii', maxLength: 40, alphabet: '0-9 -', lookahead: 2, anchor: { pattern: /\d{4}/g, lead: 0 },
  regex: /(?<![\w.-])\d(?:[ -]?\d){12,18}(?![\w]|[.-]\d)/g,
  judge: judgeCard,
});

function judgeIban(text: string, c: Candidate): Judgement | null {
  const raw = text.slice(c.start, c.end);
  const expected = IBAN_LENGTHS.get(raw.slice(0, 2));
  if (expected === undefined) return null;
  let end = c.start;
  for (let seen = 0; end < c.end && seen < expected; end++) if (text.charCodeAt(end) !== 32) seen++;
  const compact = text.slice(c.start, end).replace(/ /g, '');
  if (compact.length !== expected || !hasIbanChecksum(compact)) return null;
  return { score: 0.95, reason: 'iban passing the iso 13616 mod-97 check', end };
}

const IBAN = toRegexRule({
  ruleId: 'pii.iban', category: 'pii', maxLength: 42, alphabet: 'A-Z0-9 ', anchor: { pattern: /[A-Z]{2}\d{2}/g, lead: 0 },
  regex: /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])/g,
  judge: judgeIban,
});

/** SSA rules: no area 000, 666 or 9xx, no group 00, no serial 0000. */
const SSN = toRegexRule({
  ruleId: 'pii.us-ssn', category: 'pii', maxLength: 11, alphabet: '0-9-', lookahead: 1, anchor: { pattern: /\d{3}-/g, lead: 0 },
  regex: /(?<![\w-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\w-])/g,
  judge: () => ({ score: 0.8, reason: 'us social security number' }),
});

const VERSION_CONTEXT = /(?:\bv|version|ver\.?|release|build|@|[a-z]-)\s?$/i;

const IPV4 = toRegexRule({
  ruleId: 'pii.ipv4', category: 'pii', maxLength: 15, alphabet: '0-9.', lookbehind: 10, lookahead: 2, anchor: { pattern: /\d\./g, lead: 2, first: '0-9', notAfter: '\\w.' },
  regex: /(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\w]|\.\d)/g,
  judge: (text, c) => {
    const value = text.slice(c.start, c.end);
    if (/^(?:0|127|255)\./.test(value) || VERSION_CONTEXT.test(text.slice(Math.max(0, c.start - 10), c.start))) return null;
    return { score: 0.6, reason: 'ipv4 address' };
  },
});

/** Every PII rule; one line per rule. */
export const PII_PATTERNS: readonly LeakPattern[] = [EMAIL, PHONE, CARD, IBAN, SSN, IPV4, IPV6_RULE];
