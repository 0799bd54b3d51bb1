// SPDX-License-Identifier: Apache-2.0

/** Strings longer than this are memoised as they are. */
const MAX_PACKED_LENGTH = 63;
/** Packed handles are offset * 64 + length and must stay small integers (V8 Smis). */
const MAX_ARENA_BYTES = 1 << 24;
const CACHE_SLOTS = 256;
const FIRST_BYTES = 1 << 10;

/**
 * Memoised short strings, packed as latin-1 bytes in one growing buffer. A pickle of a million
 * records memoises a million unique strings; kept as JS strings they would be a million heap
 * objects the collector must copy and trace. Packed, they cost their bytes, and a GET decodes
 * them again (recent ones come from a small cache, which is how repeated dict keys are read).
 */
export class StringArena {
  // Allocated on first use: sniffing builds a machine for every file it tries, and most store nothing.
  private bytes = Buffer.alloc(0);
  private used = 0;
  private cacheKeys: Int32Array | undefined;
  private cacheValues: string[] = [];

  /** @returns a handle (a non-negative small integer), or -1 when `s` is not packable. */
  pack(s: string): number {
    const n = s.length;
    if (n > MAX_PACKED_LENGTH || this.used + n > MAX_ARENA_BYTES) return -1;
    if (this.used + n > this.bytes.length) this.grow(this.used + n);
    const at = this.used;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c > 0xff) return -1;
      this.bytes[at + i] = c;
    }
    this.used += n;
    return at * 64 + n;
  }

  /** @returns the string behind a handle from `pack`. */
  unpack(handle: number): string {
    const slot = handle & (CACHE_SLOTS - 1);
    const keys = (this.cacheKeys ??= new Int32Array(CACHE_SLOTS).fill(-1));
    if (keys[slot] === handle) return this.cacheValues[slot] as string;
    const at = Math.floor(handle / 64);
    const n = handle % 64;
    const s = this.bytes.toString('latin1', at, at + n);
    keys[slot] = handle;
    this.cacheValues[slot] = s;
    return s;
  }

  private grow(needed: number): void {
    const next = Buffer.alloc(Math.min(MAX_ARENA_BYTES, Math.max(needed, this.bytes.length * 2, FIRST_BYTES)));
    next.set(this.bytes.subarray(0, this.used));
    this.bytes = next;
  }
}
