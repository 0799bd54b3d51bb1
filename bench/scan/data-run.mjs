// SPDX-License-Identifier: Apache-2.0
// `npm run bench:scan-data`: `citadel scan --data` on a generated 100,000-row fine-tuning set with
// planted obedience, injection and backdoor-trigger rows. Three sets: the development set the data
// rules and the classifier's bulk-data threshold were built on (finetune-corpus.mjs); a second one
// written apart from the rules, held out for one run and then used to revise them
// (finetune-heldout.mjs); and a held-out set written apart from the rules and from both sets, never
// used to change anything (finetune-heldout2.mjs). The targets must hold on all three; the held-out
// set's figures are the ones that say how the scan does on wording it was not built on. Prints the machine,
// the median wall time over RUNS runs (Node start-up included), peak RSS, and from the JSON report
// the recall per planted kind and the share of clean rows flagged, against the targets.
// A row counts as flagged when a poisoning finding (obedience, injection) or a trigger lists its
// line; duplicate groups are dataset-level and are not counted. Secrets and personal data are
// privacy findings, not poisoning: a clean support row that quotes a customer's e-mail address is
// rightly reported, so those are printed beside the targets (share of clean rows), not in them.
// Environment: RUNS (default 3), ROWS (default 100000), SETS (default development,second,held-out), KEEP=1 keeps bench/.work/data.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeFinetuneCorpus } from './finetune-corpus.mjs';
import { makeHeldoutCorpus } from './finetune-heldout.mjs';
import { makeHeldout2Corpus } from './finetune-heldout2.mjs';
import { killRunning, measure, median } from './measure.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const CLI = resolve(process.env.CITADEL_CLI ?? join(ROOT, 'dist', 'cli', 'main.js'));
const DATA_DIR = join(ROOT, 'bench', '.work', 'data');
const RUNS = Math.min(Math.max(Number.parseInt(process.env.RUNS ?? '3', 10) || 3, 1), 15);
const ROWS = Number.parseInt(process.env.ROWS ?? '100000', 10) || 100_000;
const TARGETS = { recall: 0.95, cleanFlagged: 0.01, seconds: 30 };
const POISON_RULES = new Set(['CITADEL-DATA-OBEDIENCE', 'CITADEL-DATA-INJECTION', 'CITADEL-DATA-TRIGGER']);
const PRIVACY_RULES = new Set(['CITADEL-DATA-SECRET', 'CITADEL-DATA-PII']);

function flaggedLines(report, rules) {
  const lines = new Set();
  for (const f of report.findings) {
    if (!rules.has(f.ruleId)) continue;
    for (const line of f.detail?.lines ?? []) lines.add(line);
    if (typeof f.detail?.line === 'number') lines.add(f.detail.line);
  }
  return lines;
}

function score(report, truth) {
  const flagged = flaggedLines(report, POISON_RULES);
  const privacy = flaggedLines(report, PRIVACY_RULES);
  const byKind = {};
  for (const [i, kind] of truth.entries()) {
    byKind[kind] ??= { rows: 0, flagged: 0, privacy: 0 };
    byKind[kind].rows++;
    if (flagged.has(i + 1)) byKind[kind].flagged++;
    if (privacy.has(i + 1)) byKind[kind].privacy++;
  }
  return byKind;
}

const SETS = {
  development: { make: makeFinetuneCorpus, what: 'development set (finetune-corpus.mjs): the rules and the bulk-data threshold were built on it' },
  second: { make: makeHeldoutCorpus, what: 'second development set (finetune-heldout.mjs): written apart from the rules, held out for one run, then used to revise them' },
  'held-out': { make: makeHeldout2Corpus, what: 'held-out set (finetune-heldout2.mjs): written apart from the rules and both other sets, never used to change them' },
};

/** @returns the targets of one set, as [what, value, met] rows, after printing its runs and detection. */
async function runSet(name) {
  const { make, what } = SETS[name];
  console.log(`\n== ${what}`);
  const { lines, truth } = make(ROWS);
  mkdirSync(DATA_DIR, { recursive: true });
  const file = join(DATA_DIR, `${name}.jsonl`);
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
  console.log('Detection (rows flagged by an obedience or injection finding or a trigger; secrets and personal data apart)');
  for (const [kind, { rows, flagged, privacy }] of Object.entries(byKind)) {
    console.log(`  ${kind.padEnd(10)} ${String(flagged).padStart(6)} of ${String(rows).padStart(6)}  ${((100 * flagged) / rows).toFixed(2)}%   secret or PII: ${String(privacy).padStart(5)} (${((100 * privacy) / rows).toFixed(2)}%)`);
  }
  const planted = Object.entries(byKind).filter(([k]) => k !== 'clean');
  const clean = byKind.clean ?? { rows: 1, flagged: 0 };
  return [
    ...planted.map(([kind, v]) => [`${name}: ${kind} recall >= ${TARGETS.recall * 100}%`, `${((100 * v.flagged) / v.rows).toFixed(2)}%`, v.flagged / v.rows >= TARGETS.recall]),
    [`${name}: clean rows flagged <= ${TARGETS.cleanFlagged * 100}%`, `${((100 * clean.flagged) / clean.rows).toFixed(3)}%`, clean.flagged / clean.rows <= TARGETS.cleanFlagged],
    [`${name}: ${ROWS} rows in < ${TARGETS.seconds} s (median of ${RUNS})`, `${seconds.toFixed(2)} s, peak RSS ${(Math.max(...runs.map((r) => r.rssKiB)) / 1024).toFixed(0)} MiB`, seconds < TARGETS.seconds],
  ];
}

async function main() {
  console.log(`machine: ${availableParallelism()} cores (nproc), ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Linux ${release()}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(`runtime: node ${process.version}; tool: node dist/cli/main.js scan --data FILE --json`);
  const names = (process.env.SETS ?? 'development,second,held-out').split(',').map((n) => n.trim());
  const unknown = names.filter((n) => !Object.hasOwn(SETS, n));
  if (unknown.length) throw new Error(`SETS names ${unknown.join(', ')}; expected some of ${Object.keys(SETS).join(', ')}`);
  const targets = [];
  for (const name of names) targets.push(...(await runSet(name)));
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
