// SPDX-License-Identifier: Apache-2.0
import { rename, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import {
  isSeverity, toJsonReport, toSarifReport, toSeverityRank, toTableReport, type Report, type Severity,
} from '../../core/index.js';
import { ScanError, scanDatasets, scanPaths, type TextInspector } from '../../scan/index.js';
import { createProgress } from '../progress.js';
import { VERBS } from './verbs.js';

interface ScanFlags {
  readonly json?: boolean;
  readonly sarif?: string;
  readonly failOn: string;
  readonly data?: boolean;
  readonly jobs?: string;
}

const MAX_JOBS = 64;

/** @returns the --jobs value as a thread count, or undefined for the default. */
function toJobs(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > MAX_JOBS) throw new ScanError('SCAN_USAGE', `--jobs expects a whole number from 1 to ${MAX_JOBS}, got ${JSON.stringify(text)}`);
  return n;
}

/** Rule-based detections at or above this score count for the data mode, as for detect's verdicts. */
const DATA_MIN_SCORE = 0.5;
/**
 * The classifier must be surer in bulk data than on live traffic: over 100,000 training rows its
 * calibrated 0.5 threshold flags a few percent of ordinary instructions (words like "password"),
 * thousands of rows to review; the rule families of the data mode cover the planted shapes.
 */
const DATA_MIN_CLASSIFIER_SCORE = 0.9;

/** The detect capability, adapted to what the dataset scan asks of a text; loaded only for --data. */
async function loadInspector(): Promise<TextInspector> {
  const { detect } = await import('../../detect/index.js');
  return (text) => detect(text, { maxChars: 1_000_000 }).detections
    .filter((d) => d.score >= (d.ruleId.startsWith('classifier.') ? DATA_MIN_CLASSIFIER_SCORE : DATA_MIN_SCORE))
    .map((d) => ({ category: d.category, score: d.score, reason: d.reason }));
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, text);
  await rename(temp, path);
}

function toExitCode(report: Report, failOn: Severity): number {
  const worst = report.findings.filter((f) => toSeverityRank(f.severity) >= toSeverityRank(failOn));
  return worst.length ? 1 : 0;
}

/** `citadel scan PATH...`: exit 0 clean, 1 findings at or above --fail-on, 2 usage or I/O error. */
export function registerScan(program: Command): void {
  program
    .command('scan')
    .description(VERBS.scan.summary)
    .argument('<paths...>', 'files, directories or archives to scan')
    .option('--json', 'print the report as JSON on stdout')
    .option('--sarif <file>', 'also write a SARIF 2.1.0 report to <file>')
    .option('--fail-on <severity>', 'exit 1 when a finding is at or above: info, low, medium, high, critical', 'high')
    .option('--jobs <n>', 'threads scanning files at once (default: up to 4, by file count and cores)')
    .option('--data', 'scan fine-tuning or training data (JSONL, JSON, CSV, Parquet) for obedience, injection, secrets, PII, duplicates and triggers')
    .action(async (paths: string[], flags: ScanFlags) => {
      if (!isSeverity(flags.failOn)) throw new ScanError('SCAN_USAGE', `--fail-on expects info, low, medium, high or critical, got ${JSON.stringify(flags.failOn)}`);
      const jobs = toJobs(flags.jobs);
      const progress = createProgress(process.stderr);
      const onProgress = (done: number, total: number, path: string): void => { progress.update(done, total, path); };
      const report = flags.data ? await scanDatasets(paths, { inspect: await loadInspector(), onProgress }) : await scanPaths(paths, { onProgress, ...(jobs ? { jobs } : {}) });
      progress.done();
      if (flags.sarif) await writeAtomically(flags.sarif, toSarifReport(report));
      process.stdout.write(flags.json ? toJsonReport(report) : toTableReport(report));
      process.exitCode = toExitCode(report, flags.failOn);
    });
}
