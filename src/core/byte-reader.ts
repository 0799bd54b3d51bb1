// SPDX-License-Identifier: Apache-2.0
import type { ByteSource } from './byte-source.js';
import { CitadelError } from './errors.js';

const WINDOW = 1 << 20;
/** Texts up to this length are built from explicit char codes: about 3x faster than a Buffer slice. */
const SHORT_TEXT = 16;
const char = String.fromCharCode;

/**
 * @returns the latin-1 text of `n` (1 to SHORT_TEXT) bytes at `a`. Pickles of millions of records
 * are mostly short keys and names, and a native slice costs more than the string it makes.
 */
function toShortText(w: Uint8Array, a: number, n: number): string {
  const b = (i: number): number => w[a + i] as number;
  switch (n) {
    case 1: return char(b(0));
    case 2: return char(b(0), b(1));
    case 3: return char(b(0), b(1), b(2));
    case 4: return char(b(0), b(1), b(2), b(3));
    case 5: return char(b(0), b(1), b(2), b(3), b(4));
    case 6: return char(b(0), b(1), b(2), b(3), b(4), b(5));
    case 7: return char(b(0), b(1), b(2), b(3), b(4), b(5), b(6));
    case 8: return char(b(0), b(1), b(2), b(3), b(4), b(5), b(6), b(7));
    case 9: return char(b(0), b(1), b(2), b(3), b(4), b(5), b(6), b(7), b(8));
    case 10: return char(b(0), b(1), b(2), b(3), b(4), b(5), b(6), b(7), b(8), b(9));
    case 11: return char(b(0), b(1), b(2), b(3), b(4), b(5), b(6), b(7), b(8), b(9), b(10));
    case 12: return char(b(0), b(1), b(2), b(3), b(4), b(5), b(6), b(7), b(8), b(9), b(10), b(11));
    default: return toMidText(w, a, n);
  }
}

/**
 * toShortText for 13 to 16 bytes, in a function of its own: in one function, the element reads of
 * all sixteen cases pass V8's inlining budget and each becomes a call.
 */
function toMidText(w: Uint8Array, a: number, n: number): string {
  const b = (i: number): number => w[a + i] as number;
  switch (n) {
    case 13: return char(b(0), b(1), b(2), b(3), b(4), b(5), b(6), b(7), b(8), b(9), b(10), b(11), b(12));
    case 14: return char(b(0), b(1), b(2), b(3), b(4), b(5), b(6), b(7), b(8), b(9), b(10), b(11), b(12), b(13));
    case 15: return char(b(0), b(1), b(2), b(3), b(4), b(5), b(6), b(7), b(8), b(9), b(10), b(11), b(12), b(13), b(14));
    default: return char(b(0), b(1), b(2), b(3), b(4), b(5), b(6), b(7), b(8), b(9), b(10), b(11), b(12), b(13), b(14), b(15));
  }
}

/** One shared empty window: readers are made per file and per entry, most for a few reads. */
const EMPTY = Buffer.alloc(0);
const decoder = new TextDecoder('utf-8', { fatal: false });
const latin1 = new TextDecoder('latin1');
/** Little-endian hosts (every Node target) read big-endian doubles through a reversed scratch. */
const SCRATCH_F64 = new Float64Array(1);
const SCRATCH_BYTES = new Uint8Array(SCRATCH_F64.buffer);

/**
 * A forward-only cursor over a ByteSource that holds one window of bytes at a time, so that a
 * stream of any length is parsed in bounded memory. Every read is bounds-checked and a short read
 * raises CORE_TRUNCATED with the offset where the data ran out.
 */
export class ByteReader {
  private window: Uint8Array = EMPTY;
  /** The same bytes as a Buffer: its latin1 slice is twice as fast as building short strings by hand. */
  private text: Buffer = EMPTY;
  private windowStart = 0;
  private pos = 0;

  /** The source's size, read once: sources do not change size, and hot loops test it per byte. */
  private readonly end: number;

  constructor(readonly source: ByteSource, start = 0) {
    this.pos = start;
    this.end = source.size;
  }

  get offset(): number {
    return this.pos;
  }

