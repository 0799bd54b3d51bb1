// SPDX-License-Identifier: Apache-2.0
import { ByteReader, isCitadelError, toSliceSource, type Deadline, type Limits } from '../../core/index.js';
import { ScanError } from '../errors.js';
import { applyBuild, applyCall, recordUse, type CallSite, type MachineHooks } from './calls.js';
import { Use, type PickleDescription } from './description.js';
import { mergeDescription } from './merge.js';
import { toLoadedName } from './names.js';
import { Op, toOpName } from './opcodes.js';
import { Memo } from './memo.js';
import {
  toFloatOperand, toIntOperand, toLongOperand, toMemoIndex, toNameOperand, toStringOperand, toUnicodeOperand,
} from './text-operands.js';
import { Kind, isInteresting, type ContainerValue, type GlobalValue, type Value } from './values.js';

/** Items kept per container; the rest are counted. Names never live only inside a container. */
const KEEP_ITEMS = 32;
/** Names and calls kept per container past KEEP_ITEMS, so a list of a million names stays small. */
const KEEP_INTERESTING = 4 * KEEP_ITEMS;
/** Strings and bytes longer than this are skipped, not decoded. */
const KEEP_BYTES = 4 * 1024 * 1024;
/** Longest text operand (protocol 0 lines). */
const MAX_LINE = 64 * 1024;
/** Opcodes between deadline checks. */
const DEADLINE_STRIDE = 1 << 16;
/**
 * The opcodes stepOperand handles, by byte value, so that the rest (half of a typical stream: memo,
 * containers) skip its switch.
 */
const OPERAND_OPS = toOpTable([
  Op.MARK, Op.POP, Op.POP_MARK, Op.DUP, Op.FLOAT, Op.INT, Op.LONG, Op.BININT, Op.BININT1, Op.BININT2, Op.LONG1, Op.LONG4,
  Op.BINFLOAT, Op.NONE, Op.NEWTRUE, Op.NEWFALSE, Op.STRING, Op.UNICODE, Op.BINSTRING, Op.SHORT_BINSTRING, Op.BINUNICODE,
  Op.SHORT_BINUNICODE, Op.BINUNICODE8, Op.BINBYTES, Op.SHORT_BINBYTES, Op.BINBYTES8, Op.BYTEARRAY8, Op.NEXT_BUFFER, Op.READONLY_BUFFER,
]);

function toOpTable(ops: readonly Op[]): Uint8Array {
  const table = new Uint8Array(256);
  for (const op of ops) table[op] = 1;
  return table;
}

export interface MachineOptions {
  readonly limits: Limits;
  readonly deadline: Deadline;
  /** Follow joblib's NumpyArrayWrapper: array bytes sit in the stream after its BUILD. */
  readonly joblib: boolean;
  /** Called every DEADLINE_STRIDE opcodes: long scans show progress. */
  readonly tick?: () => void;
}

/**
 * A symbolic pickle machine. It follows CPython's Unpickler opcode by opcode (Lib/pickle.py
 * `_Unpickler.load_*`), but where the loader would import or call, it records the name and how it
 * is used, and pushes a symbolic result. It never imports or runs anything. It stops where the
 * real loader would raise, recording why, because everything before that point has already run.
 */
export class PickleMachine implements MachineHooks {
  private readonly stack: Value[] = [];
  private readonly marks: number[] = [];
  private readonly memo = new Memo();
  private protocol = 0;
  readonly budget: RetainBudget = toRetainBudget();

  readonly description: PickleDescription;

  constructor(private readonly reader: ByteReader, private readonly options: MachineOptions) {
    this.description = { start: reader.offset, end: reader.offset, protocol: 0, opcodes: 0, names: new Map(), anomalies: [], nested: [], called: false };
  }

  /** Runs to STOP, the end of data, or the first error. @returns the description. */
  run(): PickleDescription {
    try {
      this.loop();
    } catch (error) {
      this.fail(error);
    }
    this.description.end = this.reader.offset;
    this.description.protocol = this.protocol;
    this.description.opcodes = this.opcodes;
    return this.description;
  }

  private fail(error: unknown): void {
    if (!isCitadelError(error)) throw error;
    const code = error.code;
    const limit = code === 'SCAN_LIMIT' || code === 'SCAN_TIMEOUT' || code === 'CORE_LIMIT';
    this.description.error = { offset: this.opOffset, message: error.message, limit, code };
  }

  private opOffset = 0;
  /** Opcodes run so far; copied to the description at the end, not written per opcode. */
  private opcodes = 0;

