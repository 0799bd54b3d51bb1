// SPDX-License-Identifier: Apache-2.0
import { ByteReader, DEFAULT_LIMITS, Deadline, toBufferSource } from '../../core/index.js';
import { PickleMachine } from './machine.js';
import { Op } from './opcodes.js';

/** Opcodes a trial must get through before running out of sniffed bytes counts as "pickle". */
const MIN_OPCODES = 3;
const TRIAL_MS = 50;

/**
 * @returns true when `head` behaves like the start of a pickle: a PROTO opcode, or a trial run
 * of the machine that imports something, reaches STOP, or only runs out of bytes. Pickle needs no
 * PROTO opcode (`pickle.load` accepts a bare STACK_GLOBAL stream), so a first byte decides nothing.
 */
export function isPickleByTrial(head: Uint8Array): boolean {
  if (head[0] === Op.PROTO) return head[1] !== undefined && head[1] <= 5;
  const limits = { ...DEFAULT_LIMITS, maxStackDepth: 1024 };
  // Most trials fail (sniffing tries every file), and a failure's stack trace is never read.
  const depth = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  let d;
  try {
    d = new PickleMachine(new ByteReader(toBufferSource(head)), { limits, deadline: new Deadline(TRIAL_MS), joblib: false }).run();
  } finally {
    Error.stackTraceLimit = depth;
  }
  if (!d.error) return d.opcodes >= 1 && d.end > 1;
  if (d.names.size > 0 || d.called) return true;
  const ranOut = d.error.code === 'CORE_TRUNCATED' || d.error.code === 'SCAN_TRUNCATED';
  return ranOut && d.opcodes >= MIN_OPCODES;
}