  get size(): number {
    return this.end;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  isAtEnd(): boolean {
    return this.pos >= this.end;
  }

  /** Makes [pos, pos+n) available in the window; @returns the index of pos in it. */
  private ensure(n: number): number {
    const rel = this.pos - this.windowStart;
    if (rel >= 0 && rel + n <= this.window.length) return rel;
    if (this.pos + n > this.end) {
      throw new CitadelError('CORE_TRUNCATED', `needed ${n} bytes at offset ${this.pos}, only ${this.remaining} remain`);
    }
    const w = this.source.read(this.pos, Math.max(n, WINDOW));
    this.window = w;
    this.text = Buffer.from(w.buffer, w.byteOffset, w.length);
    this.windowStart = this.pos;
    if (this.window.length < n) {
      throw new CitadelError('CORE_TRUNCATED', `needed ${n} bytes at offset ${this.pos}, the source returned ${this.window.length}`);
    }
    return 0;
  }

  u8(): number {
    const rel = this.pos - this.windowStart;
    if (rel >= 0 && rel < this.window.length) {
      this.pos++;
      return this.window[rel] as number;
    }
    const at = this.ensure(1);
    this.pos++;
    return this.window[at] as number;
  }

  u16le(): number {
    const at = this.ensure(2);
    this.pos += 2;
    const w = this.window;
    return (w[at] as number) | ((w[at + 1] as number) << 8);
  }

  u32le(): number {
    const at = this.ensure(4);
    this.pos += 4;
    const w = this.window;
    return ((w[at] as number) | ((w[at + 1] as number) << 8) | ((w[at + 2] as number) << 16)) + (w[at + 3] as number) * 0x1000000;
  }

  i32le(): number {
    return this.u32le() | 0;
  }

  /** @returns an unsigned 64-bit value; exact up to 2^53, which bounds every length we accept. */
  u64le(): number {
    const lo = this.u32le();
    const hi = this.u32le();
    return hi * 0x100000000 + lo;
  }

  f64be(): number {
    const at = this.ensure(8);
    this.pos += 8;
    const w = this.window;
    for (let i = 0; i < 8; i++) SCRATCH_BYTES[7 - i] = w[at + i] as number;
    return SCRATCH_F64[0] as number;
  }

  /** @returns `n` bytes; a view into the window when possible, else a copy. */
  bytes(n: number): Uint8Array {
    if (n <= WINDOW) {
      const at = this.ensure(n);
      this.pos += n;
      return this.window.subarray(at, at + n);
    }
    if (this.pos + n > this.end) {
      throw new CitadelError('CORE_TRUNCATED', `needed ${n} bytes at offset ${this.pos}, only ${this.remaining} remain`);
    }
    const out = this.source.read(this.pos, n);
    this.pos += n;
    return out;
  }

  /** Moves past `n` bytes without reading them. */
  skip(n: number): void {
    if (this.pos + n > this.end) {
      throw new CitadelError('CORE_TRUNCATED', `needed ${n} bytes at offset ${this.pos}, only ${this.remaining} remain`);
    }
    this.pos += n;
  }

  utf8(n: number): string {
    if (n <= 64) {
      const at = this.ensure(n);
      const w = this.window;
      let ascii = true;
      for (let i = 0; i < n; i++) if ((w[at + i] as number) >= 0x80) ascii = false;
      if (ascii) {
        this.pos += n;
        if (n === 0) return '';
        return n <= SHORT_TEXT ? toShortText(w, at, n) : this.text.toString('latin1', at, at + n);
      }
    }
    return decoder.decode(this.bytes(n));
  }

  latin1(n: number): string {
    return latin1.decode(this.bytes(n));
  }

  /** @returns the bytes up to (not including) the next newline, which is consumed; at most `max`. */
  line(max: number): Uint8Array {
    const start = this.pos;
    const parts: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      if (this.isAtEnd()) throw new CitadelError('CORE_TRUNCATED', `unterminated line starting at offset ${start}`);
      const at = this.ensure(1);
      const view = this.window.subarray(at, Math.min(this.window.length, at + max - total + 1));
      const nl = view.indexOf(0x0a);
      const take = nl < 0 ? view.length : nl;
      parts.push(view.subarray(0, take));
      total += take;
      this.pos += take;
      if (nl >= 0) {
        this.pos++;
        return parts.length === 1 ? (parts[0] as Uint8Array) : Buffer.concat(parts);
      }
      if (total > max) throw new CitadelError('CORE_LIMIT', `line at offset ${start} is longer than ${max} bytes`);
    }
  }

  /** @returns the next byte without consuming it, or -1 at the end. */
  peek(): number {
    if (this.isAtEnd()) return -1;
    const at = this.ensure(1);
    return this.window[at] as number;
  }
}
