// SPDX-License-Identifier: Apache-2.0
import type { Candidate, Judgement, LeakPattern } from '../leaks/leak-pattern.js';
import { toRegexRule } from '../leaks/leak-pattern.js';

/**
 * RFC 4291 section 2.2 text forms: eight groups of 1-4 hex digits, or fewer with one `::`. Clock
 * times (12:30:45) and MAC addresses (six two-digit groups) are rejected as look-alikes.
 */
function judgeIpv6(text: string, c: Candidate): Judgement | null {
  const value = text.slice(c.start, c.end);
  const halves = value.split('::');
  if (halves.length > 2) return null;
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
  if (groups.some((g) => g.length === 0 || g.length > 4)) return null;
  if (halves.length === 1 ? groups.length !== 8 : groups.length > 7) return null;
  if (halves.length === 1 && groups.every((g) => g.length <= 2)) return null;
  if (!groups.some((g) => g.length >= 3 || /[a-f]/i.test(g)) && halves.length === 1) return null;
  if (/^::1?$/.test(value) || /^fe80:/i.test(value)) return null;
  return { score: 0.6, reason: 'ipv6 address' };
}

export const IPV6_RULE: LeakPattern = toRegexRule({
  ruleId: 'pii.ipv6', category: 'pii', maxLength: 39, alphabet: '0-9A-Fa-f:', lookahead: 1, anchor: { pattern: /:/g, lead: 4, first: '0-9A-Fa-f:', notAfter: '\\w:' },
  regex: /(?<![\w:])(?:[0-9A-Fa-f]{1,4}|:)(?::[0-9A-Fa-f]{0,4}){2,8}(?![\w:])/g,
  judge: judgeIpv6,
});
