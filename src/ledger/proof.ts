// SPDX-License-Identifier: Apache-2.0

/** An RFC 9162 §2.1.3 inclusion proof: the audit path for leaf `index` in the tree of `size`. */
export interface InclusionProof {
  readonly index: number;
  readonly size: number;
  readonly path: readonly Uint8Array[];
}

/** An RFC 9162 §2.1.4 consistency proof between the trees of `fromSize` and `toSize`. */
export interface ConsistencyProof {
  readonly fromSize: number;
  readonly toSize: number;
  readonly path: readonly Uint8Array[];
}
