// SPDX-License-Identifier: Apache-2.0
import type { ByteReader } from '../../core/index.js';
import { Use, type PickleDescription } from './description.js';
import { readJoblibArray } from './joblib-array.js';
import { decodeBytesCall, toPayloadBytes } from './payloads.js';
import { isPickleStart } from './sniff.js';
import {
  Kind, isBytes, isCall, isGlobal, toDisplay, toItems, type CallValue, type GlobalValue, type Value,
} from './values.js';

/** Where a call happens and how the callee is used. */
export interface CallSite {
  readonly offset: number;
  readonly use: number;
  readonly description: PickleDescription;
  readonly hooks: MachineHooks;
}

/** What calls need from the machine: recording, nested parsing of the same stream, errors. */
export interface MachineHooks {
  readonly isJoblib: boolean;
  readonly streamReader: ByteReader;
  replaceTop(v: Value): void;
  /** Runs a complete pickle that follows in the same stream (joblib object arrays). */
  runInline(): PickleDescription;
  /** Describes `length` bytes from the reader's position as a separate stream, without moving it. */
  describeAhead(length: number): PickleDescription;
  malformed(message: string): never;
}

const GETATTR = new Set(['builtins.getattr']);
const IMPORTERS = new Set(['builtins.__import__', 'importlib.import_module', 'importlib.__import__']);
const PARTIAL = new Set(['functools.partial', '_functools.partial']);
const RECONSTRUCTORS = new Set(['copyreg._reconstructor', 'copyreg.__newobj__', 'copyreg.__newobj_ex__']);
/** Callables that unpickle their argument: the argument is scanned as a pickle in turn. */
const LOADERS = new Set([
  'pickle.loads', 'pickle.load', 'pickle._loads', 'pickle._load', '_pickle.loads', '_pickle.load',
  'dill.loads', 'dill.load', 'dill._dill.loads', 'cloudpickle.loads', 'cloudpickle.load', 'joblib.load',
  'torch.load', 'torch.serialization.load', 'torch.storage._load_from_bytes', 'numpy.load', 'pandas.read_pickle',
]);
const JOBLIB_WRAPPERS = new Set(['joblib.numpy_pickle.NumpyArrayWrapper']);

function toQualified(g: GlobalValue): string {
  return `${g.module}.${g.name}`;
}

/** @returns the global a call really invokes, looking through functools.partial. */
function resolveCallee(v: Value, depth = 0): GlobalValue | CallValue | undefined {
  if (isGlobal(v)) return v;
  if (!isCall(v)) return undefined;
  if (depth < 8 && isGlobal(v.callee) && PARTIAL.has(toQualified(v.callee))) {
    const inner = toItems(v.args)[0];
    if (inner !== undefined) return resolveCallee(inner, depth + 1) ?? v;
  }
  return v;
}

/**
 * Applies REDUCE, INST, OBJ, NEWOBJ or NEWOBJ_EX: records the callee's use, models the few
 * callables whose result decides what is imported next (getattr, importers, reconstructors), and
 * collects byte strings that are pickles. @returns the symbolic result.
 */
export function applyCall(callee: Value, args: Value, site: CallSite): Value {
  const { hooks } = site;
  const target = resolveCallee(callee);
  const d = site.description;
  d.called = true;
  if (target === undefined) return hooks.malformed(`calling a ${callee === null ? 'None' : typeof callee} value`);
  if (target.k === Kind.Call) {
    d.anomalies.push({ kind: 'call-of-result', offset: site.offset, message: `calls the object returned by ${toDisplay(target.callee)}` });
    return { k: Kind.Call, callee: target, args, offset: site.offset };
  }
  recordUse(d, target, { use: site.use, offset: site.offset, args });
  const name = toQualified(target);
  const items = toItems(args);
  collectNested(d, items, { offset: site.offset, loader: LOADERS.has(name) ? name : undefined });
  if (GETATTR.has(name)) return resolveGetattr(items, site) ?? opaqueCall(target, args, site);
  if (RECONSTRUCTORS.has(name) && isGlobal(items[0] ?? null)) {
    recordUse(d, items[0] as GlobalValue, { use: Use.Construct, offset: site.offset });
    return { k: Kind.Call, callee: items[0] as GlobalValue, args, offset: site.offset };
  }
  const bytes = decodeBytesCall(name, items);
  return { k: Kind.Call, callee: target, args, offset: site.offset, ...(bytes ? { bytes } : {}) };
}