  private loop(): void {
    const r = this.reader;
    const maxOps = this.options.limits.maxOpcodes;
    const maxStack = this.options.limits.maxStackDepth;
    for (let n = 1; ; n++) {
      if ((n & (DEADLINE_STRIDE - 1)) === 0) {
        if (this.options.deadline.isExpired()) throw new ScanError('SCAN_TIMEOUT', `pickle scan exceeded ${this.options.deadline.budgetMs} ms`);
        if (n > maxOps) throw new ScanError('SCAN_LIMIT', `pickle has more than ${maxOps} opcodes`);
        this.options.tick?.();
      }
      this.opOffset = r.offset;
      if (r.isAtEnd()) throw new ScanError('SCAN_TRUNCATED', `pickle data ended at offset ${r.offset} without a STOP opcode`);
      // Any byte: one that is no opcode reaches the default arm, which reports it.
      // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment
      const op = r.u8() as Op;
      this.opcodes = n;
      if (op === Op.STOP) {
        this.description.result = this.pop();
        return;
      }
      this.step(op);
      if (this.stack.length > maxStack || this.marks.length > maxStack) {
        throw new ScanError('SCAN_LIMIT', `pickle stack deeper than ${maxStack}`);
      }
    }
  }

  // The switches mirror pickle.py's dispatch table; each arm is one load_* method. Opcodes that
  // push one operand read from the stream come first; then containers, memo, calls and framing.
  // OPERAND_OPS only picks the switch to try first: each falls back to the other.
  private step(op: Op): void {
    if (OPERAND_OPS[op] === 1 && this.stepOperand(op)) return;
    this.stepStructure(op);
  }

  /** @returns false when `op` is not an operand opcode. */
  private stepOperand(op: Op): boolean {
    const r = this.reader;
    const s = this.stack;
    switch (op) {
      case Op.MARK: this.marks.push(s.length); return true;
      case Op.POP: if (this.marks.length && this.marks[this.marks.length - 1] === s.length) this.marks.pop(); else this.pop(); return true;
      case Op.POP_MARK: this.popMark(); return true;
      case Op.DUP: s.push(this.top()); return true;
      case Op.FLOAT: s.push(toFloatOperand(r.line(MAX_LINE))); return true;
      case Op.INT: s.push(toIntOperand(r.line(MAX_LINE), false)); return true;
      case Op.LONG: s.push(toIntOperand(r.line(MAX_LINE), true)); return true;
      case Op.BININT: s.push(r.i32le()); return true;
      case Op.BININT1: s.push(r.u8()); return true;
      case Op.BININT2: s.push(r.u16le()); return true;
      case Op.LONG1: s.push(this.readLong(r.u8())); return true;
      case Op.LONG4: s.push(this.readLong(this.checkLength(r.i32le(), 'LONG4'))); return true;
      case Op.BINFLOAT: s.push(r.f64be()); return true;
      case Op.NONE: s.push(null); return true;
      case Op.NEWTRUE: s.push(true); return true;
      case Op.NEWFALSE: s.push(false); return true;
      case Op.STRING: s.push(toStringOperand(r.line(MAX_LINE))); return true;
      case Op.UNICODE: s.push(toUnicodeOperand(r.line(MAX_LINE))); return true;
      case Op.BINSTRING: s.push(this.readText(this.checkLength(r.i32le(), 'BINSTRING'), true)); return true;
      case Op.SHORT_BINSTRING: s.push(this.readText(r.u8(), true)); return true;
      case Op.BINUNICODE: s.push(this.readText(r.u32le(), false)); return true;
      case Op.SHORT_BINUNICODE: s.push(this.readText(r.u8(), false)); return true;
      case Op.BINUNICODE8: s.push(this.readText(r.u64le(), false)); return true;
      case Op.BINBYTES: s.push(this.readBytes(r.u32le())); return true;
      case Op.SHORT_BINBYTES: s.push(this.readBytes(r.u8())); return true;
      case Op.BINBYTES8: s.push(this.readBytes(r.u64le())); return true;
      case Op.BYTEARRAY8: s.push(this.readBytes(r.u64le())); return true;
      case Op.NEXT_BUFFER: s.push({ k: Kind.Opaque, what: 'out-of-band buffer' }); return true;
      case Op.READONLY_BUFFER: this.top(); return true;
      default: return false;
    }
  }

