// SPDX-License-Identifier: Apache-2.0
import { toSliceSource, type ByteSource } from '../../core/index.js';
import type { ScanContext } from '../context.js';
import type { FormatHandler } from './format.js';

/** safetensors/src/tensor.rs MAX_HEADER_SIZE: the reference reader refuses larger headers. */
const MAX_HEADER = 100_000_000;
/** Violations reported per file; the first few say all there is to say. */
const MAX_REPORTED = 8;

/** Bits per element of every dtype the reference reader knows (safetensors Dtype::bitsize). */
const DTYPE_BITS: Readonly<Record<string, number>> = {
  BOOL: 8, U8: 8, I8: 8, F8_E5M2: 8, F8_E4M3: 8, F8_E8M0: 8, F4: 4, F6_E2M3: 6, F6_E3M2: 6,
  I16: 16, U16: 16, F16: 16, BF16: 16, I32: 32, U32: 32, F32: 32, C64: 64, F64: 64, I64: 64, U64: 64,
};

interface TensorEntry {
  readonly name: string;
  readonly begin: number;
  readonly end: number;
  readonly bytes: bigint | undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** @returns the tensor's byte size from dtype and shape (BigInt: no overflow), or why it has none. */
function toByteSize(info: Record<string, unknown>): bigint | string {
  const bits = typeof info['dtype'] === 'string' ? DTYPE_BITS[info['dtype']] : undefined;
  if (bits === undefined) return `unknown dtype ${JSON.stringify(info['dtype'])}`;
  const shape = info['shape'];
  if (!Array.isArray(shape) || !shape.every(isIndex)) return 'shape is not a list of non-negative integers';
  let elements = 1n;
  for (const dim of shape) elements *= BigInt(dim);
  const total = elements * BigInt(bits);
  if (total % 8n !== 0n) return `shape ${JSON.stringify(shape)} does not fill whole bytes`;
  if (total / 8n > BigInt(Number.MAX_SAFE_INTEGER)) return `shape ${JSON.stringify(shape)} overflows`;
  return total / 8n;
}

function readEntries(header: Record<string, unknown>, problems: string[]): TensorEntry[] {
  const entries: TensorEntry[] = [];
  for (const [name, info] of Object.entries(header)) {
    if (name === '__metadata__') {
      if (!isObject(info) || !Object.values(info).every((v) => typeof v === 'string')) problems.push('__metadata__ is not a map of strings to strings');
      continue;
    }
    if (!isObject(info)) {
      problems.push(`tensor ${JSON.stringify(name)} is not an object`);
      continue;
    }
    const offsets = info['data_offsets'];
    if (!Array.isArray(offsets) || offsets.length !== 2 || !isIndex(offsets[0]) || !isIndex(offsets[1])) {
      problems.push(`tensor ${JSON.stringify(name)} has no [begin, end] data_offsets`);
      continue;
    }
    const size = toByteSize(info);
    if (typeof size === 'string') problems.push(`tensor ${JSON.stringify(name)}: ${size}`);
    entries.push({ name, begin: offsets[0], end: offsets[1], bytes: typeof size === 'string' ? undefined : size });
  }
  return entries;
}

/**
 * The reference reader's validate(): offsets sorted are contiguous from 0, each tensor's span
 * equals its dtype size times its elements, and the last end is the end of the file.
 * @returns where the data region ends.
 */
function checkLayout(entries: TensorEntry[], problems: string[]): number {
  entries.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let expected = 0;
  for (const e of entries) {
    if (e.begin !== expected) problems.push(`tensor ${JSON.stringify(e.name)} starts at ${e.begin}, expected ${expected} (${e.begin < expected ? 'overlap' : 'gap'})`);
    if (e.end < e.begin) problems.push(`tensor ${JSON.stringify(e.name)} ends at ${e.end}, before its start ${e.begin}`);
    else if (e.bytes !== undefined && BigInt(e.end - e.begin) !== e.bytes) problems.push(`tensor ${JSON.stringify(e.name)} spans ${e.end - e.begin} bytes, its dtype and shape need ${e.bytes}`);
    expected = Math.max(expected, e.end);
  }
  return expected;
}

function parseHeader(text: string, problems: string[]): Record<string, unknown> | undefined {
  if (!text.startsWith('{')) problems.push('header does not start with "{"');
  try {
    const parsed: unknown = JSON.parse(text);
    if (isObject(parsed)) return parsed;
    problems.push('header is not a json object');
  } catch (error) {
    problems.push(`header is not json: ${(error as Error).message.toLowerCase()}`);
  }
  return undefined;
}

async function scanSafetensors(source: ByteSource, context: ScanContext): Promise<void> {
  const problems: string[] = [];
  const lengthBytes = source.read(0, 8);
  const n = lengthBytes.length === 8 ? Number(Buffer.from(lengthBytes).readBigUInt64LE(0)) : -1;
  let dataEnd = 0;
  if (n < 0) problems.push(`file of ${source.size} bytes is too small for a header length`);
  else if (n > MAX_HEADER) problems.push(`header of ${n} bytes is larger than the ${MAX_HEADER} the reference reader accepts`);
  else if (n + 8 > source.size) problems.push(`header of ${n} bytes runs past the end of the ${source.size}-byte file`);
  else {
    const raw = source.read(8, n);
    let text = '';
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
    } catch {
      problems.push('header is not valid utf-8');
    }
    const header = text ? parseHeader(text, problems) : undefined;
    if (header) {
      const entries = readEntries(header, problems);
      const declared = text.split('"data_offsets"').length - 1;
      if (declared > entries.length) problems.push(`header declares ${declared} data_offsets for ${entries.length} tensors (duplicate names: readers keep different ones)`);
      dataEnd = 8 + n + checkLayout(entries, problems);
      if (dataEnd !== source.size) problems.push(`tensor data ends at ${dataEnd}, the file at ${source.size}`);
    }
  }
  report(context, problems);
  if (dataEnd > 0 && dataEnd < source.size) await context.scanChild(toSliceSource(source, dataEnd, source.size - dataEnd), `bytes after the tensor data @${dataEnd}`);
}

function report(context: ScanContext, problems: readonly string[]): void {
  for (const problem of problems.slice(0, MAX_REPORTED)) {
    context.report({ ruleId: 'CITADEL-SAFETENSORS-INVALID', severity: 'high', message: `the reference safetensors reader refuses this file: ${problem}` });
  }
  if (problems.length > MAX_REPORTED) {
    context.report({ ruleId: 'CITADEL-SAFETENSORS-INVALID', severity: 'high', message: `${problems.length - MAX_REPORTED} more violations of the safetensors format` });
  }
}

/**
 * safetensors files, validated by the reference reader's own rules (huggingface/safetensors
 * `SafeTensors::read_metadata` and `Metadata::validate`): an 8-byte little-endian header length
 * of at most 100,000,000, a UTF-8 JSON header starting with "{", `__metadata__` string to string,
 * offsets contiguous from 0, sizes that match dtype and shape without overflow, and data that
 * ends where the file ends. Violations are findings; bytes past the data are scanned as a file
 * of their own, because that is where a polyglot hides its second format.
 */
export const safetensorsFormat: FormatHandler = {
  id: 'safetensors',
  sniff: (head) => {
    if (head.length < 10 || head[8] !== 0x7b) return false;
    if (head[5] !== 0 || head[6] !== 0 || head[7] !== 0) return false;
    let i = 9;
    while (head[i] === 0x20 || head[i] === 0x0a) i++;
    return i >= head.length || head[i] === 0x22 || head[i] === 0x7d;
  },
  scan: scanSafetensors,
};