function opaqueCall(target: GlobalValue, args: Value, site: CallSite): Value {
  return { k: Kind.Call, callee: target, args, offset: site.offset };
}

/**
 * getattr(obj, "name") is how a pickle reaches callables it cannot name directly
 * (getattr(__import__("os"), "system")). The result is judged as the name it resolves to.
 */
function resolveGetattr(items: readonly Value[], site: CallSite): GlobalValue | undefined {
  const [obj, attr] = items;
  const d = site.description;
  if (typeof attr !== 'string' || obj === undefined) {
    d.anomalies.push({ kind: 'dynamic-getattr', offset: site.offset, message: 'getattr with an attribute name the scanner cannot resolve' });
    return undefined;
  }
  let base: GlobalValue | undefined;
  if (isGlobal(obj)) base = { ...obj, name: `${obj.name}.${attr}`, offset: site.offset };
  else if (isCall(obj) && isGlobal(obj.callee) && IMPORTERS.has(toQualified(obj.callee)) && typeof toItems(obj.args)[0] === 'string') {
    base = { k: Kind.Global, module: toItems(obj.args)[0] as string, name: attr, offset: site.offset };
  }
  if (!base) {
    d.anomalies.push({ kind: 'dynamic-getattr', offset: site.offset, message: `getattr(${toDisplay(obj ?? null)}, ${JSON.stringify(attr)}) on an object the scanner cannot name` });
    return undefined;
  }
  recordUse(d, base, { use: Use.Reference, offset: site.offset });
  return base;
}

/** Queues byte strings that are pickles, decoding text first when a loader receives it. */
function collectNested(d: PickleDescription, items: readonly Value[], at: { offset: number; loader: string | undefined }): void {
  const { offset, loader } = at;
  for (const item of items) {
    const bytes = loader ? toPayloadBytes(item) : isBytes(item) ? item.data : isCall(item) ? item.bytes : undefined;
    if (bytes && bytes.length >= 2 && (loader !== undefined || isPickleStart(bytes))) {
      d.nested.push({ offset, bytes, via: loader ?? 'bytes argument' });
    }
  }
}

/**
 * Applies BUILD. On an instance it sets state (keeping it for numpy dtypes); on a global it
 * rewrites a module's or class's attributes, which no model file needs; on joblib's array wrapper
 * it reads the array bytes that follow in the stream.
 */
export function applyBuild(inst: Value, state: Value, site: CallSite): void {
  const { hooks } = site;
  const d = site.description;
  if (isGlobal(inst)) {
    recordUse(d, inst, { use: Use.Rewrite, offset: site.offset });
    d.anomalies.push({ kind: 'build-on-global', offset: site.offset, message: `BUILD rewrites attributes of ${toQualified(inst)} with ${toDisplay(state)}` });
    return;
  }
  if (!isCall(inst)) return;
  if (inst.state === undefined) inst.state = state;
  if (hooks.isJoblib && isGlobal(inst.callee) && JOBLIB_WRAPPERS.has(toQualified(inst.callee))) {
    readJoblibArray(state, hooks, d);
    hooks.replaceTop({ k: Kind.Opaque, what: 'ndarray' });
  }
}

/**
 * Adds one use of a name to the description (see machine.recordName). The arguments are rendered
 * for the first call only: a checkpoint calls the same rebuild function once per tensor.
 */
export function recordUse(d: PickleDescription, g: GlobalValue, at: { use: number; offset: number; args?: Value }): void {
  const { use, offset, args } = at;
  const key = `${g.module}\u0000${g.name}`;
  let entry = d.names.get(key);
  if (!entry) {
    entry = { module: g.module, name: g.name, offset, uses: 0, count: 0, ...(g.ext === undefined ? {} : { ext: g.ext }) };
    d.names.set(key, entry);
  }
  if (use === Use.Reference) entry.count++;
  if ((use === Use.Call || use === Use.Construct) && entry.callOffset === undefined) {
    entry.callOffset = offset;
    if (args !== undefined) entry.firstArgs = toDisplay(args);
  }
  entry.uses |= use;
}
