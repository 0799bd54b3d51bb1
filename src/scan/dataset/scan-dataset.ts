// SPDX-License-Identifier: Apache-2.0
import { stat } from 'node:fs/promises';
import { VERSION, toMessage, type Finding, type Report, type Target } from '../../core/index.js';
import { ScanError } from '../errors.js';
import { SCAN_RULES } from '../policy/rules.js';
import { listFiles } from '../scan-paths.js';
import { readDatasetRows, sniffDataset, type DatasetReadOptions } from './dataset-rows.js';
import { toDatasetFindings, type FlaggedRow } from './dataset-findings.js';
import { PoisoningIndex } from './poisoning.js';
import { matchRowRules, type RowCategory, type RowSignal } from './row-rules.js';
import { toExample } from './row-text.js';

/** What a text detector found, in the scanner's terms (the CLI adapts the detect capability to this). */
export interface InspectedText {
  readonly category: string;
  readonly score: number;
  readonly reason: string;
}

/** Runs detectors over one text; injected so that scan does not depend on detect. */
export type TextInspector = (text: string) => readonly InspectedText[];

export interface DatasetScanOptions {
  /** Detectors for injections, jailbreaks, secrets and PII; without one only the built-in rules run. */
  readonly inspect?: TextInspector;
  readonly read?: Partial<DatasetReadOptions>;
  /** Called after each file, and every 10,000 rows inside one. */
  readonly onProgress?: (done: number, total: number, path: string) => void;
}

const DEFAULT_READ: DatasetReadOptions = { maxRows: 10_000_000, maxLineBytes: 16 * 1024 * 1024, maxBufferBytes: 512 * 1024 * 1024 };
/** Rows kept for the dataset-level checks; their memory is a few hundred bytes each. */
const MAX_INDEXED_ROWS = 2_000_000;
/** Detector categories and the row category each one teaches. */
// An exfiltration shape (a markdown image or link carrying data out) in training text teaches the
// model to leak: it belongs with the injections.
const CATEGORY: Readonly<Record<string, RowCategory>> = { injection: 'injection', jailbreak: 'injection', hidden: 'injection', exfil: 'injection', secret: 'secret', pii: 'pii' };

function inspectSide(inspect: TextInspector | undefined, text: string, side: 'prompt' | 'response'): RowSignal[] {
  const signals = matchRowRules(text, side);
  if (!inspect || !text) return signals;
  for (const d of inspect(text)) {
    const category = CATEGORY[d.category];
    if (category) signals.push({ category, score: d.score, reason: d.reason, side });
  }
  return signals;
}

async function scanDatasetFile(path: string, options: DatasetScanOptions, progress: () => void): Promise<{ target: Target; findings: Finding[] }> {
  const read = { ...DEFAULT_READ, ...options.read };
  const index = new PoisoningIndex();
  const flagged: FlaggedRow[] = [];
  const findings: Finding[] = [];
  let rows = 0;
  const kind = await sniffDataset(path);
  try {
    for await (const { line, record } of readDatasetRows(path, kind, read)) {
      rows++;
      if (rows % 10_000 === 0) progress();
      const example = toExample(record);
      const signals = [...inspectSide(options.inspect, example.prompt, 'prompt'), ...inspectSide(options.inspect, example.response, 'response')];
      if (signals.length) flagged.push({ line, signals, excerpt: (signals[0]?.side === 'response' ? example.response : example.prompt).slice(0, 160) });
      if (index.size < MAX_INDEXED_ROWS) index.add(example, line);
    }
  } catch (error) {
    const limit = error instanceof ScanError && error.code === 'SCAN_LIMIT';
    findings.push({ ruleId: limit ? 'CITADEL-SCAN-LIMIT' : 'CITADEL-UNSCANNABLE', severity: 'medium', message: `dataset read stopped after ${rows} rows: ${toMessage(error)}`, location: { path } });
  }
  if (index.size >= MAX_INDEXED_ROWS) findings.push({ ruleId: 'CITADEL-SCAN-LIMIT', severity: 'medium', message: `duplicates and triggers were computed on the first ${MAX_INDEXED_ROWS} rows only`, location: { path } });
  findings.push(...toDatasetFindings({ path, rows, flagged, duplicates: index.listDuplicates(), triggers: index.listTriggers() }));
  return { target: { path, format: `dataset-${kind}`, bytes: (await stat(path)).size }, findings };
}

/**
 * Scans fine-tuning and training data (JSONL, JSON, CSV, Parquet): every row for obedience and
 * injection shapes (and, with `inspect`, the detect capability's injection, jailbreak, secret and
 * PII detectors), and the whole set for repeated examples and possible backdoor triggers.
 * Nothing is trained or sent anywhere.
 * @throws ScanError SCAN_NOT_FOUND, SCAN_IO or SCAN_USAGE for paths that cannot be read at all.
 * @returns a report with per-category counts, the worst rows with their line numbers, and the
 *   dataset-level signals.
 */
export async function scanDatasets(paths: readonly string[], options: DatasetScanOptions = {}): Promise<Report> {
  const started = performance.now();
  const files = await listFiles(paths);
  const targets: Target[] = [];
  const findings: Finding[] = [];
  for (const [i, file] of files.entries()) {
    const result = await scanDatasetFile(file, options, () => options.onProgress?.(i, files.length, file));
    targets.push(result.target);
    findings.push(...result.findings);
    options.onProgress?.(i + 1, files.length, file);
  }
  return { tool: { name: 'citadel', version: VERSION }, rules: SCAN_RULES, targets, findings, durationMs: performance.now() - started };
}
