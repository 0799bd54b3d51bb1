// SPDX-License-Identifier: Apache-2.0
import { CONCEPT_FAMILY, createFeatureBuffer, extractFeatures, FAMILY_COUNT, toConceptHashes, type FeatureBuffer } from '../classifier/features.js';
import { toProbability } from '../classifier/model.js';
import { createScratch, toSign, toWorstWindow, type Heads, type WindowScratch } from '../classifier/window-scores.js';
import { toWindows, type WindowPlan } from '../classifier/windows.js';
import { normalize } from '../normalize/normalize.js';
import type { CorpusRow } from './corpus.js';
import { createRandom, shuffle } from './prng.js';
import { toAugmented } from './augment.js';

/** Everything that decides the weights besides the data. */
export interface HyperParameters {
  readonly attackDims: number;
  readonly categoryDims: number;
  readonly window: number;
  readonly stride: number;
  readonly epochs: number;
  readonly learningRate: number;
  readonly l2: number;
  readonly seed: number;
  /** Exponent of the family-size correction: 0 keeps raw counts, 1 gives every family equal weight. */
  readonly familyBalance: number;
  /** Extra weight of jailbreak rows in the attack head (they are 4% of the corpus). */
  readonly jailbreakBoost: number;
  /** Synthetic rows (see augment.ts): attacks planted in benign content, and long benign joins. */
  readonly augmentEmbedded: number;
  readonly augmentLongBenign: number;
  /** Bit i set: feature family i is learned (0 words, 1 word pairs, 2-4 character 3-5-grams, 5 concepts). */
  readonly familyMask: number;
  /** Prior weight of each attack concept, and the pull toward it: domain knowledge the data may overrule. */
  readonly conceptPrior: number;
  readonly conceptL2: number;
}

export const DEFAULT_HYPER_PARAMETERS: HyperParameters = Object.freeze({
  attackDims: 1 << 17, categoryDims: 1 << 14, window: 512, stride: 256, epochs: 4,
  learningRate: 0.05, l2: 1e-7, seed: 20240601, familyBalance: 0.5, jailbreakBoost: 2,
  augmentEmbedded: 1500, augmentLongBenign: 1500, familyMask: 0b100011, conceptPrior: 2, conceptL2: 1e-2,
});

/** A training example: normalised text, targets and weight. */
export interface Example {
  readonly text: string;
  readonly attack: number;
  readonly jailbreak: number;
  readonly weight: number;
}

/** Mutable heads while training. */
export interface TrainedHeads extends Heads {
  attackBias: number;
  categoryBias: number;
}

/** @returns examples with weights that balance attack against benign and large families against small ones. */
export function toExamples(corpusRows: readonly CorpusRow[], hp: HyperParameters): Example[] {
  const random = createRandom(hp.seed ^ 0x5eed);
  const rows = [...corpusRows, ...toAugmented(corpusRows, { embedded: hp.augmentEmbedded, longBenign: hp.augmentLongBenign }, random)];
  const sizes = new Map<string, number>();
  for (const r of rows) sizes.set(`${r.family}/${r.label === 'benign' ? 0 : 1}`, (sizes.get(`${r.family}/${r.label === 'benign' ? 0 : 1}`) ?? 0) + 1);
  const raw = rows.map((r) => {
    const size = sizes.get(`${r.family}/${r.label === 'benign' ? 0 : 1}`) ?? 1;
    const boost = r.label === 'jailbreak' ? hp.jailbreakBoost : 1;
    return { r, w: boost / Math.pow(size, hp.familyBalance) };
  });
  const total = [0, 0];
  for (const { r, w } of raw) total[r.label === 'benign' ? 0 : 1] = (total[r.label === 'benign' ? 0 : 1] ?? 0) + w;
  const scale = [rows.length / 2 / Math.max(total[0] ?? 1, 1e-9), rows.length / 2 / Math.max(total[1] ?? 1, 1e-9)];
  return raw.map(({ r, w }) => ({
    text: normalize(r.text).text,
    attack: r.label === 'benign' ? 0 : 1,
    jailbreak: r.label === 'jailbreak' ? 1 : 0,
    weight: w * (scale[r.label === 'benign' ? 0 : 1] ?? 1),
  }));
}

