// SPDX-License-Identifier: Apache-2.0
/** Binary-classification metrics over scores, as `npm run eval:detect` prints them. */

export interface Scored {
  readonly score: number;
  /** 1 for attack, 0 for benign. */
  readonly positive: number;
}

export interface Confusion {
  readonly tp: number;
  readonly fp: number;
  readonly tn: number;
  readonly fn: number;
}

/** @returns the confusion counts at `threshold` (score >= threshold is positive). */
export function toConfusion(items: readonly Scored[], threshold: number): Confusion {
  let tp = 0, fp = 0, tn = 0, fn = 0;
  for (const { score, positive } of items) {
    if (score >= threshold) { if (positive) tp++; else fp++; } else if (positive) fn++; else tn++;
  }
  return { tp, fp, tn, fn };
}

/** @returns recall, false-positive rate, precision and F1 (NaN where undefined). */
export function toRates(c: Confusion): { recall: number; fpr: number; precision: number; f1: number } {
  const recall = c.tp / (c.tp + c.fn);
  const fpr = c.fp / (c.fp + c.tn);
  const precision = c.tp / (c.tp + c.fp);
  const f1 = (2 * c.tp) / (2 * c.tp + c.fp + c.fn);
  return { recall, fpr, precision, f1 };
}

/** @returns ROC-AUC by the rank-sum (Mann-Whitney U) formula, ties counted half; NaN with one class. */
export function toRocAuc(items: readonly Scored[]): number {
  const sorted = [...items].sort((a, b) => a.score - b.score);
  let rankSum = 0, positives = 0;
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j < sorted.length && sorted[j]?.score === sorted[i]?.score) j++;
    const rank = (i + j + 1) / 2;
    for (let k = i; k < j; k++) if (sorted[k]?.positive) { rankSum += rank; positives++; }
    i = j;
  }
  const negatives = sorted.length - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * @returns the lowest threshold whose false-positive rate is at most `maxFpr` (ties at the cut
 * stay on the benign side), i.e. the most sensitive operating point allowed.
 */
export function toThresholdAtFpr(items: readonly Scored[], maxFpr: number): number {
  const negatives = items.filter((s) => !s.positive).map((s) => s.score).sort((a, b) => b - a);
  const allowed = Math.floor(negatives.length * maxFpr);
  const cut = negatives[allowed];
  if (cut === undefined) return 0;
  return Math.min(1, nextUp(cut));
}

function nextUp(x: number): number {
  const buffer = new Float64Array([x]);
  const bits = new BigInt64Array(buffer.buffer);
  bits[0] = (bits[0] ?? 0n) + (x >= 0 ? 1n : -1n);
  return buffer[0] ?? x;
}
