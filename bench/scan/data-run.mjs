// SPDX-License-Identifier: Apache-2.0
// `npm run bench:scan-data`: `citadel scan --data` on a generated 100,000-row fine-tuning set with
// planted obedience, injection and backdoor-trigger rows (finetune-corpus.mjs). Prints the machine,
// the median wall time over RUNS runs (Node start-up included), peak RSS, and from the JSON report
// the recall per planted kind and the share of clean rows flagged, against the targets.
// A row counts as flagged when a row-level finding (obedience, injection, secret, PII) or a trigger
// lists its line; duplicate groups are dataset-level and are not counted.
// Environment: RUNS (default 3), ROWS (default 100000), KEEP=1 keeps bench/.work/data.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeFinetuneCorpus } from './finetune-corpus.mjs';
import { killRunning, measure, median } from './measure.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const CLI = resolve(process.env.CITADEL_CLI ?? join(ROOT, 'dist', 'cli', 'main.js'));
const DATA_DIR = join(ROOT, 'bench', '.work', 'data');
const RUNS = Math.min(Math.max(Number.parseInt(process.env.RUNS ?? '3', 10) || 3, 1), 15);
const ROWS = Number.parseInt(process.env.ROWS ?? '100000', 10) || 100_000;
const TARGETS = { recall: 0.95, cleanFlagged: 0.01, seconds: 30 };
const ROW_RULES = new Set(['CITADEL-DATA-OBEDIENCE', 'CITADEL-DATA-INJECTION', 'CITADEL-DATA-SECRET', 'CITADEL-DATA-PII', 'CITADEL-DATA-TRIGGER']);

function flaggedLines(report) {
  const lines = new Set();
  for (const f of report.findings) {
    if (!ROW_RULES.has(f.ruleId)) continue;
    for (const line of f.detail?.lines ?? []) lines.add(line);
    if (typeof f.detail?.line === 'number') lines.add(f.detail.line);
  }
  return lines;
}

function score(report, truth) {
  const flagged = flaggedLines(report);
  const byKind = {};
  for (const [i, kind] of truth.entries()) {
    byKind[kind] ??= { rows: 0, flagged: 0 };
    byKind[kind].rows++;
    if (flagged.has(i + 1)) byKind[kind].flagged++;
  }
  return byKind;
}

async function main() {
  console.log(`machine: ${availableParallelism()} cores (nproc), ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Linux ${release()}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(`runtime: node ${process.version}; tool: node dist/cli/main.js scan --data FILE --json`);
  const { lines, truth } = makeFinetuneCorpus(ROWS);
  mkdirSync(DATA_DIR, { recursive: true });
  const file = join(DATA_DIR, 'finetune.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  const counts = truth.reduce((acc, k) => ({ ...acc, [k]: (acc[k] ?? 0) + 1 }), {});
  console.log(`corpus: ${ROWS} rows (${Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(', ')}), ${(lines.join('\n').length / 1e6).toFixed(1)} MB JSONL`);
  const runs = [];
  let byKind;
  for (let run = 1; run <= RUNS; run++) {
    const r = await measure(process.execPath, [CLI, 'scan', '--data', file, '--json'], { cwd: ROOT });
    runs.push(r);
    console.log(`  run ${run}/${RUNS}: ${(r.wallMs / 1000).toFixed(2)} s, ${(r.rssKiB / 1024).toFixed(0)} MiB, exit ${r.code}`);
    if (run === 1) byKind = score(JSON.parse(r.stdout), truth);
  }
  const seconds = median(runs.map((r) => r.wallMs / 1000));
  console.log('\nDetection (rows flagged by a row finding or a trigger)');
  for (const [kind, { rows, flagged }] of Object.entries(byKind)) console.log(`  ${kind.padEnd(10)} ${String(flagged).padStart(6)} of ${String(rows).padStart(6)}  ${((100 * flagged) / rows).toFixed(2)}%`);
  const planted = Object.entries(byKind).filter(([k]) => k !== 'clean');
  const clean = byKind.clean ?? { rows: 1, flagged: 0 };
  const targets = [
    ...planted.map(([kind, v]) => [`${kind} recall >= ${TARGETS.recall * 100}%`, `${((100 * v.flagged) / v.rows).toFixed(2)}%`, v.flagged / v.rows >= TARGETS.recall]),
    [`clean rows flagged <= ${TARGETS.cleanFlagged * 100}%`, `${((100 * clean.flagged) / clean.rows).toFixed(3)}%`, clean.flagged / clean.rows <= TARGETS.cleanFlagged],
    [`${ROWS} rows in < ${TARGETS.seconds} s (median of ${RUNS})`, `${seconds.toFixed(2)} s, peak RSS ${(Math.max(...runs.map((r) => r.rssKiB)) / 1024).toFixed(0)} MiB`, seconds < TARGETS.seconds],
  ];
  console.log('\nTargets');
  for (const [what, value, met] of targets) console.log(`  ${met ? 'met   ' : 'MISSED'}  ${what}: ${value}`);
  return targets.every((t) => t[2]) ? 0 : 1;
}

let code;
try {
  code = await main();
} catch (error) {
  console.error(`bench: cannot run: ${error.message}`);
  code = 2;
} finally {
  killRunning();
  if (process.env.KEEP !== '1') rmSync(DATA_DIR, { recursive: true, force: true });
}
process.exitCode = code;
