// SPDX-License-Identifier: Apache-2.0
import type { Span } from '../types.js';
import { DetectError } from '../errors.js';
import { WEIGHTS } from '../model/weights.js';
import { createFeatureBuffer, extractFeatures, type FeatureBuffer } from './features.js';
import { toWindows } from './windows.js';
import { createScratch, toWorstWindow, type WindowScratch } from './window-scores.js';

/** A trained classifier: an attack-vs-benign head and a jailbreak-vs-injection head over hashed features. */
export interface Model {
  readonly attack: Float32Array;
  readonly attackBias: number;
  readonly category: Float32Array;
  readonly categoryBias: number;
  /** Probability at or above which a text counts as an attack. */
  readonly threshold: number;
  /** Window length and stride in characters: long texts are scored window by window, and the worst window counts. */
  readonly window: number;
  readonly stride: number;
  /** Feature families the model uses (bit i: family i); the others are not even extracted. */
  readonly familyMask: number;
}

/** What the classifier says about one text. */
export interface AttackScore {
  /** Probability that the text is an injection or jailbreak (its worst window). */
  readonly score: number;
  /** Probability that an attack is a jailbreak rather than an injection. */
  readonly jailbreak: number;
  /** The worst window, in the coordinates of the scored text. */
  readonly span: Span;
}

export const MODEL_FORMAT = 'citadel-detect-v1';

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function toFloats(base64: string, expected: number): Float32Array {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length !== expected * 4) throw new DetectError('DETECT_MODEL', `expected ${expected * 4} weight bytes, got ${bytes.length}`);
  const out = new Float32Array(expected);
  // The file is little-endian float32, as this host stores them: copy the bytes (the first call
  // used to spend most of its time reading them one by one).
  if (LITTLE_ENDIAN) new Uint8Array(out.buffer).set(bytes);
  else for (let i = 0; i < expected; i++) out[i] = bytes.readFloatLE(i * 4);
  return out;
}

function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;
}

let cached: Model | undefined;

/**
 * Loads the weights shipped in `src/detect/model/weights.ts` (written by `npm run train`) once.
 * @returns the model.
 * @throws DetectError `DETECT_MODEL` when the weights are of another format or malformed.
 */
export function loadModel(): Model {
  if (cached !== undefined) return cached;
  const w = WEIGHTS;
  if (w.format !== MODEL_FORMAT || !isPowerOfTwo(w.attackDims) || !isPowerOfTwo(w.categoryDims)) {
    throw new DetectError('DETECT_MODEL', `expected weights in format ${MODEL_FORMAT} with power-of-two sizes, got ${w.format}`);
  }
  cached = {
    attack: toFloats(w.attack, w.attackDims), attackBias: w.attackBias,
    category: toFloats(w.category, w.categoryDims), categoryBias: w.categoryBias,
    threshold: w.threshold, window: w.window, stride: w.stride, familyMask: w.familyMask,
  };
  return cached;
}

const buffer: FeatureBuffer = createFeatureBuffer();
const scratch: WindowScratch = createScratch();

/** @returns the logistic function of `z`. */
export function toProbability(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/**
 * Scores one (normalised) text: features are hashed once, summed per window, each feature family
 * scaled by 1/sqrt(its count in the window) so that length alone moves no score, and the worst
 * window decides. Cost is linear in the text length.
 * @returns the attack probability, the jailbreak share and the worst window.
 */
export function scoreText(model: Model, text: string): AttackScore {
  const plan = toWindows(text.length, model);
  extractFeatures(text, buffer, model.familyMask);
  const worst = toWorstWindow(buffer, model, { plan, scratch });
  return { score: toProbability(worst.attack), jailbreak: toProbability(worst.category), span: plan.span(worst.k) };
}
