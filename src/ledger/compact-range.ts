// SPDX-License-Identifier: Apache-2.0
import { EMPTY_ROOT, hashChildren } from './merkle-hash.js';
import { toNodeId, toSubtrees, type Subtree } from './tree-math.js';

/** A perfect subtree with its hash. */
export interface HashedSubtree extends Subtree {
  readonly hash: Buffer;
}

/** A node a push completed, to be stored under its id. */
export interface CompletedNode {
  readonly id: number;
  readonly level: number;
  readonly offset: number;
  readonly hash: Buffer;
}

/**
 * The right edge of a tree (its "compact range"): one perfect subtree per set bit of the size,
 * largest first. Appending a leaf merges equal-sized neighbours, which is how every interior node
 * is computed exactly once, when its last leaf arrives.
 */
export class CompactRange {
  private constructor(private readonly subtrees: HashedSubtree[], private count: number) {}

  /** @returns the compact range of an empty tree. */
  static empty(): CompactRange {
    return new CompactRange([], 0);
  }

  /** @returns a compact range from the subtrees of [0, size), which must be given largest first. */
  static of(size: number, subtrees: readonly HashedSubtree[]): CompactRange {
    return new CompactRange([...subtrees], size);
  }

  get size(): number {
    return this.count;
  }

  /** @returns a copy that later pushes do not affect. */
  clone(): CompactRange {
    return new CompactRange([...this.subtrees], this.count);
  }

  /** Appends one leaf. @returns the leaf and every interior node it completed, bottom up. */
  push(leafHash: Buffer): CompletedNode[] {
    const leaf: CompletedNode = { id: 2 * this.count, level: 0, offset: this.count, hash: leafHash };
    const completed = [leaf];
    this.merge(leaf, completed);
    return completed;
  }

  /** Appends one leaf, adding to `interior` only the interior nodes it completed, bottom up. */
  pushLeaf(leafHash: Buffer, interior: CompletedNode[]): void {
    this.merge({ id: 2 * this.count, level: 0, offset: this.count, hash: leafHash }, interior);
  }

  /** Merges a new leaf with its equal-sized left neighbours; each merge completes one node. */
  private merge(leaf: CompletedNode, completed: CompletedNode[]): void {
    let node = leaf;
    let last = this.subtrees.at(-1);
    while (last?.level === node.level) {
      this.subtrees.pop();
      const level = node.level + 1;
      const hash = hashChildren(last.hash, node.hash);
      node = { id: toNodeId({ level, offset: last.offset }), level, offset: last.offset, hash };
      completed.push(node);
      last = this.subtrees.at(-1);
    }
    this.subtrees.push(node);
    this.count += 1;
  }

  /** @returns the RFC 9162 root hash: the right fold of the subtrees (SHA-256("") when empty). */
  rootHash(): Buffer {
    return toFoldedHash(this.subtrees.map((s) => s.hash));
  }
}

/** @returns the hash of consecutive perfect subtrees, largest first, folded from the right. */
export function toFoldedHash(hashes: readonly Buffer[]): Buffer {
  let root = hashes.at(-1);
  if (root === undefined) return EMPTY_ROOT;
  for (let i = hashes.length - 2; i >= 0; i -= 1) root = hashChildren(hashes[i] ?? EMPTY_ROOT, root);
  return root;
}

/** @returns the node ids of the compact range of [0, size). */
export function toFrontierIds(size: number): number[] {
  return toSubtrees(0, size).map(toNodeId);
}