  private stepStructure(op: Op): void {
    const r = this.reader;
    const s = this.stack;
    switch (op) {
      case Op.EMPTY_TUPLE: s.push(toEmpty(Kind.Tuple)); return;
      case Op.TUPLE1: s.push(toContainer(Kind.Tuple, [this.pop()], this.budget)); return;
      case Op.TUPLE2: { const b = this.pop(); const a = this.pop(); s.push(this.toPair(a, b)); return; }
      case Op.TUPLE3: { const c = this.pop(); const b = this.pop(); const a = this.pop(); s.push(toContainer(Kind.Tuple, [a, b, c], this.budget)); return; }
      case Op.TUPLE: s.push(toContainer(Kind.Tuple, this.popMark(), this.budget)); return;
      case Op.EMPTY_LIST: s.push(toEmpty(Kind.List)); return;
      case Op.LIST: s.push(toContainer(Kind.List, this.popMark(), this.budget)); return;
      case Op.EMPTY_DICT: s.push(toEmpty(Kind.Dict)); return;
      case Op.DICT: s.push(this.toDict(this.popMark())); return;
      case Op.EMPTY_SET: s.push(toEmpty(Kind.Set)); return;
      case Op.FROZENSET: s.push(toContainer(Kind.Set, this.popMark(), this.budget)); return;
      case Op.APPEND: { const v = this.pop(); addItems(this.expectContainer(this.top(), 'APPEND'), [v], this.budget); return; }
      case Op.APPENDS: this.extendFromMark('APPENDS'); return;
      case Op.ADDITEMS: this.extendFromMark('ADDITEMS'); return;
      case Op.SETITEM: { const v = this.pop(); const k = this.pop(); addItems(this.expectContainer(this.top(), 'SETITEM'), [k, v], this.budget); return; }
      case Op.SETITEMS: this.extendFromMark('SETITEMS'); return;
      case Op.GET: s.push(this.memoGet(toMemoIndex(r.line(MAX_LINE)))); return;
      case Op.BINGET: s.push(this.memoGet(r.u8())); return;
      case Op.LONG_BINGET: s.push(this.memoGet(r.u32le())); return;
      case Op.PUT: this.memoPut(toMemoIndex(r.line(MAX_LINE))); return;
      case Op.BINPUT: this.memoPut(r.u8()); return;
      case Op.LONG_BINPUT: this.memoPut(r.u32le()); return;
      case Op.MEMOIZE: this.memoPut(this.memo.length); return;
      case Op.GLOBAL: { const m = toNameOperand(r.line(MAX_LINE)); const n = toNameOperand(r.line(MAX_LINE)); s.push(this.importName(m, n)); return; }
      case Op.STACK_GLOBAL: s.push(this.stackGlobal()); return;
      case Op.INST: { const m = toNameOperand(r.line(MAX_LINE)); const n = toNameOperand(r.line(MAX_LINE)); const args = this.popMark(); const cls = this.importName(m, n); s.push(this.call({ callee: cls, args: toContainer(Kind.Tuple, args, this.budget), use: Use.Call })); return; }
      case Op.OBJ: { const args = this.popMark(); if (!args.length) this.malformed('OBJ with no class'); const cls = args.shift() as Value; s.push(this.call({ callee: cls, args: toContainer(Kind.Tuple, args, this.budget), use: Use.Call })); return; }
      case Op.REDUCE: { const args = this.pop(); const fn = this.pop(); s.push(this.call({ callee: fn, args, use: Use.Call })); return; }
      case Op.NEWOBJ: { const args = this.pop(); const cls = this.pop(); s.push(this.call({ callee: cls, args, use: Use.Construct })); return; }
      case Op.NEWOBJ_EX: { this.pop(); const args = this.pop(); const cls = this.pop(); s.push(this.call({ callee: cls, args, use: Use.Construct })); return; }
      case Op.BUILD: { const state = this.pop(); applyBuild(this.top(), state, this.site(Use.Rewrite)); return; }
      case Op.EXT1: s.push(this.importExt(r.u8())); return;
      case Op.EXT2: s.push(this.importExt(r.u16le())); return;
      case Op.EXT4: s.push(this.importExt(r.i32le())); return;
      case Op.PERSID: r.line(MAX_LINE); s.push({ k: Kind.Opaque, what: 'persistent object' }); return;
      case Op.BINPERSID: this.pop(); s.push({ k: Kind.Opaque, what: 'persistent object' }); return;
      case Op.PROTO: { const p = r.u8(); if (p > 5) this.malformed(`unsupported pickle protocol ${p}`); this.protocol = p; return; }
      case Op.FRAME: r.u64le(); return;
      default: if (!this.stepOperand(op)) this.malformed(`invalid opcode ${toOpName(op)}`);
    }
  }

