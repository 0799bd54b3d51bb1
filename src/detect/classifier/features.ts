// SPDX-License-Identifier: Apache-2.0
import { CONCEPT_COUNT, PUNCTUATION_CONCEPT, PUNCTUATION_MARKERS } from './concepts.js';
import { toConceptTables, toPairList, toSingleConcept, type ConceptTables } from './concept-tables.js';
import { lookupInt } from './int-table.js';
import { toCodeUnits } from '../code-units.js';

/**
 * Hashed features shared by the trainer and the scorer, so both see exactly the same numbers:
 * word unigrams and bigrams, and character 3-, 4- and 5-grams over a folded alphabet (lower case,
 * digits as 0, whitespace runs as one space). Character n-grams carry the signal across languages,
 * spellings and obfuscation; words carry phrasing. Nothing here allocates per character.
 */

export const FAMILY_COUNT = 6;
const WORD_FAMILY = 0;
const BIGRAM_FAMILY = 1;
const CHAR_FAMILY_BASE = 2;
export const CONCEPT_FAMILY = 5;
const MAX_CONCEPTS = 256;
const PUNCTUATION_LEADS: readonly string[] = [...new Set(PUNCTUATION_MARKERS.map((m) => m.charAt(0)))];
/** Every family; bit i stands for family i. */
export const ALL_FAMILIES = 0b111111;
const CHAR_FAMILIES = 0b011100;
const MAX_WORD = 24;
const FNV_PRIME = 0x01000193;
const SEEDS = [0x811c9dc5, 0x9e3779b1, 0x85ebca6b, 0xc2b2ae35, 0x27d4eb2f, 0x165667b1];

/** Feature stream of one text: parallel arrays, in order of position. */
export interface FeatureBuffer {
  hashes: Uint32Array;
  families: Uint8Array;
  /** Index of the first character of the n-gram or word. */
  starts: Int32Array;
  /** Index one past its last character. */
  ends: Int32Array;
  length: number;
}

/** @returns an empty buffer that grows as needed; reuse it across calls. */
export function createFeatureBuffer(capacity = 8192): FeatureBuffer {
  return {
    hashes: new Uint32Array(capacity), families: new Uint8Array(capacity),
    starts: new Int32Array(capacity), ends: new Int32Array(capacity), length: 0,
  };
}

function grow(buffer: FeatureBuffer): void {
  const size = buffer.hashes.length * 2;
  const hashes = new Uint32Array(size); hashes.set(buffer.hashes); buffer.hashes = hashes;
  const families = new Uint8Array(size); families.set(buffer.families); buffer.families = families;
  const starts = new Int32Array(size); starts.set(buffer.starts); buffer.starts = starts;
  const ends = new Int32Array(size); ends.set(buffer.ends); buffer.ends = ends;
}

function push(buffer: FeatureBuffer, hash: number, family: number): number {
  if (buffer.length === buffer.hashes.length) grow(buffer);
  const i = buffer.length++;
  buffer.hashes[i] = finalize(hash);
  buffer.families[i] = family;
  return i;
}

