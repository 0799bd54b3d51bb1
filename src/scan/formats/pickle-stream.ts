// SPDX-License-Identifier: Apache-2.0
import { ByteReader, toBufferSource, type ByteSource } from '../../core/index.js';
import type { ScanContext } from '../context.js';
import { classifyPickle } from '../policy/classify.js';
import type { PickleDescription } from '../pickle/description.js';
import { PickleMachine } from '../pickle/machine.js';

export interface PickleStreamOptions {
  /** Byte offset of the first pickle. */
  readonly start?: number;
  /** Stop after this many pickles (a legacy torch file holds five, then raw storage bytes). */
  readonly maxPickles?: number;
}

/** A first "pickle" that breaks this early, having imported nothing, is not a pickle at all. */
const NOT_A_PICKLE_OPCODES = 16;

function isEmptyFailure(d: PickleDescription): boolean {
  return d.error !== undefined && !d.error.limit && d.names.size === 0 && !d.called;
}

/**
 * Scans every pickle in `source`, one after another, as repeated pickle.load calls on one file
 * would read them; a second pickle after the first STOP is scanned like the first. Byte strings
 * that are pickles themselves are scanned as nested entries.
 * @returns the number of pickles found (0 when the bytes are not a pickle).
 */
export async function scanPickleStream(source: ByteSource, context: ScanContext, options: PickleStreamOptions = {}): Promise<number> {
  const reader = new ByteReader(source, options.start ?? 0);
  const { tick } = context.budget;
  const machineOptions = { limits: context.limits, deadline: context.budget.deadline, joblib: true, ...(tick ? { tick } : {}) };
  let count = 0;
  while (!reader.isAtEnd() && count < (options.maxPickles ?? Number.POSITIVE_INFINITY)) {
    context.checkDeadline();
    const d = new PickleMachine(reader, machineOptions).run();
    // A PROTO opcode says "pickle" outright; a protocol 0/1 start is only a guess from one byte.
    if (isEmptyFailure(d) && (count > 0 || (d.protocol === 0 && d.opcodes < NOT_A_PICKLE_OPCODES))) {
      if (count > 0) reportTrailing(context, d);
      break;
    }
    count++;
    for (const finding of classifyPickle(d)) context.report(finding);
    await scanNested(d, context);
    if (d.error) break;
  }
  return count;
}

function reportTrailing(context: ScanContext, d: PickleDescription): void {
  context.report({
    ruleId: 'CITADEL-PICKLE-TRAILING',
    severity: 'low',
    offset: d.start,
    message: `bytes after the last pickle (from offset ${d.start}) are not a pickle`,
  });
}

/**
 * Scans the one pickle that starts at the reader's position, reporting its findings, and leaves
 * the reader after its STOP. For formats that interleave pickles with raw bytes.
 * @returns the pickle's description (error set when it broke).
 */
export async function scanPickleAt(reader: ByteReader, context: ScanContext): Promise<PickleDescription> {
  context.checkDeadline();
  const d = new PickleMachine(reader, { limits: context.limits, deadline: context.budget.deadline, joblib: false }).run();
  for (const finding of classifyPickle(d)) context.report(finding);
  await scanNested(d, context);
  return d;
}

async function scanNested(d: PickleDescription, context: ScanContext): Promise<void> {
  for (const payload of d.nested) {
    const child = context.toChild(`${payload.via} argument (offset ${payload.offset})`);
    if (child.depth > context.limits.maxDepth) {
      context.report({ ruleId: 'CITADEL-SCAN-LIMIT', severity: 'medium', offset: payload.offset, message: `nested pickle deeper than ${context.limits.maxDepth} levels not scanned` });
      continue;
    }
    // torch.load takes zip checkpoints as well as pickles; those go back through sniffing.
    if (payload.bytes[0] === 0x50 && payload.bytes[1] === 0x4b) {
      await context.scanChild(toBufferSource(payload.bytes), `${payload.via} argument (offset ${payload.offset})`);
      continue;
    }
    const found = await scanPickleStream(toBufferSource(payload.bytes), child);
    if (found === 0 && payload.via !== 'bytes argument') {
      context.report({ ruleId: 'CITADEL-UNSCANNABLE', severity: 'medium', offset: payload.offset, message: `${payload.via} receives ${payload.bytes.length} bytes that are not a readable pickle` });
    }
  }
}