  private site(use: number): CallSite {
    return { offset: this.opOffset, use, description: this.description, hooks: this };
  }

  private call(c: { callee: Value; args: Value; use: number }): Value {
    return applyCall(c.callee, c.args, this.site(c.use));
  }

  /** Reads joblib array bytes or a nested pickle that follows a BUILD in the same stream. */
  get streamReader(): ByteReader {
    return this.reader;
  }

  get isJoblib(): boolean {
    return this.options.joblib;
  }

  describeAhead(length: number): PickleDescription {
    const region = toSliceSource(this.reader.source, this.reader.offset, length);
    return new PickleMachine(new ByteReader(region), { ...this.options, joblib: false }).run();
  }

  /** Runs a complete pickle that follows in this stream with a plain (non-joblib) unpickler. */
  runInline(): PickleDescription {
    const inner = new PickleMachine(this.reader, { ...this.options, joblib: false }).run();
    if (inner.error) throw new ScanError('SCAN_MALFORMED', `object array pickle: ${inner.error.message}`);
    mergeDescription(this.description, inner);
    return inner;
  }

  private importName(module: string, name: string): GlobalValue {
    const [m, n] = toLoadedName(module, name, this.protocol);
    recordUse(this.description, { k: Kind.Global, module: m, name: n, offset: this.opOffset }, { use: Use.Reference, offset: this.opOffset });
    return { k: Kind.Global, module: m, name: n, offset: this.opOffset };
  }

  private stackGlobal(): GlobalValue {
    const name = this.pop();
    const module = this.pop();
    if (typeof module !== 'string' || typeof name !== 'string') this.malformed('STACK_GLOBAL requires str');
    return this.importName(module, name);
  }

  private importExt(code: number): GlobalValue {
    if (code <= 0) this.malformed(`EXT code ${code} is not positive`);
    const g: GlobalValue = { k: Kind.Global, module: '<copyreg extension>', name: String(code), offset: this.opOffset, ext: code };
    recordUse(this.description, g, { use: Use.Reference, offset: this.opOffset });
    this.description.anomalies.push({ kind: 'unresolved-ext', offset: this.opOffset, message: `EXT code ${code} imports whatever the loading process registered with copyreg.add_extension` });
    return g;
  }

  private readText(length: number, latin: boolean): Value {
    if (length > KEEP_BYTES) {
      this.reader.skip(length);
      return { k: Kind.Opaque, what: `${length}-character string` };
    }
    return latin ? this.reader.latin1(length) : this.reader.utf8(length);
  }

  private readBytes(length: number): Value {
    if (length > KEEP_BYTES) {
      this.reader.skip(length);
      return { k: Kind.Bytes, data: null, length };
    }
    return { k: Kind.Bytes, data: this.reader.bytes(length).slice(), length };
  }

  private readLong(length: number): Value {
    if (length > 256) {
      this.reader.skip(length);
      return { k: Kind.Opaque, what: `${length}-byte integer` };
    }
    return toLongOperand(this.reader.bytes(length));
  }

  private checkLength(n: number, op: string): number {
    if (n < 0) this.malformed(`${op} has a negative length ${n}`);
    return n;
  }

  private toDict(items: Value[]): ContainerValue {
    if (items.length % 2) this.malformed('DICT with an odd number of items');
    return toContainer(Kind.Dict, items, this.budget);
  }

  private memoGet(i: number): Value {
    const v = this.memo.get(i);
    if (v === undefined) this.malformed(`memo key ${i} is not defined`);
    return v;
  }

  private memoPut(i: number): void {
    this.memo.put(i, this.top(), this.stack);
  }

  pop(): Value {
    const s = this.stack;
    const floor = this.marks.length ? (this.marks[this.marks.length - 1] as number) : 0;
    if (s.length <= floor) this.malformed('stack underflow');
    return s.pop() as Value;
  }

  top(): Value {
    const s = this.stack;
    const floor = this.marks.length ? (this.marks[this.marks.length - 1] as number) : 0;
    if (s.length <= floor) this.malformed('stack underflow');
    return s[s.length - 1] as Value;
  }

  /** Replaces the top of the stack (BUILD on joblib's wrapper yields the array). */
  replaceTop(v: Value): void {
    this.stack[this.stack.length - 1] = v;
  }

