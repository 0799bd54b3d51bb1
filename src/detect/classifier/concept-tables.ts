// SPDX-License-Identifier: Apache-2.0
import { CONCEPT_SPECS } from './concepts.js';

/** One trigger-target pair of a concept. */
export interface ConceptPair {
  readonly concept: number;
  readonly triggers: ReadonlySet<number>;
  readonly gap: number;
}

/** Concept lookups keyed by raw word hashes. */
export interface ConceptTables {
  readonly single: ReadonlyMap<number, number>;
  readonly targets: ReadonlyMap<number, readonly ConceptPair[]>;
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
      const pair: ConceptPair = { concept, triggers: new Set(toKeys(triggerWords, hash)), gap };
      for (const key of toKeys(targetWords, hash)) targets.set(key, [...(targets.get(key) ?? []), pair]);
    }
  });
  return { single, targets };
}
