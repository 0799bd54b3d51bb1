// SPDX-License-Identifier: Apache-2.0

/**
 * Symbolic values on the pickle machine's stack. Python scalars map to JS scalars; everything the
 * policy or a nested scan needs to see keeps its identity; containers keep a bounded prefix of
 * their items so that a 1.5-million-element list costs a counter, not a graph.
 */
export const enum Kind {
  Bytes = 1,
  Global,
  Call,
  List,
  Tuple,
  Dict,
  Set,
  Opaque,
}

/** A callable or class named by GLOBAL, STACK_GLOBAL, INST, EXT, or reached through getattr. */
export interface GlobalValue {
  readonly k: Kind.Global;
  readonly module: string;
  readonly name: string;
  readonly offset: number;
  /** Set for EXT codes the loader would look up in copyreg's registry. */
  readonly ext?: number;
}

/** The result of calling or instantiating `callee` (REDUCE, OBJ, INST, NEWOBJ...). */
export interface CallValue {
  readonly k: Kind.Call;
  readonly callee: Value;
  readonly args: Value;
  readonly offset: number;
  /** Bytes the call is known to produce (base64 decoders, BytesIO), for nested-pickle scans. */
  readonly bytes?: Uint8Array;
  /** BUILD state applied later, kept for joblib's array wrappers and numpy dtypes. */
  state?: Value;
}

export interface BytesValue {
  readonly k: Kind.Bytes;
  /** The bytes, or null when longer than the retention bound. */
  readonly data: Uint8Array | null;
  readonly length: number;
}

export interface ContainerValue {
  readonly k: Kind.List | Kind.Tuple | Kind.Dict | Kind.Set;
  /** Retained items (dicts: key, value, key, value...), or null when none are retained. */
  items: Value[] | null;
  /** Items added in all, retained or not. */
  count: number;
}

export interface OpaqueValue {
  readonly k: Kind.Opaque;
  readonly what: string;
}

export type Value =
  | number
  | bigint
  | string
  | boolean
  | null
  | BytesValue
  | GlobalValue
  | CallValue
  | ContainerValue
  | OpaqueValue;

export type ObjectValue = BytesValue | GlobalValue | CallValue | ContainerValue | OpaqueValue;

/** @returns true for values the policy may need later: names, calls and what holds them. */
export function isInteresting(v: Value): boolean {
  if (v === null || typeof v !== 'object') return false;
  if (v.k === Kind.Global || v.k === Kind.Call) return true;
  if (v.k === Kind.Bytes) return v.length >= 8;
  if (v.k === Kind.Opaque) return false;
  return v.items !== null && v.items.some(isInteresting);
}

export function isGlobal(v: Value): v is GlobalValue {
  return v !== null && typeof v === 'object' && v.k === Kind.Global;
}

export function isCall(v: Value): v is CallValue {
  return v !== null && typeof v === 'object' && v.k === Kind.Call;
}

export function isContainer(v: Value): v is ContainerValue {
  return v !== null && typeof v === 'object' && (v.k === Kind.List || v.k === Kind.Tuple || v.k === Kind.Dict || v.k === Kind.Set);
}

export function isBytes(v: Value): v is BytesValue {
  return v !== null && typeof v === 'object' && v.k === Kind.Bytes;
}

/** @returns the retained items of a tuple or list, or [] for anything else. */
export function toItems(v: Value): readonly Value[] {
  return isContainer(v) && v.items ? v.items : [];
}

/** @returns a short Python-like rendering for messages, bounded in length. */
export function toDisplay(v: Value, depth = 0): string {
  if (v === null) return 'None';
  if (typeof v === 'string') return JSON.stringify(v.length > 80 ? `${v.slice(0, 77)}...` : v);
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v !== 'object') return String(v);
  if (depth > 2) return '...';
  switch (v.k) {
    case Kind.Global:
      return v.ext === undefined ? `${v.module}.${v.name}` : `ext#${v.ext}`;
    case Kind.Call:
      return `${toDisplay(v.callee, depth + 1)}(...)`;
    case Kind.Bytes:
      return `<${v.length} bytes>`;
    case Kind.Opaque:
      return `<${v.what}>`;
    default: {
      const shown = (v.items ?? []).slice(0, 4).map((i) => toDisplay(i, depth + 1));
      const more = v.count > shown.length ? ', ...' : '';
      const [open, close] = v.k === Kind.Tuple ? ['(', ')'] : v.k === Kind.Dict ? ['{', '}'] : v.k === Kind.Set ? ['{', '}'] : ['[', ']'];
      return `${open}${shown.join(', ')}${more}${close}`;
    }
  }
}
