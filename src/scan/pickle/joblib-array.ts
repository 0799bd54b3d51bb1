// SPDX-License-Identifier: Apache-2.0
import { ScanError } from '../errors.js';
import type { MachineHooks } from './calls.js';
import type { PickleDescription } from './description.js';
import { isCall, isContainer, toItems, type Value } from './values.js';

/** numpy's NPY_ITEM_HASOBJECT flag in a dtype's pickled state (numpy/core/include/ndarraytypes.h). */
const HAS_OBJECT = 0x01;

/** @returns the value stored under a string key of a retained dict, if present. */
export function toDictValue(dict: Value, key: string): Value | undefined {
  if (!isContainer(dict)) return undefined;
  const items = dict.items ?? [];
  for (let i = 0; i + 1 < items.length; i += 2) if (items[i] === key) return items[i + 1];
  return undefined;
}

interface DtypeInfo {
  readonly itemsize: number;
  readonly hasObject: boolean;
}

/** Reads numpy.dtype(descr, align, copy) plus its BUILD state (3, order, ..., elsize, alignment, flags). */
function toDtypeInfo(dtype: Value | undefined): DtypeInfo | undefined {
  if (dtype === undefined || !isCall(dtype)) return undefined;
  const descr = toItems(dtype.args)[0];
  if (typeof descr !== 'string') return undefined;
  const state = toItems(dtype.state ?? null);
  const elsize = state[5];
  const flags = state[7];
  const hasObject = descr.startsWith('O') || (typeof flags === 'number' && (flags & HAS_OBJECT) !== 0);
  const m = /^[a-zA-Z](\d+)$/.exec(descr);
  const itemsize = typeof elsize === 'number' && elsize > 0 ? elsize : m ? Number(m[1]) : NaN;
  if (!Number.isFinite(itemsize) && !hasObject) return undefined;
  return { itemsize, hasObject };
}

function toElementCount(shape: Value | undefined): number | undefined {
  if (shape === undefined || !isContainer(shape) || shape.count !== (shape.items?.length ?? 0)) return undefined;
  let n = 1;
  for (const dim of shape.items ?? []) {
    if (typeof dim !== 'number' || dim < 0) return undefined;
    n *= dim;
  }
  return n;
}

/** Array regions longer than this are not re-read as opcodes. */
const MAX_PLAIN_READING = 64 * 1024 * 1024;

/**
 * joblib.load skips the array bytes, but plain pickle.load on the same file reads them as
 * opcodes. A file can look clean to one reading and run code under the other, so the bytes are
 * also read the plain way; anything they would import or call is reported.
 */
function checkPlainReading(hooks: MachineHooks, d: PickleDescription): void {
  const r = hooks.streamReader;
  const ahead = hooks.describeAhead(Math.min(r.remaining, MAX_PLAIN_READING));
  const names = [...ahead.names.values()].map((n) => `${n.module}.${n.name}`);
  if (!names.length && !ahead.called) return;
  d.anomalies.push({
    kind: 'joblib-array-opcodes',
    offset: r.offset,
    message: `bytes after a joblib array wrapper, read by plain pickle.load, import ${names.slice(0, 4).join(', ') || 'nothing'}${ahead.called ? ' and call' : ''}: the file runs different code depending on the loader`,
  });
}

/**
 * joblib's NumpyUnpickler.load_build: after BUILD of a NumpyArrayWrapper the array's raw bytes
 * (or, for object arrays, a whole nested pickle) follow in the same stream
 * (joblib/numpy_pickle.py NumpyArrayWrapper.read_array). Skipping them exactly is what lets the
 * scan reach whatever comes after the array.
 * @throws ScanError SCAN_MALFORMED when the wrapper's state does not say how many bytes follow.
 */
export function readJoblibArray(state: Value, hooks: MachineHooks, d: PickleDescription): void {
  const dtype = toDtypeInfo(toDictValue(state, 'dtype'));
  const count = toElementCount(toDictValue(state, 'shape'));
  if (!dtype || count === undefined) {
    throw new ScanError('SCAN_MALFORMED', 'joblib array wrapper without a readable shape and dtype; the bytes after it cannot be located');
  }
  if (dtype.hasObject) {
    hooks.runInline();
    return;
  }
  const r = hooks.streamReader;
  checkPlainReading(hooks, d);
  const alignment = toDictValue(state, 'numpy_array_alignment_bytes');
  if (alignment !== undefined && alignment !== null) r.skip(r.u8());
  const bytes = count * dtype.itemsize;
  if (!Number.isSafeInteger(bytes) || bytes > r.remaining) {
    throw new ScanError('SCAN_TRUNCATED', `joblib array of ${count} x ${dtype.itemsize} bytes runs past the end of the stream`);
  }
  r.skip(bytes);
}
