// SPDX-License-Identifier: Apache-2.0
// `npm run bench:scan`: the model scanner against picklescan, in one run, on the same generated
// inputs. Prints the machine, one row per input group and tool (median wall time, peak RSS, MB/s,
// files/s, exit code and verdict), the picklescan/Citadel ratios and the targets.
// Exit code: 0 when both tools find the corpus clean and every target is met, 1 otherwise,
// 2 when the bench cannot run (no build, no picklescan checkout, no python3 with torch).
//
// Environment: RUNS (default 3), KEEP=1 (keep bench/.work/corpus and reuse it next time),
// PICKLESCAN_SRC (a picklescan checkout whose src/ holds the package; default bench/.work/picklescan),
// CITADEL_CLI (the CLI script to measure; default dist/cli/main.js).
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, cpus, release, totalmem } from 'node:os';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { BENCH_DIR, PYTHON, WORK_DIR, cleanCorpus, ensurePrerequisites, prepareCorpus } from './corpus.mjs';
import { killRunning, measure, median } from './measure.mjs';
import { describeNodeEnv, nodeEnv } from '../node-env.mjs';

const ROOT = dirname(BENCH_DIR);
const CLI = resolve(process.env.CITADEL_CLI ?? join(ROOT, 'dist', 'cli', 'main.js'));
const PICKLESCAN_SRC = resolve(process.env.PICKLESCAN_SRC ?? join(WORK_DIR, 'picklescan'));
const RUNS = Math.min(Math.max(Number.parseInt(process.env.RUNS ?? '3', 10) || 3, 1), 15);
/** A tool whose first run on a group takes longer than this is not run again on that group. */
const SLOW_MS = 30_000;

const TARGETS = {
  pickleSpeedup: 20, // picklescan time / Citadel time on the big pickle
  pickleRssMiB: 256, // Citadel peak RSS on the big pickle
  checkpointSeconds: 0.5, // Citadel wall time on the 5 GiB checkpoint
  mixedFilesPerSecond: 200, // Citadel on 1,000 model files of every format (Node start-up included)
};

/** Citadel rules saying part of an input was not scanned; every corpus file must be scanned through. */
const NOT_SCANNED_RULES = new Set(['CITADEL-NOT-A-MODEL', 'CITADEL-UNSCANNABLE', 'CITADEL-SCAN-LIMIT']);

class SetupError extends Error {}

function picklescanVersion() {
  try {
    return /^version\s*=\s*(\S+)/m.exec(readFileSync(join(PICKLESCAN_SRC, 'setup.cfg'), 'utf8'))?.[1] ?? '?';
  } catch {
    return '?';
  }
}

function checkTools() {
  if (!existsSync(CLI)) {
    throw new SetupError(`${CLI} is missing: run \`npm run build\` (\`npm run bench:scan\` builds first)`);
  }
  if (!existsSync(join(PICKLESCAN_SRC, 'src', 'picklescan', 'cli.py'))) {
    throw new SetupError(
      `picklescan not found (looked for src/picklescan/cli.py under ${PICKLESCAN_SRC}).\n` +
        '  Put a checkout of picklescan 1.0.5 (https://github.com/mmaitre314/picklescan, tag v1.0.5) at\n' +
        '  bench/.work/picklescan, or set PICKLESCAN_SRC to such a checkout. For example:\n' +
        '    git clone --depth 1 --branch v1.0.5 https://github.com/mmaitre314/picklescan bench/.work/picklescan',
    );
  }
}

/** @returns {{ name: string, version: string, args: (path: string) => [string, string[]], env: NodeJS.ProcessEnv, verdict: (r: any) => { clean: boolean, text: string } }[]} */
function tools() {
  const citadelVersion = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
  return [
    {
      name: 'citadel',
      version: citadelVersion,
      args: (path) => [process.execPath, [CLI, 'scan', path, '--json']],
      env: nodeEnv(),
      verdict: citadelVerdict,
    },
    {
      // Citadel adds threads by default only with cores to spare; this row pins it to one thread.
      name: 'citadel -j1',
      version: citadelVersion,
      args: (path) => [process.execPath, [CLI, 'scan', path, '--json', '--jobs', '1']],
      env: nodeEnv(),
      verdict: citadelVerdict,
    },
    {
      name: 'picklescan',
      version: picklescanVersion(),
      args: (path) => [PYTHON, ['-m', 'picklescan.cli', '--path', path]],
      env: { ...process.env, PYTHONPATH: join(PICKLESCAN_SRC, 'src') },
      verdict: picklescanVerdict,
    },
  ];
}

