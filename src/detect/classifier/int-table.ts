// SPDX-License-Identifier: Apache-2.0
/**
 * A read-only map from non-negative 31-bit integer keys to non-negative integer values, laid out in
 * two typed arrays and probed linearly. The feature extractor looks up every word it closes, and a
 * probe here costs a multiply and one or two array reads where a Map hashes a boxed key.
 */
export interface IntTable {
  readonly keys: Int32Array;
  readonly values: Int32Array;
  readonly mask: number;
}

const EMPTY = -1;

function toHome(key: number, mask: number): number {
  return (Math.imul(key, 0x9e3779b1) >>> 15) & mask;
}

/** @returns a table holding `entries`, at most a quarter full so a missing key usually stops at its first slot. */
export function toIntTable(entries: ReadonlyMap<number, number>): IntTable {
  let size = 16;
  while (size < entries.size * 4) size *= 2;
  const keys = new Int32Array(size).fill(EMPTY);
  const values = new Int32Array(size);
  const mask = size - 1;
  for (const [key, value] of entries) {
    if (!(Number.isInteger(key) && key >= 0 && key <= 0x7fffffff)) throw new RangeError(`expected a non-negative 31-bit key, got ${key}`);
    let slot = toHome(key, mask);
    while (keys[slot] !== EMPTY && keys[slot] !== key) slot = (slot + 1) & mask;
    keys[slot] = key;
    values[slot] = value;
  }
  return { keys, values, mask };
}

/** @returns the value stored for `key`, or -1 when there is none. */
export function lookupInt(table: IntTable, key: number): number {
  const { keys, mask } = table;
  let slot = toHome(key, mask);
  for (;;) {
    const found = keys[slot] ?? EMPTY;
    if (found === key) return table.values[slot] ?? EMPTY;
    if (found === EMPTY) return EMPTY;
    slot = (slot + 1) & mask;
  }
}
