// SPDX-License-Identifier: Apache-2.0
import type { Candidate, Judgement, LeakPattern } from '../leaks/leak-pattern.js';
import { toAlphabet } from '../leaks/leak-pattern.js';
import { toEntropy } from './checksums.js';
import { toCodeUnits } from '../code-units.js';

/** Token characters: base64, base64url and the usual key separators. */
const isTokenChar = toAlphabet('A-Za-z0-9+/=_-');
const TOKEN_TABLE = new Uint8Array(128);
for (let c = 0; c < 128; c++) TOKEN_TABLE[c] = isTokenChar(c) ? 1 : 0;
const MIN_LENGTH = 24;
const MAX_LENGTH = 512;

function isToken(units: Uint16Array, i: number): boolean {
  const c = units[i] ?? 0;
  return c < 128 && TOKEN_TABLE[c] === 1;
}

/**
 * Same semantics as a global `/[A-Za-z0-9+/=_-]{24,512}/g`: the first run of at least 24 token
 * characters at or after `from`, cut at 512. It runs on every prompt, so it probes the 24th
 * character of a would-be run first: prose fails there or a few characters back, and most
 * characters are never read.
 */
function findTokenRun(text: string, from: number): Candidate | null {
  const units = toCodeUnits(text);
  let start = from;
  for (;;) {
    const probe = start + MIN_LENGTH - 1;
    if (probe >= text.length) return null;
    if (!isToken(units, probe)) { start = probe + 1; continue; }
    let back = probe - 1;
    while (back >= start && isToken(units, back)) back--;
    if (back >= start) { start = back + 1; continue; }
    let end = probe + 1;
    while (end < text.length && end - start < MAX_LENGTH && isToken(units, end)) end++;
    return { start, end };
  }
}

/** @returns the share of adjacent pairs that change class (lower, upper, digit, other): ~0.6 for random base62, ~0.2 for camelCase words. */
function toClassFlipRate(token: string): number {
  let flips = 0;
  let previous = -1;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    const kind = c >= 97 && c <= 122 ? 0 : c >= 65 && c <= 90 ? 1 : c >= 48 && c <= 57 ? 2 : 3;
    if (previous >= 0 && kind !== previous) flips++;
    previous = kind;
  }
  return flips / Math.max(1, token.length - 1);
}

const HEX_OR_UUID = /^[0-9a-fA-F-]+$/;
/** Subresource-integrity digests (W3C SRI, npm lockfiles) are public hashes, not secrets. */
const DIGEST_PREFIX = /^sha(?:1|224|256|384|512)-/;

/**
 * Random-looking tokens: upper, lower and digits mixed like random data, and entropy close to that
 * of random base62. Hex strings (hashes, git SHAs, UUIDs) and words are left alone: they are the
 * common look-alikes in prose and code.
 */
function judgeToken(text: string, candidate: Candidate): Judgement | null {
  const token = text.slice(candidate.start, candidate.end);
  if (DIGEST_PREFIX.test(token) || text.endsWith('base64,', candidate.start)) return null;
  if (HEX_OR_UUID.test(token) || !/[a-z]/.test(token) || !/[A-Z]/.test(token) || !/[0-9]/.test(token)) return null;
  const entropy = toEntropy(text, candidate.start, candidate.end);
  const needed = token.length >= 40 ? 4.3 : token.length >= 32 ? 4.1 : 3.9;
  if (entropy < needed || toClassFlipRate(token) < 0.35) return null;
  return { score: 0.6, reason: `high-entropy token (${entropy.toFixed(1)} bits per character)` };
}

export const HIGH_ENTROPY_RULE: LeakPattern = {
  ruleId: 'secret.high-entropy-token', category: 'secret',
  horizon: MAX_LENGTH + 1, lookbehind: 7, lookahead: 0,
  isAlphabet: isTokenChar, openers: undefined, find: findTokenRun, judge: judgeToken,
};
