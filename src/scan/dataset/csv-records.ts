// SPDX-License-Identifier: Apache-2.0
import { createReadStream } from 'node:fs';
import { ScanError } from '../errors.js';
import type { DatasetReadOptions, DatasetRow } from './dataset-rows.js';

/** Columns per record; a wider "header" is not a dataset's. */
const MAX_COLUMNS = 4096;

/** Incremental RFC 4180 parser: quoted fields, doubled quotes, CRLF or LF records, any chunking. */
class CsvParser {
  private field = '';
  private fields: string[] = [];
  private quoted = false;
  private afterQuote = false;
  private line = 1;
  private recordLine = 1;
  readonly records: { line: number; fields: string[] }[] = [];

  constructor(private readonly delimiter: string, private readonly maxField: number) {}

  push(chunk: string): void {
    for (let i = 0; i < chunk.length; i++) this.step(chunk[i] as string);
  }

  private step(ch: string): void {
    if (ch === '\n') this.line++;
    if (this.quoted) {
      if (ch === '"') {
        this.quoted = false;
        this.afterQuote = true;
      } else this.append(ch);
      return;
    }
    if (ch === '"') {
      // A quote right after a closing quote is an escaped quote (RFC 4180 2.7).
      if (this.afterQuote) this.append('"');
      this.quoted = true;
      this.afterQuote = false;
      return;
    }
    this.afterQuote = false;
    if (ch === this.delimiter) this.endField();
    else if (ch === '\n') this.endRecord();
    else if (ch !== '\r') this.append(ch);
  }

  private append(ch: string): void {
    this.field += ch;
    if (this.field.length > this.maxField) throw new ScanError('SCAN_LIMIT', `csv field at line ${this.recordLine} is longer than ${this.maxField} characters`);
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
    if (this.fields.length > MAX_COLUMNS) throw new ScanError('SCAN_LIMIT', `csv record at line ${this.recordLine} has more than ${MAX_COLUMNS} columns`);
  }

  endRecord(): void {
    this.endField();
    if (this.fields.length > 1 || this.fields[0] !== '') this.records.push({ line: this.recordLine, fields: this.fields });
    this.fields = [];
    this.recordLine = this.line;
  }
}

function toDelimiter(firstLine: string): string {
  const count = (d: string): number => firstLine.split(d).length;
  return [',', '\t', ';', '|'].reduce((best, d) => (count(d) > count(best) ? d : best), ',');
}

/**
 * Reads CSV (or TSV) with a header row into records keyed by column name; each record carries
 * the physical line it starts on, so multi-line quoted fields still point at the right line.
 * @throws ScanError SCAN_LIMIT for fields or records past the bounds.
 */
export async function* readCsvRecords(path: string, options: DatasetReadOptions): AsyncGenerator<DatasetRow> {
  let parser: CsvParser | undefined;
  let header: string[] | undefined;
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  const drain = function* (): Generator<DatasetRow> {
    if (!parser) return;
    for (const { line, fields } of parser.records) {
      if (!header) {
        header = fields.map((f, i) => f.trim() || `column${i + 1}`);
        continue;
      }
      yield { line, record: Object.fromEntries(header.map((name, i) => [name, fields[i] ?? ''])) };
    }
    parser.records.length = 0;
  };
  for await (const chunk of stream as AsyncIterable<string>) {
    parser ??= new CsvParser(toDelimiter(chunk.split('\n', 1)[0] ?? ''), options.maxLineBytes);
    parser.push(chunk);
    yield* drain();
  }
  if (parser) {
    parser.endRecord();
    yield* drain();
  }
}
