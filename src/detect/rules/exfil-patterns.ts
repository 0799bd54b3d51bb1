// SPDX-License-Identifier: Apache-2.0
import type { Candidate, Judgement, LeakPattern } from '../leaks/leak-pattern.js';
import { toRegexRule } from '../leaks/leak-pattern.js';

/** @returns the number of characters a URL carries in its query, fragment and long path segments. */
function toCarriedLength(url: string): number {
  const query = url.search(/[?#]/);
  let carried = query >= 0 ? url.length - query - 1 : 0;
  const path = (query >= 0 ? url.slice(0, query) : url).split('/').slice(3);
  for (const segment of path) if (segment.length >= 32 || /%[0-9A-Fa-f]{2}.*%[0-9A-Fa-f]{2}/.test(segment)) carried += segment.length;
  return carried;
}

function toUrl(text: string, c: Candidate): string {
  const at = text.slice(c.start, c.end).search(/https?:\/\//i);
  return at < 0 ? '' : text.slice(c.start + at, c.end);
}

/**
 * Markdown images and HTML images load without a click, so a URL that carries data in its query or
 * path sends it to the URL's host as soon as the answer renders (the "markdown image exfiltration"
 * of indirect prompt injection). Links need a click and score lower.
 */
function judgeImage(text: string, c: Candidate): Judgement | null {
  const carried = toCarriedLength(toUrl(text, c));
  if (carried >= 12) return { score: 0.9, reason: `image url that sends ${carried} characters of data when rendered` };
  return carried > 0 ? { score: 0.4, reason: 'image url with a short query' } : null;
}

function judgeLink(text: string, c: Candidate): Judgement | null {
  const url = toUrl(text, c);
  const carried = toCarriedLength(url);
  if (carried >= 48 || /[?&][^=&]{1,32}=[A-Za-z0-9+/_-]{32,}/.test(url)) return { score: 0.6, reason: `link whose url carries ${carried} characters of data` };
  return null;
}

const MARKDOWN_IMAGE = toRegexRule({
  ruleId: 'exfil.markdown-image', category: 'exfil', maxLength: 2300, alphabet: '^\\n\\r', openers: ['!['], anchor: { pattern: /!\[/g, lead: 0 },
  regex: /!\[[^\]\n\r]{0,200}\]\([ \t]{0,2}<?https?:\/\/[^\s)>]{1,2048}/gi,
  judge: judgeImage,
});

const HTML_IMAGE = toRegexRule({
  ruleId: 'exfil.html-image', category: 'exfil', maxLength: 2400, alphabet: '^\\n\\r', openers: ['<'],
  regex: /<img\b[^>\n\r]{0,300}?\bsrc[ \t]{0,2}=[ \t]{0,2}["']?https?:\/\/[^\s"'>]{1,2048}/gi,
  judge: judgeImage,
});

const MARKDOWN_LINK = toRegexRule({
  ruleId: 'exfil.markdown-link', category: 'exfil', maxLength: 2300, alphabet: '^\\n\\r', openers: ['['], anchor: { pattern: /\]\(/g, lead: 202 },
  regex: /(?<!!)\[[^\]\n\r]{0,200}\]\([ \t]{0,2}<?https?:\/\/[^\s)>]{1,2048}/gi,
  judge: judgeLink,
});

/** Every exfiltration rule; one line per rule. */
export const EXFIL_PATTERNS: readonly LeakPattern[] = [MARKDOWN_IMAGE, HTML_IMAGE, MARKDOWN_LINK];
