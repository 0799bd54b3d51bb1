// SPDX-License-Identifier: Apache-2.0
import { randomBytes } from 'node:crypto';
import { DetectError } from '../errors.js';
import type { LeakPattern } from '../leaks/leak-pattern.js';
import { toAlphabet, toRegexFinder } from '../leaks/leak-pattern.js';
import type { Detection } from '../types.js';

/** Separators a model may put between the characters of a leaked canary (spaces, dashes, zero-width). */
const GAP = '[\\s\\-_.\\u00B7\\u200B-\\u200F\\u2060\\uFEFF]';
const MAX_GAP = 2;
const CANARY_SHAPE = /^[\x21-\x7e]{8,128}$/;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * Creates a random canary token to plant in a system prompt: 80 bits of randomness in base32, so
 * that finding it in a model's output proves the prompt leaked and a guess never collides.
 * @returns a token such as `ctdl-k3m9x2p4q7r5s8t6`.
 */
export function createCanary(): string {
  const bytes = randomBytes(16);
  let out = 'ctdl-';
  for (let i = 0; i < 16; i++) out += BASE32.charAt((bytes[i] ?? 0) & 31);
  return out;
}

/**
 * @returns `systemPrompt` with the canary planted in an HTML comment at its start, where models
 * repeat it when asked to reveal their instructions.
 * @throws DetectError `DETECT_USAGE` when the canary is not 8-128 printable ASCII characters.
 */
export function embedCanary(systemPrompt: string, canary: string): string {
  assertCanary(canary);
  return `<!-- ${canary} -->\n${systemPrompt}`;
}

function assertCanary(canary: string): void {
  if (!CANARY_SHAPE.test(canary)) {
    throw new DetectError('DETECT_USAGE', `expected a canary of 8-128 printable ascii characters without spaces, got ${canary.length} characters`);
  }
}

function toCanarySource(canary: string): string {
  return Array.from(canary).map((c) => c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join(`${GAP}{0,${MAX_GAP}}`);
}

/**
 * Compiled patterns by canary: callers pass the same few tokens on every call, and compiling one
 * (a regular expression and an alphabet table) costs more than scanning a prompt with it. A pattern
 * holds no per-scan state (`find` sets `lastIndex` before each use), so sharing one is safe.
 */
const compiled = new Map<string, LeakPattern>();
const MAX_COMPILED = 256;

/**
 * @returns a leak pattern that finds the canary case-insensitively, also with up to two separator or
 * invisible characters between its characters (a model spelling it out, a filter splitting it).
 * @throws DetectError `DETECT_USAGE` on a malformed canary.
 */
export function toCanaryPattern(canary: string): LeakPattern {
  const cached = compiled.get(canary);
  if (cached !== undefined) return cached;
  const pattern = compileCanaryPattern(canary);
  if (compiled.size >= MAX_COMPILED) compiled.clear();
  compiled.set(canary, pattern);
  return pattern;
}

/**
 * @returns a `find` that first looks for the canary's case-free characters (digits, `-`): every
 * match holds each of them, so a text missing one cannot match and the expression never runs. Most
 * prompts miss one, and indexOf finds that natively where the expression would try every `c`.
 */
function withRequiredChars(find: LeakPattern['find'], canary: string): LeakPattern['find'] {
  const required = [...new Set(canary)].filter((c) => c.toLowerCase() === c.toUpperCase());
  if (required.length === 0) return find;
  return (text, from) => {
    for (const c of required) if (text.indexOf(c, from) < 0) return null;
    return find(text, from);
  };
}

function compileCanaryPattern(canary: string): LeakPattern {
  assertCanary(canary);
  const escapedChars = [...new Set(canary.toLowerCase() + canary.toUpperCase())].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
  const maxLength = canary.length + MAX_GAP * (canary.length - 1);
  return {
    ruleId: 'canary.token', category: 'canary', horizon: maxLength + 1, lookbehind: 0, lookahead: 0,
    isAlphabet: toAlphabet(`${escapedChars}\\s\\-_.\\u00B7\\u200B-\\u200F\\u2060\\uFEFF`), openers: undefined,
    find: withRequiredChars(toRegexFinder(new RegExp(toCanarySource(canary), 'gi')), canary),
    judge: () => ({ score: 1, reason: 'canary token from the system prompt appears in the text' }),
  };
}

/**
 * Looks for a canary in `text` (typically a model's output).
 * @returns one detection per occurrence, spans into `text`.
 * @throws DetectError `DETECT_USAGE` on a malformed canary.
 */
export function detectCanary(text: string, canary: string): Detection[] {
  const pattern = toCanaryPattern(canary);
  const out: Detection[] = [];
  let found = pattern.find(text, 0);
  while (found !== null && out.length < 1000) {
    out.push({ ruleId: pattern.ruleId, category: 'canary', score: 1, span: { start: found.start, end: found.end }, reason: 'canary token from the system prompt appears in the text' });
    found = pattern.find(text, found.end);
  }
  return out;
}