/** Avalanche so the low bits (the weight index) and the top bit (the sign) are independent. */
function finalize(h: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

const FOLD_ASCII = new Uint16Array(128);
const WORD_ASCII = new Uint8Array(128);

/** @returns the folded code of one UTF-16 unit: lower case, digits as '0', whitespace as ' '. */
function toFolded(c: number): number {
  if (c < 128 && FOLD_ASCII[c] !== 0) return FOLD_ASCII[c] ?? c;
  return toFoldedSlow(c);
}

function toFoldedSlow(c: number): number {
  if (c >= 65 && c <= 90) return c | 32;
  if (c >= 48 && c <= 57) return 48;
  if (c === 32 || (c >= 9 && c <= 13) || c === 0xa0) return 32;
  if (c < 128) return c;
  if ((c >= 0x2000 && c <= 0x200a) || c === 0x3000) return 32;
  if ((c >= 0xc0 && c <= 0xde) || (c >= 0x391 && c <= 0x3a9) || (c >= 0x410 && c <= 0x42f)) return c + 32;
  return c;
}

for (let c = 1; c < 128; c++) FOLD_ASCII[c] = toFoldedSlow(c);
for (let c = 0; c < 128; c++) WORD_ASCII[c] = (c >= 97 && c <= 122) || c === 48 ? 1 : 0;

function isWordChar(c: number): boolean {
  if (c < 128) return WORD_ASCII[c] === 1;
  return !(c >= 0x2000 && c <= 0x206f) && !(c >= 0x3000 && c <= 0x303f) && !(c >= 0xff00 && c <= 0xff0f) && c !== 0xa0;
}

/** @returns the folded code of a unit when it folds to a word character, else 0 (no word character folds to 0). */
function toWordFold(c: number): number {
  const folded = toFolded(c);
  return isWordChar(folded) ? folded : 0;
}

/** toWordFold of every ASCII unit, so the extractor reads one table per character. */
const WORD_FOLD_ASCII = new Uint16Array(128);
for (let c = 0; c < 128; c++) WORD_FOLD_ASCII[c] = toWordFold(c);

const ring = new Int32Array(5);
const ringStarts = new Int32Array(5);

function hashGram(n: number): number {
  let h = SEEDS[CHAR_FAMILY_BASE + n - 3] ?? 0;
  for (let k = n - 1; k >= 0; k--) h = Math.imul(h ^ (ring[k] ?? 0), FNV_PRIME);
  return h;
}

function addCharGrams(buffer: FeatureBuffer, filled: number, end: number): void {
  for (let n = 3; n <= 5 && n <= filled; n++) {
    const i = push(buffer, hashGram(n), CHAR_FAMILY_BASE + n - 3);
    buffer.starts[i] = ringStarts[n - 1] ?? 0;
    buffer.ends[i] = end;
  }
}

interface WordState {
  hash: number; prefix: number; length: number; start: number; previous: number; previousStart: number;
  sentence: number; concepts: number;
}

/** Concept keys keep 30 bits so they stay small integers (no boxed numbers in the Map lookups). */
const KEY_MASK = 0x3fffffff;

/** Recent words (raw hashes, first-five-letter hashes, starts, sentence numbers) for concept pairs. */
const RECENT = 10;
const recentFull = new Int32Array(RECENT);
const recentPrefix = new Int32Array(RECENT);
const recentStart = new Int32Array(RECENT);
const recentSentence = new Int32Array(RECENT);
let recentCount = 0;

const tables: ConceptTables = toConceptTables((word) => toRawWordHash(word));

/** @returns the raw (unfinalised) hash the extractor computes for a word, and for its first five letters. */
function toRawWordHash(word: string): { full: number; prefix: number } {
  let h = SEEDS[WORD_FAMILY] ?? 0;
  let prefix = h;
  for (let i = 0; i < word.length && i < MAX_WORD; i++) {
    h = Math.imul(h ^ toFolded(word.charCodeAt(i)), FNV_PRIME);
    if (i === 4) prefix = h;
  }
  return { full: h & KEY_MASK, prefix: prefix & KEY_MASK };
}

function emitConcept(buffer: FeatureBuffer, concept: number, span: { start: number; end: number }): void {
  const i = push(buffer, toConceptSeed(concept), CONCEPT_FAMILY);
  buffer.starts[i] = span.start;
  buffer.ends[i] = span.end;
}

/** Checks the word just closed against single-word concepts and as the target of a concept pair. */
function matchConcepts(buffer: FeatureBuffer, state: WordState, end: number): void {
  const full = state.hash & KEY_MASK;
  const prefix = state.length >= 5 ? state.prefix & KEY_MASK : full;
  const byFull = lookupInt(tables.words, full);
  const byPrefix = prefix === full ? byFull : lookupInt(tables.words, prefix);
  if (byFull < 0 && byPrefix < 0) return;
  let single = toSingleConcept(byFull);
  if (single < 0) single = toSingleConcept(byPrefix);
  if (single >= 0) { emitConcept(buffer, single, { start: state.start, end }); state.concepts++; }
  let list = toPairList(byFull);
  if (list < 0) list = toPairList(byPrefix);
  if (list < 0) return;
  const pairs = tables.pairLists[list];
  if (pairs === undefined) return;
  for (const pair of pairs) {
    for (let back = 1; back <= pair.gap + 1 && back <= recentCount; back++) {
      const slot = (recentCount - back) % RECENT;
      if (recentSentence[slot] !== state.sentence) break;
      if (lookupInt(pair.triggers, recentFull[slot] ?? 0) >= 0 || lookupInt(pair.triggers, recentPrefix[slot] ?? 0) >= 0) {
        emitConcept(buffer, pair.concept, { start: recentStart[slot] ?? 0, end });
        state.concepts++;
        break;
      }
    }
  }
}

function rememberWord(state: WordState): void {
  const slot = recentCount % RECENT;
  recentFull[slot] = state.hash & KEY_MASK;
  recentPrefix[slot] = state.length >= 5 ? state.prefix & KEY_MASK : state.hash & KEY_MASK;
  recentStart[slot] = state.start;
  recentSentence[slot] = state.sentence;
  recentCount++;
}

function closeWord(buffer: FeatureBuffer, state: WordState, end: number): void {
  const w = state.hash >>> 0;
  let i = push(buffer, w, WORD_FAMILY);
  buffer.starts[i] = state.start;
  buffer.ends[i] = end;
  if (state.previousStart >= 0) {
    i = push(buffer, Math.imul(Math.imul(state.previous ^ 0x5bd1e995, FNV_PRIME) ^ w, FNV_PRIME), BIGRAM_FAMILY);
    buffer.starts[i] = state.previousStart;
    buffer.ends[i] = end;
  }
  if (state.concepts < MAX_CONCEPTS) matchConcepts(buffer, state, end);
  rememberWord(state);
  state.previous = w;
  state.previousStart = state.start;
  state.length = 0;
}

function toConceptSeed(concept: number): number {
  return Math.imul((SEEDS[CONCEPT_FAMILY] ?? 0) ^ (concept + 1), FNV_PRIME);
}

/** @returns the hashed feature of each attack concept, in concept order (the trainer gives them a prior). */
export function toConceptHashes(): number[] {
  return Array.from({ length: CONCEPT_COUNT }, (_, i) => finalize(toConceptSeed(i)));
}

/** Chat-template markers and markdown images, found with indexOf from their first character. */
function addPunctuationConcepts(buffer: FeatureBuffer, text: string): void {
  let found = 0;
  for (const lead of PUNCTUATION_LEADS) {
    for (let at = text.indexOf(lead); at >= 0 && found < MAX_CONCEPTS; at = text.indexOf(lead, at + 1)) {
      for (const marker of PUNCTUATION_MARKERS) {
        if (marker.charCodeAt(0) === lead.charCodeAt(0) && text.startsWith(marker, at)) {
          emitConcept(buffer, PUNCTUATION_CONCEPT, { start: at, end: at + marker.length });
          found++;
        }
      }
    }
  }
}

/**
 * Extracts every feature of `text` into `buffer` (cleared first). Spans are character offsets of
 * `text`, so the scorer can assign each feature to the windows that contain it whole.
 * @returns the buffer, for chaining.
 */
export function extractFeatures(text: string, buffer: FeatureBuffer, familyMask = ALL_FAMILIES): FeatureBuffer {
  buffer.length = 0;
  const chars = (familyMask & CHAR_FAMILIES) !== 0;
  const word: WordState = { hash: 0, prefix: 0, length: 0, start: 0, previous: 0, previousStart: -1, sentence: 0, concepts: 0 };
  recentCount = 0;
  let filled = 0;
  let last = 32;
  // As an int32 the seed keeps every hash an int32, so the optimiser never boxes one as a heap number.
  const seed = (SEEDS[WORD_FAMILY] ?? 0) | 0;
  // The open word lives in locals (written back when it closes): this loop runs once per character.
  let hash = 0;
  let length = 0;
  const units = toCodeUnits(text);
  for (let i = 0; i < text.length; i++) {
    const raw = units[i] ?? 0;
    const c = raw < 128 ? WORD_FOLD_ASCII[raw] ?? 0 : toWordFold(raw);
    if (c !== 0) {
      if (length === 0) { word.start = i; hash = seed; }
      if (length < MAX_WORD) hash = Math.imul(hash ^ c, FNV_PRIME);
      if (++length === 5) word.prefix = hash;
    } else {
      if (length > 0) { word.hash = hash; word.length = length; closeWord(buffer, word, i); length = 0; }
      if (raw === 46 || raw === 33 || raw === 63 || raw === 10) word.sentence++;
    }
    if (!chars) continue;
    const g = c !== 0 ? c : 32;
    if (g === 32 && last === 32) continue;
    last = g;
    ring.copyWithin(1, 0, 4);
    ringStarts.copyWithin(1, 0, 4);
    ring[0] = g;
    ringStarts[0] = i;
    if (++filled >= 3) addCharGrams(buffer, filled, i + 1);
  }
  if (length > 0) { word.hash = hash; word.length = length; closeWord(buffer, word, text.length); }
  if ((familyMask >> CONCEPT_FAMILY) & 1) addPunctuationConcepts(buffer, text);
  return buffer;
}
