// SPDX-License-Identifier: Apache-2.0
import { FAMILY_COUNT, type FeatureBuffer } from './features.js';
import type { WindowPlan } from './windows.js';

/** The two heads as the scorer and the trainer both read them. */
export interface Heads {
  readonly attack: Float32Array;
  readonly attackBias: number;
  readonly category: Float32Array;
  readonly categoryBias: number;
}

/** Per-window sums and counts, reused across calls so scoring allocates nothing in steady state. */
export interface WindowScratch {
  sums: Float64Array;
  counts: Float64Array;
  /** Signed attack weight of each feature, in buffer order. */
  weights: Float64Array;
}

/** @returns empty scratch space. */
export function createScratch(): WindowScratch {
  return { sums: new Float64Array(64), counts: new Float64Array(64), weights: new Float64Array(1024) };
}

/** @returns the sign (+1/-1) a hashed feature carries: its top bit, independent of its index bits. */
export function toSign(hash: number): number {
  return hash >>> 31 === 1 ? -1 : 1;
}

function prepare(scratch: WindowScratch, cells: number): void {
  if (scratch.counts.length < cells) { scratch.counts = new Float64Array(cells * 2); scratch.sums = new Float64Array(cells * 2); }
  scratch.sums.fill(0, 0, cells);
  scratch.counts.fill(0, 0, cells);
}

/**
 * Reads every feature's signed attack weight in a loop that does nothing else: the weight table is
 * larger than the processor's cache, and a loop this short lets the misses overlap.
 */
function gatherAttack(buffer: FeatureBuffer, heads: Heads, scratch: WindowScratch): Float64Array {
  if (scratch.weights.length < buffer.length) scratch.weights = new Float64Array(buffer.length * 2);
  const out = scratch.weights;
  const table = heads.attack;
  const mask = table.length - 1;
  const hashes = buffer.hashes;
  for (let j = 0; j < buffer.length; j++) {
    const h = hashes[j] ?? 0;
    const w = table[h & mask] ?? 0;
    out[j] = h >>> 31 === 1 ? -w : w;
  }
  return out;
}

/**
 * @returns log2 of a power-of-two stride, else -1. Offsets are non-negative integers, so a shift
 * gives the floor and ceiling of a division by such a stride exactly, without two float divisions
 * per feature.
 */
function toShift(stride: number): number {
  return Number.isInteger(stride) && stride > 0 && stride <= 0x40000000 && (stride & (stride - 1)) === 0 ? 31 - Math.clz32(stride) : -1;
}

/** Adds every feature's attack weight to the sums of each window that holds it whole. */
function accumulateAttack(buffer: FeatureBuffer, heads: Heads, state: { plan: WindowPlan; scratch: WindowScratch }): void {
  const { plan, scratch } = state;
  prepare(scratch, plan.count * FAMILY_COUNT);
  const gathered = gatherAttack(buffer, heads, scratch);
  const { sums, counts } = scratch;
  const { families, starts, ends } = buffer;
  if (plan.count === 1) {
    for (let j = 0; j < buffer.length; j++) {
      const f = families[j] ?? 0;
      sums[f] = (sums[f] ?? 0) + (gathered[j] ?? 0);
      counts[f] = (counts[f] ?? 0) + 1;
    }
    return;
  }
  const { window, stride } = plan;
  const regular = plan.count - 1;
  const tail = plan.tail;
  const shift = toShift(stride);
  for (let j = 0; j < buffer.length; j++) {
    const w = gathered[j] ?? 0;
    const f = families[j] ?? 0;
    const start = starts[j] ?? 0;
    const end = ends[j] ?? 0;
    // Regular windows k hold [start, end) when k*stride <= start and end <= k*stride + window (see windows.ts).
    let first: number;
    let last: number;
    if (shift >= 0) {
      first = end > window ? (end - window + stride - 1) >> shift : 0;
      last = start >> shift;
    } else {
      first = Math.max(0, Math.ceil((end - window) / stride));
      last = Math.floor(start / stride);
    }
    if (last > regular - 1) last = regular - 1;
    if (start >= tail) addCell(scratch, regular * FAMILY_COUNT + f, w);
    for (let k = first; k <= last; k++) {
      const cell = k * FAMILY_COUNT + f;
      sums[cell] = (sums[cell] ?? 0) + w;
      counts[cell] = (counts[cell] ?? 0) + 1;
    }
  }
}

function addCell(scratch: WindowScratch, cell: number, w: number): void {
  scratch.sums[cell] = (scratch.sums[cell] ?? 0) + w;
  scratch.counts[cell] = (scratch.counts[cell] ?? 0) + 1;
}

/** @returns the logit of window `k` for sums laid out as [window][family]. */
function toLogit(bias: number, scratch: WindowScratch, k: number): number {
  const { sums, counts } = scratch;
  let z = bias;
  for (let f = 0; f < FAMILY_COUNT; f++) {
    const cell = k * FAMILY_COUNT + f;
    const n = counts[cell] ?? 0;
    if (n !== 0) z += (sums[cell] ?? 0) * (1 / Math.sqrt(n));
  }
  return z;
}

const categoryScratch = new Float64Array(FAMILY_COUNT);

/** The category logit of one window: a second pass over the features that window holds. */
function toCategoryLogit(buffer: FeatureBuffer, heads: Heads, state: { plan: WindowPlan; scratch: WindowScratch; k: number }): number {
  const { plan, scratch, k } = state;
  const family = categoryScratch.fill(0);
  const table = heads.category;
  const mask = table.length - 1;
  const { start, end } = plan.span(k);
  const { hashes, families, starts, ends } = buffer;
  for (let j = 0; j < buffer.length; j++) {
    if ((starts[j] ?? 0) < start || (ends[j] ?? 0) > end) continue;
    const h = hashes[j] ?? 0;
    const f = families[j] ?? 0;
    family[f] = (family[f] ?? 0) + toSign(h) * (table[h & mask] ?? 0);
  }
  let z = heads.categoryBias;
  for (let f = 0; f < FAMILY_COUNT; f++) {
    const n = scratch.counts[k * FAMILY_COUNT + f] ?? 0;
    if (n !== 0) z += (family[f] ?? 0) * (1 / Math.sqrt(n));
  }
  return z;
}

/**
 * Sums the features of every window, picks the window with the highest attack logit (ties: the
 * first), and computes the category logit for that window only.
 * @returns the worst window, its attack logit and its category logit; `scratch.counts` keeps the
 * per-window family counts for the trainer.
 */
export function toWorstWindow(buffer: FeatureBuffer, heads: Heads, state: { plan: WindowPlan; scratch: WindowScratch }): { k: number; attack: number; category: number } {
  accumulateAttack(buffer, heads, state);
  let bestK = 0;
  let bestAttack = -Infinity;
  for (let k = 0; k < state.plan.count; k++) {
    const attack = toLogit(heads.attackBias, state.scratch, k);
    if (attack > bestAttack) { bestK = k; bestAttack = attack; }
  }
  return { k: bestK, attack: bestAttack, category: toCategoryLogit(buffer, heads, { plan: state.plan, scratch: state.scratch, k: bestK }) };
}
