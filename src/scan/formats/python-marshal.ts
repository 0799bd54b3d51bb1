// SPDX-License-Identifier: Apache-2.0
import { ScanError } from '../errors.js';

/** What a marshalled code object says it will touch: the names it loads and its constants. */
export interface CodeSummary {
  readonly names: readonly string[];
  readonly constants: readonly string[];
}

/** Objects read from one marshal stream; a real lambda has tens. */
const MAX_OBJECTS = 100_000;
/** Nesting of tuples and code objects; CPython's own marshal stops at 2000, lambdas use 3 or 4. */
const MAX_DEPTH = 64;
/** Strings kept for the report: enough to name what the code does. */
const MAX_KEPT = 64;
const FLAG_REF = 0x80;

/**
 * A bounded reader of CPython's marshal format (Python/marshal.c, `r_object`), enough to list a
 * code object's names and string constants without running it. Every value is self-describing
 * except the code object's leading integers, whose count changed between versions: 3.8-3.10
 * write six, 3.11+ five (no nlocals); the bytecode string that follows tells which.
 */
class MarshalReader {
  private pos = 0;
  private objects = 0;
  private readonly refs: unknown[] = [];
  readonly names = new Set<string>();
  readonly constants = new Set<string>();

  constructor(private readonly bytes: Uint8Array) {}

  private need(n: number): void {
    if (this.pos + n > this.bytes.length) throw new ScanError('SCAN_TRUNCATED', `marshal data ended at offset ${this.pos}, ${n} more bytes expected`);
  }

  private u8(): number {
    this.need(1);
    return this.bytes[this.pos++] as number;
  }

  private i32(): number {
    this.need(4);
    const b = this.bytes;
    const v = (b[this.pos] as number) | ((b[this.pos + 1] as number) << 8) | ((b[this.pos + 2] as number) << 16) | ((b[this.pos + 3] as number) << 24);
    this.pos += 4;
    return v;
  }

  private length(): number {
    const n = this.i32();
    if (n < 0 || n > this.bytes.length - this.pos) throw new ScanError('SCAN_MALFORMED', `marshal length ${n} at offset ${this.pos - 4} runs past the data`);
    return n;
  }

  private text(n: number, latin1: boolean): string {
    this.need(n);
    const view = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return new TextDecoder(latin1 ? 'latin1' : 'utf-8').decode(view);
  }

  /** @returns the next object; strings are returned as strings, everything else as a marker. */
  readObject(depth: number): unknown {
    if (depth > MAX_DEPTH) throw new ScanError('SCAN_LIMIT', `marshal nesting deeper than ${MAX_DEPTH}`);
    if (++this.objects > MAX_OBJECTS) throw new ScanError('SCAN_LIMIT', `marshal data holds more than ${MAX_OBJECTS} objects`);
    const code = this.u8();
    const flagged = (code & FLAG_REF) !== 0;
    const slot = flagged ? this.refs.push(undefined) - 1 : -1;
    const value = this.readBody(String.fromCharCode(code & ~FLAG_REF), depth);
    if (flagged) this.refs[slot] = value;
    return value;
  }

  private readBody(type: string, depth: number): unknown {
    switch (type) {
      case '0': case 'N': case 'F': case 'T': case 'S': case '.': return null;
      case 'i': return this.i32();
      case 'l': { const n = Math.abs(this.i32()); this.need(n * 2); this.pos += n * 2; return null; }
      case 'g': this.need(8); this.pos += 8; return null;
      case 'y': this.need(16); this.pos += 16; return null;
      case 'f': case 'x': { const n = this.u8(); this.need(n); this.pos += n; return null; }
      case 's': { const n = this.length(); this.need(n); this.pos += n; return null; }
      case 't': case 'u': return this.text(this.length(), false);
      case 'a': case 'A': return this.text(this.length(), true);
      case 'z': case 'Z': return this.text(this.u8(), true);
      case ')': return this.readItems(this.u8(), depth);
      case '(': case '[': case '<': case '>': return this.readItems(this.length(), depth);
      case '{': return this.readDict(depth);
      case 'r': return this.refs[this.i32()] ?? null;
      case 'c': return this.readCode(depth);
      default: throw new ScanError('SCAN_MALFORMED', `unknown marshal type ${JSON.stringify(type)} at offset ${this.pos - 1}`);
    }
  }

  private readItems(n: number, depth: number): unknown[] {
    const items: unknown[] = [];
    for (let i = 0; i < n; i++) items.push(this.readObject(depth + 1));
    return items;
  }

  private readDict(depth: number): null {
    while (this.pos < this.bytes.length && this.bytes[this.pos] !== 0x30) {
      this.readObject(depth + 1);
      this.readObject(depth + 1);
    }
    this.u8();
    return null;
  }

  /** Reads a code object's header, then keeps its constants (field 2) and names (field 3). */
  private readCode(depth: number): null {
    const start = this.pos;
    const isBytecodeAt = (at: number): boolean => ((this.bytes[at] ?? 0) & ~FLAG_REF) === 0x73;
    const ints = isBytecodeAt(start + 24) ? 6 : isBytecodeAt(start + 20) ? 5 : isBytecodeAt(start + 16) ? 4 : -1;
    if (ints < 0) throw new ScanError('SCAN_MALFORMED', `marshal code object at offset ${start - 1} has no bytecode where one is expected`);
    this.pos += ints * 4;
    this.readObject(depth + 1);
    const consts = this.readObject(depth + 1);
    const names = this.readObject(depth + 1);
    this.keep(consts, this.constants);
    this.keep(names, this.names);
    this.readTail(ints, depth);
    return null;
  }

  /**
   * The fields after `names`: 3.8-3.10 (and 2.x, 3.0-3.7) write five objects, the first line
   * number as a bare int, then the line table; 3.11+ write five objects, the int, then two.
   * Five leading ints fit both 3.7 and 3.11+, so the 3.11 layout is tried first, then the other.
   */
  private readTail(ints: number, depth: number): void {
    const layouts = ints === 5 ? [2, 1] : [1];
    for (const [i, after] of layouts.entries()) {
      const pos = this.pos;
      const refs = this.refs.length;
      try {
        for (let k = 0; k < 5; k++) this.readObject(depth + 1);
        this.i32();
        for (let k = 0; k < after; k++) this.readObject(depth + 1);
        return;
      } catch (error) {
        if (i === layouts.length - 1) throw error;
        this.pos = pos;
        this.refs.length = refs;
      }
    }
  }

  private keep(value: unknown, into: Set<string>): void {
    if (!Array.isArray(value)) return;
    for (const item of value) if (typeof item === 'string' && into.size < MAX_KEPT) into.add(item);
  }
}

/**
 * Lists the names and string constants of a marshalled code object (and of the code objects it
 * nests), as Keras stores Lambda layers (`func_dump`: base64 of marshal.dumps(code)).
 * @throws ScanError SCAN_MALFORMED, SCAN_TRUNCATED or SCAN_LIMIT when the data is not a
 *   readable marshal stream within the bounds.
 * @returns the names and constants found, each at most 64.
 */
export function toCodeSummary(bytes: Uint8Array): CodeSummary {
  const reader = new MarshalReader(bytes);
  try {
    reader.readObject(0);
  } catch (error) {
    // A tail this reader cannot follow still leaves the names and constants it already read.
    if (reader.names.size === 0 && reader.constants.size === 0) throw error;
  }
  return { names: [...reader.names], constants: [...reader.constants] };
}
