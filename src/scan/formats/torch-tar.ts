// SPDX-License-Identifier: Apache-2.0
import { ByteReader, type ByteSource } from '../../core/index.js';
import type { ScanContext } from '../context.js';
import { isGlobal, toItems } from '../pickle/values.js';
import { scanPickleAt } from './pickle-stream.js';

/**
 * The tar checkpoint of torch.save before 0.4 has members sys_info, pickle, storages and
 * tensors. 'storages' and 'tensors' interleave pickles with raw bytes (torch/serialization.py
 * legacy_load, tar branch): a count, then per storage a (key, location, type) pickle followed by
 * an int64 element count and the elements; per tensor a pickle, then ndim, sizes, strides and an
 * offset. Reading them the way torch does keeps raw bytes from being parsed as opcodes.
 */
export const TORCH_TAR_MEMBERS = ['sys_info', 'pickle', 'storages', 'tensors'] as const;

/** torch._utils._element_size for the storage classes legacy checkpoints name. */
const ELEMENT_SIZE: Readonly<Record<string, number>> = {
  DoubleStorage: 8, FloatStorage: 4, HalfStorage: 2, BFloat16Storage: 2, LongStorage: 8, IntStorage: 4, ShortStorage: 2,
  CharStorage: 1, ByteStorage: 1, BoolStorage: 1, ComplexFloatStorage: 8, ComplexDoubleStorage: 16, QUInt8Storage: 1,
  QInt8Storage: 1, QInt32Storage: 4, QUInt4x2Storage: 1, QUInt2x4Storage: 1,
};
const MAX_RECORDS = 1_000_000;

/** @returns true when a tar's member names are those of a legacy torch checkpoint. */
export function isTorchTar(names: readonly string[]): boolean {
  return TORCH_TAR_MEMBERS.every((m) => names.includes(m));
}

function unreadable(context: ScanContext, reader: ByteReader, why: string): void {
  context.report({ ruleId: 'CITADEL-UNSCANNABLE', severity: 'medium', offset: reader.offset, message: `legacy torch tar member: ${why}; the rest was not scanned` });
}

async function readCount(reader: ByteReader, context: ScanContext): Promise<number | undefined> {
  const d = await scanPickleAt(reader, context);
  if (d.error) return undefined;
  const n = d.result;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAX_RECORDS) {
    unreadable(context, reader, 'the record count is not a small non-negative integer');
    return undefined;
  }
  return n;
}

async function scanStorages(reader: ByteReader, context: ScanContext): Promise<void> {
  const n = await readCount(reader, context);
  for (let i = 0; n !== undefined && i < n; i++) {
    const d = await scanPickleAt(reader, context);
    if (d.error) return;
    const type = toItems(d.result ?? null)[2];
    const size = type !== undefined && isGlobal(type) ? ELEMENT_SIZE[type.name] : undefined;
    if (size === undefined) {
      unreadable(context, reader, `storage ${i} has no known storage type`);
      return;
    }
    const bytes = reader.u64le() * size;
    if (bytes > reader.remaining) {
      unreadable(context, reader, `storage ${i} runs past the end`);
      return;
    }
    reader.skip(bytes);
  }
  if (n !== undefined && !reader.isAtEnd()) await scanPickleAt(reader, context);
}

async function scanTensors(reader: ByteReader, context: ScanContext): Promise<void> {
  const n = await readCount(reader, context);
  for (let i = 0; n !== undefined && i < n; i++) {
    const d = await scanPickleAt(reader, context);
    if (d.error) return;
    const ndim = reader.i32le();
    if (ndim < 0 || ndim > 64) {
      unreadable(context, reader, `tensor ${i} has ${ndim} dimensions`);
      return;
    }
    reader.skip(4 + 16 * ndim + 8);
  }
}

/** Scans one member of a legacy torch tar checkpoint; @returns false for members it does not own. */
export async function scanTorchTarMember(name: string, source: ByteSource, context: ScanContext): Promise<boolean> {
  if (name !== 'storages' && name !== 'tensors') return false;
  const child = context.toChild(name);
  const reader = new ByteReader(source);
  try {
    await (name === 'storages' ? scanStorages(reader, child) : scanTensors(reader, child));
  } catch (error) {
    unreadable(child, reader, error instanceof Error ? error.message : String(error));
  }
  return true;
}