function citadelVerdict(run) {
  let report;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    return { clean: false, text: `exit ${run.code}, output is not JSON` };
  }
  const findings = Array.isArray(report.findings) ? report.findings : [];
  const bySeverity = {};
  for (const f of findings) bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
  const severe = (bySeverity.high ?? 0) + (bySeverity.critical ?? 0);
  const detail = Object.entries(bySeverity).map(([s, n]) => `${n} ${s}`).join(', ');
  const targets = Array.isArray(report.targets) ? report.targets.length : '?';
  // A corpus file Citadel did not scan through would make the comparison unfair, whatever its severity.
  const skipped = findings.filter((f) => NOT_SCANNED_RULES.has(f.ruleId));
  const skippedText = skipped.length ? `; NOT SCANNED: ${skipped.length} (${[...new Set(skipped.map((f) => f.ruleId))].join(', ')})` : '';
  return {
    clean: run.code === 0 && severe === 0 && skipped.length === 0,
    text: `${targets} targets, ${findings.length} findings${detail ? ` (${detail})` : ''}${skippedText}`,
    examples: findings.slice(0, 3).map((f) => `${f.severity} ${f.ruleId} ${f.location?.path ?? ''}: ${f.message}`),
  };
}

function picklescanVerdict(run) {
  const count = (label) => Number(new RegExp(`^${label}: (\\d+)`, 'm').exec(run.stdout)?.[1] ?? Number.NaN);
  const scanned = count('Scanned files');
  const infected = count('Infected files');
  const dangerous = count('Dangerous globals');
  const suspicious = count('Suspicious globals');
  return {
    clean: run.code === 0 && infected === 0 && dangerous === 0,
    text: `${scanned} scanned, ${infected} infected, ${dangerous} dangerous, ${suspicious} suspicious globals`,
  };
}

function machine() {
  const python = spawnSync(PYTHON, ['--version'], { encoding: 'utf8' }).stdout.trim();
  return [
    `machine: ${availableParallelism()} cores (nproc), ${cpus()[0]?.model ?? 'unknown CPU'}, ` +
      `${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Linux ${release()}`,
    `runtime: node ${process.version}, ${python}`,
    describeNodeEnv(),
  ].join('\n');
}