interface Optimiser {
  readonly heads: TrainedHeads;
  readonly attackSquares: Float32Array;
  readonly categorySquares: Float32Array;
  biasSquares: [number, number];
  readonly hp: HyperParameters;
}

/** One AdaGrad step on every feature of window `k` for one head. */
function stepHead(o: Optimiser, head: 'attack' | 'category', job: { buffer: FeatureBuffer; plan: WindowPlan; k: number; counts: Float64Array; gradient: number }): void {
  const weights = o.heads[head];
  const squares = head === 'attack' ? o.attackSquares : o.categorySquares;
  const mask = weights.length - 1;
  const { buffer, plan, k, counts, gradient } = job;
  const prior = head === 'attack' ? o.hp.conceptPrior : 0;
  for (let j = 0; j < buffer.length; j++) {
    const family = buffer.families[j] ?? 0;
    if (((o.hp.familyMask >> family) & 1) === 0) continue;
    const start = buffer.starts[j] ?? 0;
    const end = buffer.ends[j] ?? 0;
    if (plan.firstWindow(start, end) > k || plan.lastWindow(start, end) < k) continue;
    const h = buffer.hashes[j] ?? 0;
    const idx = h & mask;
    const n = counts[k * FAMILY_COUNT + family] ?? 1;
    const w = weights[idx] ?? 0;
    const pull = family === CONCEPT_FAMILY ? o.hp.conceptL2 * (w - prior * toSign(h)) : o.hp.l2 * w;
    const g = gradient * toSign(h) / Math.sqrt(n) + pull;
    const s = (squares[idx] ?? 0) + g * g;
    squares[idx] = s;
    weights[idx] = w - o.hp.learningRate * g / (Math.sqrt(s) + 1e-8);
  }
  const b = head === 'attack' ? 0 : 1;
  o.biasSquares[b] += gradient * gradient;
  const step = o.hp.learningRate * gradient / (Math.sqrt(o.biasSquares[b]) + 1e-8);
  if (head === 'attack') o.heads.attackBias -= step; else o.heads.categoryBias -= step;
}

/**
 * Trains on one example: the window the current model finds worst stands for the whole text
 * (multiple-instance learning), for attacks (where the attack is) and for benign texts (the window
 * most likely to raise a false alarm), matching how `scoreText` decides.
 */
function trainExample(o: Optimiser, example: Example, work: { buffer: FeatureBuffer; scratch: WindowScratch }): void {
  const plan = toWindows(example.text.length, o.hp);
  extractFeatures(example.text, work.buffer, o.hp.familyMask);
  const worst = toWorstWindow(work.buffer, o.heads, { plan, scratch: work.scratch });
  const counts = work.scratch.counts;
  const job = { buffer: work.buffer, plan, k: worst.k, counts };
  stepHead(o, 'attack', { ...job, gradient: (toProbability(worst.attack) - example.attack) * example.weight });
  if (example.attack === 1) stepHead(o, 'category', { ...job, gradient: (toProbability(worst.category) - example.jailbreak) * example.weight });
}

/**
 * Trains both heads with AdaGrad over `epochs` passes in a seeded order. Deterministic: the same
 * examples and hyper-parameters give the same bits.
 * @returns the trained heads.
 */
export function trainHeads(examples: readonly Example[], hp: HyperParameters): TrainedHeads {
  const heads: TrainedHeads = { attack: new Float32Array(hp.attackDims), attackBias: 0, category: new Float32Array(hp.categoryDims), categoryBias: 0 };
  const o: Optimiser = { heads, attackSquares: new Float32Array(hp.attackDims), categorySquares: new Float32Array(hp.categoryDims), biasSquares: [0, 0], hp };
  if (hp.conceptPrior !== 0) for (const h of toConceptHashes()) heads.attack[h & (hp.attackDims - 1)] = hp.conceptPrior * toSign(h);
  const work = { buffer: createFeatureBuffer(), scratch: createScratch() };
  const random = createRandom(hp.seed);
  const order = examples.map((_, i) => i);
  for (let epoch = 0; epoch < hp.epochs; epoch++) {
    shuffle(order, random);
    for (const i of order) {
      const example = examples[i];
      if (example !== undefined) trainExample(o, example, work);
    }
  }
  return heads;
}
