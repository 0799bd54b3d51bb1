// SPDX-License-Identifier: Apache-2.0
// The seeded generator the bench corpora share, so a generated set is the same on every machine.

/** @returns mulberry32: a small seeded PRNG giving numbers in [0, 1). */
export function createRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
