// SPDX-License-Identifier: Apache-2.0
import { StringArena } from './string-arena.js';
import { Kind, isContainer, isInteresting, type ContainerValue, type Value } from './values.js';

const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
/** Memo growth between compactions. */
const COMPACT_STRIDE = 1 << 12;
const FIRST_FLAGS = 256;
const NO_FLAGS = new Uint8Array(0);
/** Entries found on the stack that the next compaction looks at again; past it they stay as they are. */
const MAX_RECHECKED = 4 * COMPACT_STRIDE;

function toEmpty(k: ContainerValue['k']): ContainerValue {
  return { k, items: null, count: 0 };
}

/**
 * The unpickler's memo, shaped for streams with millions of entries. Indices come from the
 * stream (LONG_BINPUT takes any 32-bit value), so dense indices live in fixed-size chunks (no
 * reallocation of one huge array) and the rest in a map that compaction never walks. Short
 * strings are packed into an arena. Containers that hold nothing the policy needs and are no
 * longer being filled are replaced by one shared placeholder per kind: a later GET still yields a
 * container of the right kind, and a stream of a million memoised dicts no longer keeps them all.
 */
export class Memo {
  private readonly chunks: Value[][] = [];
  /**
   * 1 where the dense slot holds an arena handle, not a value; one array for every chunk, allocated
   * on the first store (sniffing builds a machine for every file it tries, and most store nothing).
   */
  private packed = NO_FLAGS;
  private readonly sparse = new Map<number, Value>();
  private readonly strings = new StringArena();
  private dense = 0;
  private compactedTo = 0;
  /** Dense indices whose container was on the stack at the last compaction. */
  private onStack: number[] = [];
  private readonly placeholders = {
    [Kind.List]: toEmpty(Kind.List), [Kind.Tuple]: toEmpty(Kind.Tuple), [Kind.Dict]: toEmpty(Kind.Dict), [Kind.Set]: toEmpty(Kind.Set),
  };

  /** The index MEMOIZE uses next (the memo's length, as in pickle.py). */
  get length(): number {
    return this.dense + this.sparse.size;
  }

  /**
   * @returns the value at `i`, or undefined when nothing was stored there. A compacted entry comes
   * back as an empty container of its own, stored in its place: the stream may fill what it GETs,
   * and filling the shared placeholder would show those items under every compacted entry.
   */
  get(i: number): Value | undefined {
    if (i >= this.dense) return this.sparse.get(i);
    const chunk = this.chunks[i >>> CHUNK_BITS] as Value[];
    const v = chunk[i & (CHUNK - 1)];
    if (this.packed[i] === 1) return this.strings.unpack(v as number);
    if (v !== undefined && isContainer(v) && this.placeholders[v.k] === v) {
      const own = toEmpty(v.k);
      chunk[i & (CHUNK - 1)] = own;
      return own;
    }
    return v;
  }

  /** Stores `v` at `i`; `live` is the stack: what it holds is still being filled, for compaction. */
  put(i: number, v: Value, live: readonly Value[]): void {
    if (i < this.dense) this.setDense(i, v);
    else if (i === this.dense) {
      this.setDense(this.dense++, v);
      this.absorbSparse();
    } else this.sparse.set(i, v);
    if (this.dense - this.compactedTo > COMPACT_STRIDE) this.compact(new Set(live));
  }

  private setDense(i: number, v: Value): void {
    const c = i >>> CHUNK_BITS;
    // Every chunk starts empty and grows by appends (dense writes are appends or overwrites,
    // i <= dense), so all chunks share one packed elements kind and the store stays monomorphic.
    if (c === this.chunks.length) this.chunks.push([]);
    if (i >= this.packed.length) {
      const grown = new Uint8Array(Math.max(FIRST_FLAGS, this.packed.length * 4));
      grown.set(this.packed);
      this.packed = grown;
    }
    const handle = typeof v === 'string' ? this.strings.pack(v) : -1;
    (this.chunks[c] as Value[])[i & (CHUNK - 1)] = handle >= 0 ? handle : v;
    this.packed[i] = handle >= 0 ? 1 : 0;
  }

  private absorbSparse(): void {
    if (!this.sparse.size) return;
    for (let next = this.sparse.get(this.dense); next !== undefined; next = this.sparse.get(this.dense)) {
      this.sparse.delete(this.dense);
      this.setDense(this.dense++, next);
    }
  }

  private compact(live: ReadonlySet<Value>): void {
    // Entries still on the stack last time (a batch of records waiting for APPENDS) are looked at
    // again: skipped once and forgotten, a third of a million-record stream stayed on the heap.
    const again = this.onStack;
    this.onStack = [];
    for (const j of again) this.compactEntry(j, live);
    for (let j = this.compactedTo; j < this.dense; j++) this.compactEntry(j, live);
    this.compactedTo = this.dense;
  }

  private compactEntry(j: number, live: ReadonlySet<Value>): void {
    const chunk = this.chunks[j >>> CHUNK_BITS] as Value[];
    const v = chunk[j & (CHUNK - 1)];
    if (v === undefined || this.packed[j] === 1 || !isContainer(v) || isInteresting(v)) return;
    if (!live.has(v)) chunk[j & (CHUNK - 1)] = this.placeholders[v.k];
    // One live object memoised at a million indices must not be walked at every compaction.
    else if (this.onStack.length < MAX_RECHECKED) this.onStack.push(j);
  }
}
