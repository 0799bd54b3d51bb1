// SPDX-License-Identifier: Apache-2.0
import { CONCEPT_SPECS } from './concepts.js';
import { toIntTable, type IntTable } from './int-table.js';

/** One trigger-target pair of a concept; `triggers` maps each trigger key to 1. */
export interface ConceptPair {
  readonly concept: number;
  readonly triggers: IntTable;
  readonly gap: number;
}

/**
 * Concept lookups keyed by raw word hashes: one table answers both questions about a word, so a
 * word costs one probe (two when its first five letters count too). A value packs the word's
 * single-word concept + 1 in its low byte and its index into `pairLists` + 1 above it; 0 is none.
 */
export interface ConceptTables {
  readonly words: IntTable;
  readonly pairLists: readonly (readonly ConceptPair[])[];
}

/** @returns the single-word concept packed in a `words` value, or -1. */
export function toSingleConcept(value: number): number {
  return value <= 0 ? -1 : (value & 0xff) - 1;
}

/** @returns the index into `pairLists` packed in a `words` value, or -1. */
export function toPairList(value: number): number {
  return value <= 0 ? -1 : (value >> 8) - 1;
}

type Hasher = (word: string) => { full: number; prefix: number };

function toKeys(words: string, hash: Hasher): number[] {
  return words.split(' ').filter((w) => w.length > 0).map((w) => (w.endsWith('*') ? hash(w.slice(0, -1)).prefix : hash(w).full));
}

/** @returns the lookup tables of CONCEPT_SPECS, hashed the way the extractor hashes words. */
export function toConceptTables(hash: Hasher): ConceptTables {
  const single = new Map<number, number>();
  const targets = new Map<number, ConceptPair[]>();
  CONCEPT_SPECS.forEach((spec, concept) => {
    for (const key of toKeys(spec.single ?? '', hash)) single.set(key, concept);
    for (const [triggerWords, targetWords, gap] of spec.pairs ?? []) {
      const pair: ConceptPair = { concept, triggers: toIntTable(new Map(toKeys(triggerWords, hash).map((k) => [k, 1]))), gap };
      for (const key of toKeys(targetWords, hash)) targets.set(key, [...(targets.get(key) ?? []), pair]);
    }
  });
  if (CONCEPT_SPECS.length >= 0xff) throw new RangeError('expected fewer than 255 concepts, which the packed table holds in a byte');
  const packed = new Map<number, number>();
  for (const [key, concept] of single) packed.set(key, concept + 1);
  [...targets.keys()].forEach((key, i) => packed.set(key, (packed.get(key) ?? 0) | ((i + 1) << 8)));
  return { words: toIntTable(packed), pairLists: [...targets.values()] };
}
