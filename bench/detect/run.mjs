// SPDX-License-Identifier: Apache-2.0
// `npm run bench:detect`: prompts per second and per-prompt latency (p50, p99) of `detect` with
// every detector on, at 100 B, 1 KB and 16 KB, on one core (this process, one thread), and the same
// for the npm peers on the same prompts. Prompts are cut from ../shared/data/prompts/train/ (half
// attacks, half benign, fixed selection) so the text looks like traffic, not like padding.
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detect } from '../../dist/detect/index.js';
import { readCorpus } from '../../dist/detect/training/corpus.js';
import { loadPeers } from './peers.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const DATA = process.env.CITADEL_TRAIN_DATA ?? join(ROOT, '../shared/data/prompts/train');
const SIZES = [100, 1024, 16384];
const PROMPTS = 400;
const RUNS = 5;
const PEER_BUDGET_MS = 4000;

/** @returns `count` prompts of exactly `size` characters, each made of consecutive corpus rows. */
function toPrompts(rows, size, count) {
  const out = [];
  for (let i = 0; out.length < count; i++) {
    let text = '';
    for (let j = 0; text.length < size; j++) text += `${rows[(i * 7919 + j * 104729) % rows.length].text}\n`;
    out.push(text.slice(0, size));
  }
  return out;
}

function toPercentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function measure(fn, prompts, budgetMs = Infinity) {
  const latencies = [];
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (const p of prompts) {
    const t = performance.now();
    await fn(p);
    latencies.push(performance.now() - t);
    if (performance.now() - started > budgetMs) break;
  }
  const total = performance.now() - started;
  const used = process.cpuUsage(cpu);
  latencies.sort((a, b) => a - b);
  return {
    perSecond: (latencies.length / total) * 1000, perCpuSecond: (latencies.length / ((used.user + used.system) / 1000)) * 1000,
    p50: toPercentile(latencies, 0.5), p99: toPercentile(latencies, 0.99), n: latencies.length,
  };
}

const corpus = readCorpus(DATA);
const attacks = corpus.rows.filter((r) => r.label !== 'benign');
const benign = corpus.rows.filter((r) => r.label === 'benign');
console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}; one thread; shared machine, so timings are noisy`);
console.log(`detect(): all detectors (classifier, hidden text, secrets, PII, canary with one token, exfil links); medians of ${RUNS} runs of ${PROMPTS} prompts`);
const canaries = ['ctdl-k3m9x2p4q7r5s8t6'];
const { peers, failures } = process.argv.includes('--no-peers') ? { peers: [], failures: [] } : await loadPeers();
for (const f of failures) console.log(`peer not run: ${f}`);
console.log('prompts/s is wall-clock; per CPU-s divides by the CPU time this process got, which is what one dedicated core gives when the machine is busy');
console.log(`\n${'size'.padStart(6)}  ${'detector'.padEnd(36)} ${'prompts/s'.padStart(10)} ${'per CPU-s'.padStart(10)} ${'p50 ms'.padStart(9)} ${'p99 ms'.padStart(9)}  ratio (wall)`);
for (const size of SIZES) {
  const prompts = [...toPrompts(attacks, size, PROMPTS / 2), ...toPrompts(benign, size, PROMPTS / 2)];
  await measure((p) => detect(p, { canaries }), prompts);
  const runs = [];
  for (let r = 0; r < RUNS; r++) runs.push(await measure((p) => detect(p, { canaries }), prompts));
  const ours = { perSecond: median(runs.map((x) => x.perSecond)), perCpuSecond: median(runs.map((x) => x.perCpuSecond)), p50: median(runs.map((x) => x.p50)), p99: median(runs.map((x) => x.p99)) };
  const row = (name, m, ratio) => console.log(`${String(size).padStart(6)}  ${name.padEnd(36)} ${m.perSecond.toFixed(0).padStart(10)} ${m.perCpuSecond.toFixed(0).padStart(10)} ${m.p50.toFixed(4).padStart(9)} ${m.p99.toFixed(4).padStart(9)}  ${ratio}`);
  row('citadel detect', ours, '1.0x');
  for (const peer of peers) {
    await measure(peer.isAttack, prompts.slice(0, 20));
    const m = await measure(peer.isAttack, prompts, PEER_BUDGET_MS);
    row(`${peer.name} (${m.n} prompts)`, m, `citadel/peer ${(ours.perSecond / m.perSecond).toFixed(1)}x`);
  }
}
process.exit(0);
