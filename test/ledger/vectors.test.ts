// SPDX-License-Identifier: Apache-2.0
// Published RFC 6962 test vectors: the eight standard leaf inputs, their subtree and root hashes,
// and the inclusion and consistency proofs of the Certificate Transparency reference test suite
// (github.com/transparency-dev/merkle, testonly/constants.go and proof/verify_test.go).
import { describe, expect, it } from 'vitest';
import { hashLeaf, verifyConsistency, verifyInclusion, type ConsistencyProof, type InclusionProof } from '../../src/ledger/index.js';
import { CompactRange, toFoldedHash } from '../../src/ledger/compact-range.js';
import { toConsistencyRanges, toInclusionRanges, toSubtrees } from '../../src/ledger/tree-math.js';

const h = (hex: string): Buffer => Buffer.from(hex, 'hex');

const LEAF_INPUTS = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(h);

/** Root hash for each tree size 0..8. */
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
].map(h);

/** Hashes of every complete subtree of the 8-leaf tree, by level then position. */
const NODE_HASHES = [
  ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d', '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
    '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7', '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b', '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
    'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f', '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1'],
  ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0'],
  ['d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'],
  ['5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328'],
].map((level) => level.map(h));

/** Inclusion proofs: leaf index, tree size, audit path. */
const INCLUSION: readonly InclusionProof[] = [
  { index: 0, size: 1, path: [] },
  { index: 0, size: 8, path: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'].map(h) },
  { index: 5, size: 8, path: ['bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'].map(h) },
  { index: 2, size: 3, path: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'].map(h) },
  { index: 1, size: 5, path: ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'].map(h) },
];

/** Consistency proofs: old size, new size, path. */
const CONSISTENCY: readonly ConsistencyProof[] = [
  { fromSize: 1, toSize: 1, path: [] },
  { fromSize: 1, toSize: 8, path: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'].map(h) },
  { fromSize: 6, toSize: 8, path: ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'].map(h) },
  { fromSize: 2, toSize: 5, path: ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'].map(h) },
  { fromSize: 6, toSize: 7, path: ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'].map(h) },
];

const LEAVES = LEAF_INPUTS.map(hashLeaf);

/** Builds a proof the way the ledger does: ranges from tree-math, each folded from its subtrees. */
function toRangeHash([start, end]: [number, number]): Buffer {
  return toFoldedHash(toSubtrees(start, end).map((s) => {
    const level = NODE_HASHES[s.level];
    const hash = level?.[s.offset / 2 ** s.level];
    if (hash === undefined) throw new Error(`no vector for subtree ${s.level}/${s.offset}`);
    return hash;
  }));
}

function flipBit(hash: Uint8Array, bit: number): Buffer {
  const copy = Buffer.from(hash);
  copy[bit >> 3] = (copy[bit >> 3] ?? 0) ^ (1 << (bit & 7));
  return copy;
}

function root(size: number): Buffer {
  return ROOTS[size] ?? Buffer.alloc(32);
}

describe('RFC 6962 test vectors', () => {
  it('hashes the standard leaf inputs and every complete subtree to the published values', () => {
    expect(LEAVES.map((l) => l.toString('hex'))).toEqual(NODE_HASHES[0]?.map((n) => n.toString('hex')));
    const range = CompactRange.empty();
    const seen = new Map<string, string>();
    for (const leaf of LEAVES) for (const node of range.push(leaf)) seen.set(`${node.level}/${node.offset}`, node.hash.toString('hex'));
    NODE_HASHES.forEach((level, l) => {
      level.forEach((hash, i) => { expect(seen.get(`${l}/${i * 2 ** l}`)).toBe(hash.toString('hex')); });
    });
  });

  it('computes the published root for every size from 0 to 8', () => {
    const range = CompactRange.empty();
    expect(range.rootHash().equals(root(0))).toBe(true);
    LEAVES.forEach((leaf, i) => {
      range.push(leaf);
      expect(range.rootHash().toString('hex')).toBe(root(i + 1).toString('hex'));
    });
  });

  it.each(INCLUSION)('generates and verifies the published inclusion proof of leaf $index in $size', (vector) => {
    const generated = toInclusionRanges(vector.index, vector.size).map(toRangeHash);
    expect(generated.map((p) => p.toString('hex'))).toEqual(vector.path.map((p) => Buffer.from(p).toString('hex')));
    expect(() => { verifyInclusion(LEAVES[vector.index] ?? Buffer.alloc(32), vector, root(vector.size)); }).not.toThrow();
  });

  it.each(CONSISTENCY)('generates and verifies the published consistency proof from $fromSize to $toSize', (vector) => {
    const generated = vector.fromSize === vector.toSize ? [] : toConsistencyRanges(vector.fromSize, vector.toSize).map(toRangeHash);
    expect(generated.map((p) => p.toString('hex'))).toEqual(vector.path.map((p) => Buffer.from(p).toString('hex')));
    expect(() => { verifyConsistency(vector, root(vector.fromSize), root(vector.toSize)); }).not.toThrow();
  });

  it.each(INCLUSION.filter((v) => v.path.length > 0))('rejects every corruption of the inclusion proof of $index in $size', (v) => {
    const leaf = LEAVES[v.index] ?? Buffer.alloc(32);
    const probes: [Uint8Array, InclusionProof, Uint8Array][] = [
      [leaf, { ...v, index: v.index + 1 }, root(v.size)],
      [leaf, { ...v, index: v.index ^ 2 }, root(v.size)],
      [leaf, { ...v, size: v.size * 2 }, root(v.size)],
      [leaf, { ...v, size: Math.floor(v.size / 2) }, root(v.size)],
      [hashLeaf(Buffer.from('WrongLeaf')), v, root(v.size)],
      [leaf, v, root(0)],
      [leaf, { ...v, path: [...v.path, root(v.size)] }, root(v.size)],
      [leaf, { ...v, path: [root(v.size), ...v.path] }, root(v.size)],
      [leaf, { ...v, path: v.path.slice(0, -1) }, root(v.size)],
      ...v.path.map((_, i): [Uint8Array, InclusionProof, Uint8Array] => [leaf, { ...v, path: v.path.map((p, j) => (i === j ? flipBit(p, 3) : p)) }, root(v.size)]),
    ];
    for (const [l, proof, r] of probes) expect(() => { verifyInclusion(l, proof, r); }).toThrow(expect.objectContaining({ code: 'LEDGER_PROOF_INVALID' }) as Error);
  });

  it.each(CONSISTENCY.filter((v) => v.path.length > 0))('rejects every corruption of the consistency proof from $fromSize to $toSize', (v) => {
    const [r1, r2] = [root(v.fromSize), root(v.toSize)];
    const probes: [ConsistencyProof, Uint8Array, Uint8Array][] = [
      [{ ...v, fromSize: v.fromSize - 1 }, r1, r2],
      [{ ...v, fromSize: v.fromSize + 1 }, r1, r2],
      [{ ...v, fromSize: v.fromSize ^ 2 }, r1, r2],
      [{ ...v, toSize: v.toSize * 2 }, r1, r2],
      [{ ...v, toSize: Math.floor(v.toSize / 2) }, r1, r2],
      [v, r2, r1],
      [{ ...v, path: [] }, r1, r2],
      [{ ...v, path: [...v.path, r1] }, r1, r2],
      [{ ...v, path: [...v.path, r2] }, r1, r2],
      [{ ...v, path: [r1, ...v.path] }, r1, r2],
      [{ ...v, path: [v.path[0] ?? r1, ...v.path] }, r1, r2],
      [{ ...v, path: v.path.slice(0, -1) }, r1, r2],
      ...v.path.map((_, i): [ConsistencyProof, Uint8Array, Uint8Array] => [{ ...v, path: v.path.map((p, j) => (i === j ? flipBit(p, 4) : p)) }, r1, r2]),
    ];
    for (const [proof, a, b] of probes) expect(() => { verifyConsistency(proof, a, b); }).toThrow(expect.objectContaining({ code: 'LEDGER_PROOF_INVALID' }) as Error);
  });

  it('treats the trivial consistency cases as RFC 9162 does', () => {
    expect(() => { verifyConsistency({ fromSize: 0, toSize: 8, path: [] }, root(0), root(8)); }).not.toThrow();
    expect(() => { verifyConsistency({ fromSize: 3, toSize: 3, path: [] }, root(3), root(3)); }).not.toThrow();
    expect(() => { verifyConsistency({ fromSize: 3, toSize: 3, path: [] }, root(3), root(4)); }).toThrow(expect.objectContaining({ code: 'LEDGER_PROOF_INVALID' }) as Error);
    expect(() => { verifyConsistency({ fromSize: 0, toSize: 1, path: [root(0)] }, root(0), root(1)); }).toThrow(expect.objectContaining({ code: 'LEDGER_PROOF_INVALID' }) as Error);
    expect(() => { verifyConsistency({ fromSize: 2, toSize: 1, path: [] }, root(2), root(1)); }).toThrow(expect.objectContaining({ code: 'LEDGER_PROOF_INVALID' }) as Error);
  });
});