const fmt = (value, digits) => (Number.isFinite(value) ? value.toFixed(digits) : '-');
const rate = (value) => (!Number.isFinite(value) ? '-' : value >= 100 ? value.toFixed(0) : value.toFixed(1));
const pad = (cells, widths) => cells.map((c, i) => (i < 2 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');

async function main() {
  checkTools();
  ensurePrerequisites();
  const toolList = tools();
  console.log(machine());
  console.log(
    `tools: citadel ${toolList[0].version} (node dist/cli/main.js scan PATH --json, Node start-up included; ` +
      `'citadel -j1' adds --jobs 1, one thread); picklescan ${toolList[2].version} (python3 -m picklescan.cli --path PATH)`,
  );
  const groups = prepareCorpus();
  console.log('corpus:');
  for (const g of groups) console.log(`  ${g.id.padEnd(11)} ${String(g.files).padStart(5)} file${g.files === 1 ? ' ' : 's'}${(g.bytes / 1e6).toFixed(1).padStart(9)} MB  ${g.what}`);

  /** @type {Map<string, { runs: any[], verdicts: { clean: boolean, text: string }[] }>} */
  const results = new Map();
  for (const g of groups) {
    for (const t of toolList) results.set(`${g.id}/${t.name}`, { runs: [], verdicts: [] });
    for (let run = 1; run <= RUNS; run++) {
      for (const t of toolList) {
        const slot = results.get(`${g.id}/${t.name}`);
        if (slot.runs.length && slot.runs[0].wallMs > SLOW_MS) continue; // slow: one run is enough
        const [command, args] = t.args(g.path);
        const r = await measure(command, args, { env: t.env, cwd: ROOT });
        const verdict = t.verdict(r);
        slot.runs.push(r);
        slot.verdicts.push(verdict);
        console.log(`  run ${run}/${RUNS} ${g.id} ${t.name}: ${(r.wallMs / 1000).toFixed(3)} s, ${(r.rssKiB / 1024).toFixed(0)} MiB, exit ${r.code}${r.timedOut ? ' (timed out)' : ''}`);
        if (!verdict.clean) {
          const lines = verdict.examples ?? `${r.stdout}\n${r.stderr}`.trim().split('\n').slice(0, 12);
          const excerpt = [...lines, ...(verdict.examples ? r.stderr.trim().split('\n').slice(0, 5) : [])].filter(Boolean).join('\n    ');
          console.log(`    not clean: ${verdict.text}\n    ${excerpt}`);
        }
      }
    }
  }

  const widths = [11, 11, 4, 9, 9, 10, 10, 9, 5];
  console.log('\nResults (time: median wall time of the runs; RSS: highest peak over the runs; MB = 10^6 bytes)');
  console.log(pad(['group', 'tool', 'runs', 'time s', 'min-max', 'RSS MiB', 'MB/s', 'files/s', 'exit'], widths) + '  verdict');
  /** @type {Record<string, { time: number, rss: number, clean: boolean }>} */
  const summary = {};
  let sane = true;
  for (const g of groups) {
    for (const t of toolList) {
      const { runs, verdicts } = results.get(`${g.id}/${t.name}`);
      const times = runs.map((r) => r.wallMs / 1000);
      const time = median(times);
      const rss = Math.max(...runs.map((r) => r.rssKiB / 1024));
      const clean = verdicts.every((v) => v.clean);
      summary[`${g.id}/${t.name}`] = { time, rss, clean };
      sane &&= clean;
      const exits = [...new Set(runs.map((r) => r.code))].join(',');
      const runsText = `${runs.length}${runs.length < RUNS ? '*' : ''}`;
      console.log(
        pad([g.id, t.name, runsText, fmt(time, 3), `${fmt(Math.min(...times), 2)}-${fmt(Math.max(...times), 2)}`, fmt(rss, 0),
          rate(g.bytes / 1e6 / time), rate(g.files / time), exits], widths) + `  ${clean ? 'clean' : 'NOT CLEAN'}: ${verdicts[0].text}`,
      );
    }
  }
  if ([...results.values()].some((r) => r.runs.length < RUNS)) {
    console.log(`  * one run only: the first took longer than ${SLOW_MS / 1000} s`);
  }
  console.log('  note: picklescan walks a folder for .pkl/.pt/.bin/.zip-like names only, so it skips .npy files there and every non-pickle format in `mixed`; files/s counts every input file for both tools');

  console.log('\nRatios picklescan / citadel (above 1: Citadel faster or smaller)');
  for (const g of groups) {
    const c = summary[`${g.id}/citadel`];
    const p = summary[`${g.id}/picklescan`];
    console.log(`  ${g.id.padEnd(11)} time ${fmt(p.time / c.time, 2).padStart(7)}x   peak RSS ${fmt(p.rss / c.rss, 2).padStart(6)}x`);
  }

  const s = (id) => summary[id] ?? { time: Number.NaN, rss: Number.NaN, clean: false };
  const speedup = s('pickle/picklescan').time / s('pickle/citadel').time;
  const mixedFiles = groups.find((g) => g.id === 'mixed')?.files ?? Number.NaN;
  const targets = [
    ['pickle', `big pickle: Citadel >= ${TARGETS.pickleSpeedup}x faster than picklescan`, `${fmt(speedup, 1)}x`, speedup >= TARGETS.pickleSpeedup],
    ['pickle', `big pickle: Citadel peak RSS <= ${TARGETS.pickleRssMiB} MiB`, `${fmt(s('pickle/citadel').rss, 0)} MiB`, s('pickle/citadel').rss <= TARGETS.pickleRssMiB],
    ['checkpoint', `5 GiB checkpoint: Citadel < ${TARGETS.checkpointSeconds} s`, `${fmt(s('checkpoint/citadel').time, 3)} s`, s('checkpoint/citadel').time < TARGETS.checkpointSeconds],
    ['small', 'small files: Citadel no slower than picklescan', `${fmt(s('small/citadel').time, 3)} s vs ${fmt(s('small/picklescan').time, 3)} s`, s('small/citadel').time <= s('small/picklescan').time],
    ['mixed', `mixed formats: Citadel >= ${TARGETS.mixedFilesPerSecond} files/s`, `${rate(mixedFiles / s('mixed/citadel').time)} files/s`, mixedFiles / s('mixed/citadel').time >= TARGETS.mixedFilesPerSecond],
  ].map(([group, what, value, ok]) => {
    // A figure from a run that did not scan its input through, or disagreed, proves nothing.
    const valid = s(`${group}/citadel`).clean && s(`${group}/picklescan`).clean;
    return [what, valid ? value : `${value} (not valid: that group is not clean for both tools)`, ok && valid];
  });
  console.log('\nTargets');
  for (const [what, value, met] of targets) console.log(`  ${met ? 'met   ' : 'MISSED'}  ${what}: ${value}`);
  console.log(
    `\nSanity: ${sane ? 'both tools scan every group and find it clean (exit 0, nothing high or worse, nothing left unscanned)' : 'the tools do NOT both scan the corpus and find it clean (see above)'}`,
  );
  return sane && targets.every((t) => t[2]) ? 0 : 1;
}

process.on('SIGINT', () => {
  killRunning();
  cleanCorpus();
  process.exit(130);
});

let code;
try {
  code = await main();
} catch (error) {
  console.error(`bench: ${error instanceof SetupError ? '' : 'cannot run: '}${error.message}`);
  code = 2;
} finally {
  killRunning();
  cleanCorpus();
}
process.exitCode = code;