  /**
   * APPENDS, ADDITEMS, SETITEMS: the items above the last mark go into the container below it.
   * Once the retain budget is spent, items are checked where they lie and dropped, not copied out:
   * the common case in a stream of a million records.
   */
  private extendFromMark(op: string): void {
    const s = this.stack;
    const at = this.marks.pop();
    if (at === undefined) this.malformed('could not find MARK');
    if (op === 'SETITEMS' && (s.length - at) % 2) this.malformed('SETITEMS with an odd number of items');
    const floor = this.marks.length ? (this.marks[this.marks.length - 1] as number) : 0;
    if (at <= floor) this.malformed('stack underflow');
    const c = this.expectContainer(s[at - 1] as Value, op);
    if (toRoom(c, this.budget) > 0) {
      addItems(c, s.splice(at), this.budget);
      return;
    }
    for (let i = at; i < s.length; i++) {
      if (isInteresting(s[i] as Value)) {
        addItems(c, s.splice(at), this.budget);
        return;
      }
    }
    c.count += s.length - at;
    // Popping is inlined by the compiler; assigning `length` is a runtime call.
    while (s.length > at) s.pop();
  }

  /** TUPLE2, the opcode of every small pair, without an array when nothing of it is kept. */
  private toPair(a: Value, b: Value): ContainerValue {
    if (toRoom(PAIR_PROBE, this.budget) > 0 || isInteresting(a) || isInteresting(b)) return toContainer(Kind.Tuple, [a, b], this.budget);
    return { k: Kind.Tuple, items: null, count: 2 };
  }

  private popMark(): Value[] {
    const at = this.marks.pop();
    if (at === undefined) this.malformed('could not find MARK');
    return this.stack.splice(at);
  }

  private expectContainer(v: Value, op: string): ContainerValue {
    if (v !== null && typeof v === 'object' && (v.k === Kind.List || v.k === Kind.Dict || v.k === Kind.Set)) return v;
    // Appending to an object calls its append/extend/__setitem__: a call on whatever the object is.
    if (v !== null && typeof v === 'object' && v.k === Kind.Call) return { k: Kind.List, items: null, count: 0 };
    return this.malformed(`${op} on ${typeof v === 'object' && v !== null ? 'a non-container' : typeof v}`);
  }

  malformed(message: string): never {
    throw new ScanError('SCAN_MALFORMED', `${message} at offset ${this.opOffset}`);
  }
}

/**
 * Items retained across all containers of one stream. Past it only names and calls are kept, so
 * a pickle of millions of records costs counters, not a copy of the records.
 */
const RETAIN_BUDGET = 1 << 18;

/** Tracks how many container items one machine still retains. */
export interface RetainBudget {
  left: number;
}

export function toRetainBudget(): RetainBudget {
  return { left: RETAIN_BUDGET };
}

/** @returns a container holding a bounded prefix of `items` (and every interesting one); takes `items`. */
export function toContainer(k: ContainerValue['k'], items: Value[], budget: RetainBudget): ContainerValue {
  const c: ContainerValue = { k, items: null, count: 0 };
  if (items.length) addItems(c, items, budget);
  return c;
}

function toEmpty(k: ContainerValue['k']): ContainerValue {
  return { k, items: null, count: 0 };
}

/** An empty container, for asking how much room a new one would have. */
const PAIR_PROBE: ContainerValue = { k: Kind.Tuple, items: null, count: 0 };

/** @returns how many more items `c` may retain: its own bound and the stream's budget. */
function toRoom(c: ContainerValue, budget: RetainBudget): number {
  return Math.min(KEEP_ITEMS - (c.items?.length ?? 0), budget.left);
}

/**
 * Adds items, keeping dict pairs together. Takes ownership of `items`: every caller passes an
 * array fresh from the stack, so the first batch is kept as it is, not copied.
 */
export function addItems(c: ContainerValue, items: Value[], budget: RetainBudget): void {
  c.count += items.length;
  if (!items.length) return;
  const held = c.items?.length ?? 0;
  const room = toRoom(c, budget);
  if (room >= items.length) {
    if (c.items) for (const item of items) c.items.push(item);
    else c.items = items;
    budget.left -= items.length;
    return;
  }
  if (room <= 0 && !items.some(isInteresting)) return;
  const step = c.k === Kind.Dict ? 2 : 1;
  const kept: Value[] = [];
  const most = KEEP_INTERESTING - held;
  for (let i = 0; i + step <= items.length && kept.length + step <= most; i += step) {
    const group = items.slice(i, i + step);
    if (kept.length + step <= room || group.some(isInteresting)) kept.push(...group);
  }
  budget.left -= Math.min(budget.left, kept.length);
  if (kept.length) c.items = c.items ? c.items.concat(kept) : kept;
}
