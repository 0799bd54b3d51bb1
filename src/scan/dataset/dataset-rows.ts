// SPDX-License-Identifier: Apache-2.0
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { ScanError } from '../errors.js';
import { readCsvRecords } from './csv-records.js';

/** One record of a dataset with where it starts: a 1-based line (JSONL, CSV) or row (Parquet, JSON array). */
export interface DatasetRow {
  readonly line: number;
  readonly record: unknown;
}

export type DatasetKind = 'jsonl' | 'json' | 'csv' | 'parquet';

export interface DatasetReadOptions {
  /** Rows read per file before the rest is reported as not scanned. */
  readonly maxRows: number;
  /** Longest line or field accepted. */
  readonly maxLineBytes: number;
  /** Whole-file formats (a JSON array, Parquet) are read into memory up to this size. */
  readonly maxBufferBytes: number;
}

const PARQUET_MAGIC = 'PAR1';

/** Sniffs the dataset kind from its first bytes, never from its name. */
export async function sniffDataset(path: string): Promise<DatasetKind> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(64);
    const { bytesRead } = await handle.read(head, 0, 64, 0);
    const text = head.subarray(0, bytesRead).toString('latin1');
    if (text.startsWith(PARQUET_MAGIC)) return 'parquet';
    const first = text.replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart()[0];
    if (first === '{') return 'jsonl';
    if (first === '[') return 'json';
    return 'csv';
  } finally {
    await handle.close();
  }
}

function parseJsonLine(text: string, line: number): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { __unparsed: text.slice(0, 4096), __line: line };
  }
}

/** JSON Lines: one value per line; a line that is not JSON is kept as text so it is still checked. */
async function* readJsonl(path: string, options: DatasetReadOptions): AsyncGenerator<DatasetRow> {
  let line = 0;
  let pending = '';
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  for await (const chunk of stream as AsyncIterable<string>) {
    pending += chunk;
    let nl = pending.indexOf('\n');
    let start = 0;
    while (nl >= 0) {
      line++;
      if (nl - start > options.maxLineBytes) throw new ScanError('SCAN_LIMIT', `line ${line} is longer than ${options.maxLineBytes} bytes`);
      const text = pending.slice(start, nl).trim();
      if (text) yield { line, record: parseJsonLine(text, line) };
      start = nl + 1;
      nl = pending.indexOf('\n', start);
    }
    pending = pending.slice(start);
    if (pending.length > options.maxLineBytes) throw new ScanError('SCAN_LIMIT', `line ${line + 1} is longer than ${options.maxLineBytes} bytes`);
  }
  if (pending.trim()) yield { line: line + 1, record: parseJsonLine(pending.trim(), line + 1) };
}

async function readWhole(path: string, options: DatasetReadOptions): Promise<Buffer> {
  const size = (await stat(path)).size;
  if (size > options.maxBufferBytes) throw new ScanError('SCAN_LIMIT', `dataset of ${size} bytes exceeds ${options.maxBufferBytes} for a whole-file format`);
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(size);
    await handle.read(buffer, 0, size, 0);
    return buffer;
  } finally {
    await handle.close();
  }
}

async function* readJsonArray(path: string, options: DatasetReadOptions): AsyncGenerator<DatasetRow> {
  let parsed: unknown;
  try {
    parsed = JSON.parse((await readWhole(path, options)).toString('utf8'));
  } catch (error) {
    if (error instanceof ScanError) throw error;
    throw new ScanError('SCAN_MALFORMED', 'dataset starts like a json array but does not parse');
  }
  const rows = Array.isArray(parsed) ? (parsed as unknown[]) : [];
  for (const [i, record] of rows.entries()) yield { line: i + 1, record };
}

/** Parquet through hyparquet, a maintained pure-JavaScript reader; rows are numbered from 1. */
async function* readParquet(path: string, options: DatasetReadOptions): AsyncGenerator<DatasetRow> {
  const { parquetReadObjects } = await import('hyparquet');
  const buffer = await readWhole(path, options);
  const file = new Uint8Array(buffer).buffer;
  let rows: Record<string, unknown>[];
  try {
    rows = await parquetReadObjects({ file, rowEnd: options.maxRows });
  } catch (error) {
    throw new ScanError('SCAN_MALFORMED', `parquet reader refuses the file: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  for (const [i, record] of rows.entries()) yield { line: i + 1, record };
}

/**
 * Reads the records of a fine-tuning or training dataset: JSON Lines, a JSON array, CSV (RFC 4180)
 * or Parquet, sniffed from the bytes.
 * @throws ScanError SCAN_LIMIT for lines or whole files past the bounds, SCAN_MALFORMED for files
 *   the format's reader refuses.
 * @returns the rows in file order, at most `maxRows`.
 */
export async function* readDatasetRows(path: string, kind: DatasetKind, options: DatasetReadOptions): AsyncGenerator<DatasetRow> {
  const source = kind === 'jsonl' ? readJsonl(path, options) : kind === 'json' ? readJsonArray(path, options) : kind === 'parquet' ? readParquet(path, options) : readCsvRecords(path, options);
  let count = 0;
  for await (const row of source) {
    if (++count > options.maxRows) throw new ScanError('SCAN_LIMIT', `dataset has more than ${options.maxRows} rows`);
    yield row;
  }
}
