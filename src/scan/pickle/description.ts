// SPDX-License-Identifier: Apache-2.0

import type { Value } from './values.js';

/** How a stream uses a name; the policy grades unknown names by the worst use. */
export const Use = {
  /** Imported (GLOBAL, STACK_GLOBAL, INST, EXT): the module is imported by the loader. */
  Reference: 1,
  /** Instantiated without calling it: NEWOBJ, NEWOBJ_EX, copyreg's reconstructors. */
  Construct: 2,
  /** Called with arguments the stream chose: REDUCE, INST, OBJ. */
  Call: 4,
  /** Its attributes are rewritten by BUILD. */
  Rewrite: 8,
} as const;

/** One name the stream imports, with every way it is used. */
export interface NameUse {
  readonly module: string;
  readonly name: string;
  /** EXT code when the name came from copyreg's extension registry. */
  readonly ext?: number;
  /** Offset of the opcode that first imported it. */
  readonly offset: number;
  /** Offset of the opcode that first called it, when it was called. */
  callOffset?: number;
  /** Bitmask of Use. */
  uses: number;
  count: number;
  /** A rendering of the first call's arguments, for the message. */
  firstArgs?: string;
}

/** Something the machine saw that is suspect in itself, whatever the names involved. */
export interface Anomaly {
  readonly kind: 'dynamic-getattr' | 'call-of-result' | 'build-on-global' | 'unresolved-ext' | 'joblib-array-opcodes';
  readonly offset: number;
  readonly message: string;
}

/** A byte string inside the stream that is itself a pickle (or decodes to one). */
export interface NestedPayload {
  readonly offset: number;
  readonly bytes: Uint8Array;
  readonly via: string;
}

/** What one pickle stream would import and do, found without running it. */
export interface PickleDescription {
  readonly start: number;
  end: number;
  protocol: number;
  opcodes: number;
  readonly names: Map<string, NameUse>;
  readonly anomalies: Anomaly[];
  readonly nested: NestedPayload[];
  /** True once a call was made before the stream ended (or broke). */
  called: boolean;
  /** What the pickle evaluates to, symbolically (formats that read several pickles need it). */
  result?: Value;
  /** Set when the stream broke before STOP: the loader raises there, after running what came before. */
  error?: { readonly offset: number; readonly message: string; readonly limit: boolean; readonly code: string };
}
