// SPDX-License-Identifier: Apache-2.0
// Index arithmetic for RFC 9162 trees. Sizes go up to 2^53, past the 32 bits JavaScript's bitwise
// operators handle, so everything here is plain arithmetic.

/** A perfect subtree: the 2^level leaves starting at `offset` (a multiple of 2^level). */
export interface Subtree {
  readonly level: number;
  readonly offset: number;
}

/** The largest tree size accepted anywhere: beyond it numbers stop being exact integers. */
export const MAX_TREE_SIZE = Number.MAX_SAFE_INTEGER;

/** @returns the largest power of two strictly below `n` (n ≥ 2), the RFC 9162 §2.1.1 split point k. */
export function toSplitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** @returns true when `n` is odd. */
export function isOdd(n: number): boolean {
  return n % 2 === 1;
}

/** @returns true when `n` is 2^k for some k ≥ 0. */
export function isPowerOfTwo(n: number): boolean {
  return n >= 1 && 2 ** Math.round(Math.log2(n)) === n;
}

/** @returns ⌊n / 2⌋. */
export function toHalf(n: number): number {
  return Math.floor(n / 2);
}

/**
 * @returns the perfect subtrees, left to right and largest first, whose right fold is the RFC 9162
 * hash of leaves [start, end). `start` must be aligned as every range in a proof is.
 */
export function toSubtrees(start: number, end: number): Subtree[] {
  const out: Subtree[] = [];
  let offset = start;
  let remaining = end - start;
  while (remaining > 0) {
    let size = 1;
    let level = 0;
    while (size * 2 <= remaining) {
      size *= 2;
      level += 1;
    }
    out.push({ level, offset });
    offset += size;
    remaining -= size;
  }
  return out;
}

/**
 * A stable integer id for a subtree: its position in an in-order walk of the infinite tree, so
 * leaves are even numbers and every node has exactly one id (used as the storage key).
 */
export function toNodeId(subtree: Subtree): number {
  const width = 2 ** subtree.level;
  return (subtree.offset / width) * 2 * width + width - 1;
}

/** @returns the ranges [start, end) whose hashes form the RFC 9162 §2.1.3.1 audit path, leaf first. */
export function toInclusionRanges(index: number, size: number): [number, number][] {
  const ranges: [number, number][] = [];
  let start = 0;
  let end = size;
  while (end - start > 1) {
    const k = toSplitPoint(end - start);
    if (index - start < k) {
      ranges.push([start + k, end]);
      end = start + k;
    } else {
      ranges.push([start, start + k]);
      start += k;
    }
  }
  return ranges.reverse();
}

/** @returns the ranges whose hashes form the RFC 9162 §2.1.4.1 consistency proof from m to n. */
export function toConsistencyRanges(m: number, n: number): [number, number][] {
  const ranges: [number, number][] = [];
  let start = 0;
  let end = n;
  let complete = true;
  while (m - start !== end - start) {
    const k = toSplitPoint(end - start);
    if (m - start <= k) {
      ranges.push([start + k, end]);
      end = start + k;
    } else {
      ranges.push([start, start + k]);
      start += k;
      complete = false;
    }
  }
  // SUBPROOF(m, D[m], b): the subtree itself is part of the proof unless it is the whole old tree.
  if (!complete) ranges.push([start, end]);
  return ranges.reverse();
}
