// SPDX-License-Identifier: Apache-2.0
import { ByteReader, type ByteSource } from '../../core/index.js';
import { ScanError } from '../errors.js';

/** GGUF metadata value types (ggml/docs/gguf.md, `gguf_metadata_value_type`). */
const ValueType = { U32: 4, Bool: 7, String: 8, Array: 9 } as const;
const FIXED_SIZE: Readonly<Record<number, number>> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };

/** GGML_MAX_DIMS in ggml.h. */
const MAX_DIMS = 4;
/** Arrays of arrays are legal but never used by real files beyond one level. */
const MAX_ARRAY_DEPTH = 4;
/** Longest string value kept in memory (chat templates); longer ones are skipped, not read. */
const MAX_KEPT_STRING = 1024 * 1024;
/** ggml types that exist today number under 64; ids past this are not a type. */
const MAX_GGML_TYPE = 64;

export interface GgufTensorInfo {
  readonly name: string;
  readonly dims: readonly bigint[];
  readonly type: number;
  readonly offset: bigint;
}

export interface GgufHeader {
  readonly version: number;
  /** String values of the keys asked for (chat templates, architecture). */
  readonly strings: ReadonlyMap<string, string>;
  readonly alignment: number;
  readonly tensors: readonly GgufTensorInfo[];
  /** Where tensor data starts: after the tensor infos, aligned. */
  readonly dataStart: number;
}

export interface GgufReadOptions {
  /** Keys whose string values are kept. */
  readonly keep: (key: string) => boolean;
  readonly checkDeadline: () => void;
}

function malformed(message: string): ScanError {
  return new ScanError('SCAN_MALFORMED', message);
}

class GgufReader {
  constructor(private readonly r: ByteReader, private readonly version: number) {}

  get offset(): number {
    return this.r.offset;
  }

  /** v1 wrote counts and lengths as u32, v2+ as u64 (gguf.md, "Version 2"). */
  count(what: string, minBytesEach: number): number {
    const at = this.r.offset;
    const n = this.version === 1 ? this.r.u32le() : this.r.u64le();
    if (n * minBytesEach > this.r.remaining) throw malformed(`${what} of ${n} at offset ${at} needs more than the ${this.r.remaining} bytes left`);
    return n;
  }

  string(keep: boolean): string | undefined {
    const n = this.count('string length', 1);
    if (!keep || n > MAX_KEPT_STRING) {
      this.r.skip(n);
      return undefined;
    }
    return new TextDecoder('utf-8', { fatal: false }).decode(this.r.bytes(n));
  }

  u32(): number {
    return this.r.u32le();
  }

  u64big(): bigint {
    const lo = BigInt(this.r.u32le());
    const hi = BigInt(this.r.u32le());
    return (hi << 32n) | lo;
  }

  /** Reads (or skips) one value; @returns it when it is a kept string or a u32 alignment. */
  value(type: number, keep: boolean, depth: number): string | number | undefined {
    const at = this.r.offset;
    if (type === ValueType.String) return this.string(keep);
    if (type === ValueType.Array) {
      this.array(depth);
      return undefined;
    }
    const size = FIXED_SIZE[type];
    if (size === undefined) throw malformed(`unknown value type ${type} at offset ${at}`);
    if (type === ValueType.Bool) {
      const b = this.r.u8();
      if (b > 1) throw malformed(`bool value ${b} at offset ${at} is neither 0 nor 1`);
      return undefined;
    }
    if (type === ValueType.U32) return this.r.u32le();
    this.r.skip(size);
    return undefined;
  }

  private array(depth: number): void {
    if (depth >= MAX_ARRAY_DEPTH) throw malformed(`arrays nested deeper than ${MAX_ARRAY_DEPTH} at offset ${this.r.offset}`);
    const type = this.r.u32le();
    const fixed = FIXED_SIZE[type];
    const n = this.count('array length', fixed ?? (type === ValueType.String ? 8 : 12));
    if (fixed !== undefined && type !== ValueType.Bool) {
      this.r.skip(n * fixed);
      return;
    }
    for (let i = 0; i < n; i++) this.value(type, false, depth + 1);
  }
}

function readTensorInfo(g: GgufReader): GgufTensorInfo {
  const at = g.offset;
  const name = g.string(true) ?? '';
  const n = g.u32();
  if (n > MAX_DIMS) throw malformed(`tensor ${JSON.stringify(name)} at offset ${at} has ${n} dimensions, more than ggml's ${MAX_DIMS}`);
  const dims: bigint[] = [];
  let elements = 1n;
  for (let i = 0; i < n; i++) {
    const d = g.u64big();
    elements *= d;
    // ggml refuses dims whose product passes INT64_MAX: past it, size arithmetic wraps (the overflow CVEs).
    if (d > 0x7fffffffffffffffn || elements > 0x7fffffffffffffffn) throw malformed(`tensor ${JSON.stringify(name)} dimensions overflow a 64-bit element count`);
    dims.push(d);
  }
  const type = g.u32();
  if (type >= MAX_GGML_TYPE) throw malformed(`tensor ${JSON.stringify(name)} has ggml type ${type}, which does not exist`);
  return { name, dims, type, offset: g.u64big() };
}

/**
 * Reads a GGUF header (ggml/docs/gguf.md): magic, version 1-3, tensor and key-value counts, every
 * key-value pair of every type (arrays included), then the tensor infos. Counts and lengths are
 * checked against the bytes left before anything is read, so a huge count costs nothing.
 * @throws ScanError SCAN_MALFORMED for counts, lengths, types or dimensions that break the
 *   format; CitadelError CORE_TRUNCATED when the data ends early.
 * @returns the header with the kept string values.
 */
export function readGgufHeader(source: ByteSource, options: GgufReadOptions): GgufHeader {
  const r = new ByteReader(source, 4);
  const version = r.u32le();
  if (version < 1 || version > 3) throw malformed(`gguf version ${version} is not 1, 2 or 3`);
  const g = new GgufReader(r, version);
  const tensorCount = g.count('tensor count', 24);
  const kvCount = g.count('key-value count', 13);
  const strings = new Map<string, string>();
  let alignment = 32;
  for (let i = 0; i < kvCount; i++) {
    if ((i & 1023) === 0) options.checkDeadline();
    const key = g.string(true) ?? '';
    if (key.length === 0) throw malformed(`key ${i} at offset ${g.offset} is empty`);
    const value = g.value(g.u32(), options.keep(key), 0);
    if (typeof value === 'string') strings.set(key, value);
    if (key === 'general.alignment' && typeof value === 'number') alignment = value;
  }
  if (alignment === 0 || (alignment & (alignment - 1)) !== 0) throw malformed(`general.alignment ${alignment} is not a power of two`);
  const tensors: GgufTensorInfo[] = [];
  for (let i = 0; i < tensorCount; i++) {
    if ((i & 1023) === 0) options.checkDeadline();
    tensors.push(readTensorInfo(g));
  }
  const dataStart = Math.ceil(r.offset / alignment) * alignment;
  return { version, strings, alignment, tensors, dataStart };
}
