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
}

/** @returns empty scratch space. */
export function createScratch(): WindowScratch {
  return { sums: new Float64Array(64), counts: new Float64Array(64) };
}

/** @returns the sign (+1/-1) a hashed feature carries: its top bit, independent of its index bits. */
export function toSign(hash: number): number {
  return hash >>> 31 === 1 ? -1 : 1;
}

function prepare(scratch: WindowScratch, cells: number): void {
  if (scratch.counts.length < cells) { scratch.counts = new Float64Array(cells * 2); scratch.sums = new Float64Array(cells * 4); }
  scratch.sums.fill(0, 0, cells * 2);
  scratch.counts.fill(0, 0, cells);
}

/** Adds every feature to the attack and category sums of each window that holds it whole. */
export function accumulateWindows(buffer: FeatureBuffer, heads: Heads, state: { plan: WindowPlan; scratch: WindowScratch }): void {
  const { plan, scratch } = state;
  prepare(scratch, plan.count * FAMILY_COUNT);
  const { sums, counts } = scratch;
  const attackMask = heads.attack.length - 1;
  const categoryMask = heads.category.length - 1;
  const { hashes, families, starts, ends } = buffer;
  for (let j = 0; j < buffer.length; j++) {
    const h = hashes[j] ?? 0;
    const sign = toSign(h);
    const wa = sign * (heads.attack[h & attackMask] ?? 0);
    const wc = sign * (heads.category[h & categoryMask] ?? 0);
    const f = families[j] ?? 0;
    const start = starts[j] ?? 0;
    const end = ends[j] ?? 0;
    const last = plan.lastWindow(start, end);
    for (let k = plan.firstWindow(start, end); k <= last; k++) {
      const cell = k * FAMILY_COUNT + f;
      sums[cell * 2] = (sums[cell * 2] ?? 0) + wa;
      sums[cell * 2 + 1] = (sums[cell * 2 + 1] ?? 0) + wc;
      counts[cell] = (counts[cell] ?? 0) + 1;
    }
  }
}

/** Logits of one window: each family's sum scaled by 1/sqrt(its count), so length alone moves nothing. */
export function toWindowLogits(heads: Heads, scratch: WindowScratch, k: number): { attack: number; category: number } {
  let attack = heads.attackBias;
  let category = heads.categoryBias;
  for (let f = 0; f < FAMILY_COUNT; f++) {
    const cell = k * FAMILY_COUNT + f;
    const n = scratch.counts[cell] ?? 0;
    if (n === 0) continue;
    const scale = 1 / Math.sqrt(n);
    attack += (scratch.sums[cell * 2] ?? 0) * scale;
    category += (scratch.sums[cell * 2 + 1] ?? 0) * scale;
  }
  return { attack, category };
}

/** @returns the window with the highest attack logit, and its logits. */
export function toWorstWindow(heads: Heads, scratch: WindowScratch, count: number): { k: number; attack: number; category: number } {
  let best = { k: 0, attack: -Infinity, category: 0 };
  for (let k = 0; k < count; k++) {
    const logits = toWindowLogits(heads, scratch, k);
    if (logits.attack > best.attack) best = { k, ...logits };
  }
  return best;
}
