// SPDX-License-Identifier: Apache-2.0
// `npm run bench:ledger`: the Merkle ledger on SQLite and PostgreSQL, in one run.
//
//  1. Appends/s, batched (1,000 and 10,000 entries per append, each batch one transaction and one
//     signed checkpoint), against the same ledger fed one entry per append (the naive baseline).
//  2. At 10^6 entries: inclusion and consistency proof size, generation time (from stored subtree
//     hashes, O(log n) reads) and verification time, against the naive baseline that reads every
//     leaf hash and rebuilds the tree for each proof.
//
// Prints the machine (and its load: timings on a shared machine are noisy), medians over RUNS runs
// and the ratios, then the issue's targets. Exit code 0 when every target is met, 1 otherwise,
// 2 when the bench cannot run (no build).
//
// Environment: RUNS (default 3), ENTRIES (proof log size, default 1000000), PG_ENTRIES (default
// ENTRIES; 0 skips PostgreSQL proofs), CITADEL_BENCH_PG_URL (default the test database; an
// unreachable server skips the PostgreSQL rows and says so).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { randomBytes } from 'node:crypto';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = join(ROOT, 'dist');
const RUNS = Math.min(Math.max(Number.parseInt(process.env.RUNS ?? '3', 10) || 3, 1), 15);
const ENTRIES = Number.parseInt(process.env.ENTRIES ?? '1000000', 10);
const PG_ENTRIES = Number.parseInt(process.env.PG_ENTRIES ?? String(ENTRIES), 10);
const PG_URL = process.env.CITADEL_BENCH_PG_URL ?? process.env.CITADEL_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const TARGETS = { sqliteAppendsPerSecond: 50_000, proveMs: 1, verifyMs: 0.1 };

if (!existsSync(join(DIST, 'ledger', 'index.js'))) {
  process.stderr.write('dist/ is missing: run `npm run build` (`npm run bench:ledger` builds first)\n');
  process.exit(2);
}
const ledgerApi = await import(pathToFileURL(join(DIST, 'ledger', 'index.js')).href);
const storeApi = await import(pathToFileURL(join(DIST, 'store', 'index.js')).href);
const { openLedger, openSigner, toLeafHash, verifyInclusion, verifyConsistency, hashChildren } = ledgerApi;
const { openStore } = storeApi;

const work = mkdtempSync(join(tmpdir(), 'citadel-bench-ledger-'));
const signer = await openSigner({ dir: join(work, 'key'), name: 'bench.citadel/ledger' });
const pgSchemas = [];

/** A gateway audit record of typical size (about 230 bytes of canonical JSON). */
function toEntry(i) {
  return {
    kind: 'gateway.decision', ts: 1_767_225_600_000 + i, request: `req_${i.toString(36).padStart(8, '0')}`,
    key: `vk_${(i % 97).toString(16).padStart(6, '0')}`, route: '/v1/chat/completions', model: 'gpt-4o-mini',
    verdict: i % 50 === 0 ? 'block' : 'allow', rule: i % 50 === 0 ? 'CITADEL-INJECTION' : null, score: (i % 1000) / 1000,
    tokens: { in: 200 + (i % 700), out: 50 + (i % 300) },
  };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function openBackend(kind) {
  if (kind === 'sqlite') return openStore(`sqlite:${join(work, `${randomBytes(4).toString('hex')}.db`)}`);
  const schema = `citadel_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  pgSchemas.push(schema);
  return openStore(PG_URL, { schema });
}

async function isPostgresUp() {
  try {
    const store = await openStore(PG_URL, { schema: 'public' });
    await store.close();
    return true;
  } catch {
    return false;
  }
}

/**
 * @returns appends/s over `count` entries appended `batch` at a time into a fresh log: by the wall
 * clock, and per second of this process's CPU time (steadier on a shared machine; for PostgreSQL
 * it leaves out the server's own CPU)
 */
async function measureAppends(kind, batch, count) {
  const store = await openBackend(kind);
  try {
    const ledger = await openLedger({ store, signer, origin: 'bench.citadel/ledger' });
    const started = performance.now();
    const cpu = process.cpuUsage();
    for (let at = 0; at < count; at += batch) {
      const entries = Array.from({ length: Math.min(batch, count - at) }, (_, i) => toEntry(at + i));
      await ledger.append(entries);
    }
    const used = process.cpuUsage(cpu);
    return { wall: count / ((performance.now() - started) / 1000), cpu: count / ((used.user + used.system) / 1e6) };
  } finally {
    await store.close();
  }
}

async function benchAppends(kind) {
  const rows = [];
  const scale = kind === 'sqlite' ? 1 : 0.5;
  for (const [label, batch, count] of [['1 per append (baseline)', 1, 2_000 * scale], ['1,000 per append', 1_000, 200_000 * scale], ['10,000 per append', 10_000, 200_000 * scale]]) {
    const rates = [];
    for (let run = 0; run < RUNS; run += 1) rates.push(await measureAppends(kind, batch, count));
    rows.push({ label, batch, rate: median(rates.map((r) => r.wall)), cpuRate: median(rates.map((r) => r.cpu)), runs: rates.map((r) => r.wall) });
  }
  return rows;
}

/** Builds a log of `size` entries, 10,000 per append. @returns the open ledger and store */
async function buildLog(kind, size) {
  const store = await openBackend(kind);
  const ledger = await openLedger({ store, signer, origin: 'bench.citadel/ledger' });
  const started = performance.now();
  for (let at = 0; at < size; at += 10_000) await ledger.append(Array.from({ length: Math.min(10_000, size - at) }, (_, i) => toEntry(at + i)));
  return { store, ledger, buildRate: size / ((performance.now() - started) / 1000) };
}

/** The naive baseline: read every leaf hash, rebuild the tree, and walk it for the audit path. */
async function proveNaively(store, index, size) {
  const rows = await store.all('SELECT leaf FROM ledger_entries WHERE log_id = 1 AND idx < ? ORDER BY idx', [size]);
  let level = rows.map((r) => r.leaf);
  const path = [];
  let i = index;
  // RFC 6962 trees are left-full: promote a lone right node unchanged to the next level.
  while (level.length > 1) {
    const sibling = i % 2 === 0 ? i + 1 : i - 1;
    if (sibling < level.length) path.push(level[sibling]);
    const next = [];
    for (let j = 0; j < level.length; j += 2) next.push(j + 1 < level.length ? hashChildren(level[j], level[j + 1]) : level[j]);
    level = next;
    i = Math.floor(i / 2);
  }
  return { path, root: level[0] };
}

async function benchProofs(kind, size) {
  const { store, ledger, buildRate } = await buildLog(kind, size);
  try {
    const root = await ledger.rootHash();
    const indexes = Array.from({ length: 1000 }, () => Math.floor(Math.random() * size));
    const proofs = [];
    const proveMs = [];
    for (const index of indexes) {
      const started = performance.now();
      proofs.push(await ledger.proveInclusion(index, size));
      proveMs.push(performance.now() - started);
    }
    const leaves = indexes.map((index) => toLeafHash(toEntry(index)));
    const verifyMs = [];
    for (let round = 0; round < 10; round += 1) {
      proofs.forEach((proof, k) => {
        const started = performance.now();
        verifyInclusion(leaves[k], proof, root);
        verifyMs.push(performance.now() - started);
      });
    }
    const from = Math.floor(size / 3) + 1;
    const fromRoot = await ledger.rootHash(from);
    const consistencyMs = [];
    let consistency;
    for (let round = 0; round < 200; round += 1) {
      const started = performance.now();
      consistency = await ledger.proveConsistency(from, size);
      consistencyMs.push(performance.now() - started);
    }
    const consistencyVerifyMs = [];
    for (let round = 0; round < 2000; round += 1) {
      const started = performance.now();
      verifyConsistency(consistency, fromRoot, root);
      consistencyVerifyMs.push(performance.now() - started);
    }
    const verifyStarted = performance.now();
    const replay = await ledger.verify();
    const fullVerifyS = (performance.now() - verifyStarted) / 1000;
    if (replay.size !== size) throw new Error(`verify replayed ${replay.size} entries, expected ${size}`);
    const naiveMs = [];
    for (const index of indexes.slice(0, RUNS)) {
      const started = performance.now();
      const naive = await proveNaively(store, index, size);
      naiveMs.push(performance.now() - started);
      const ours = proofs[indexes.indexOf(index)];
      if (!naive.root.equals(Buffer.from(root)) || naive.path.length !== ours.path.length || !naive.path.every((h, j) => h.equals(ours.path[j]))) throw new Error('naive baseline disagrees with the ledger');
    }
    return {
      buildRate, size, pathHashes: median(proofs.map((p) => p.path.length)), maxPathHashes: Math.max(...proofs.map((p) => p.path.length)),
      proveMs: median(proveMs), proveP99: [...proveMs].sort((a, b) => a - b)[Math.floor(proveMs.length * 0.99)], verifyMs: median(verifyMs),
      consistencyHashes: consistency.path.length, consistencyMs: median(consistencyMs), consistencyVerifyMs: median(consistencyVerifyMs), naiveMs: median(naiveMs), fullVerifyS,
    };
  } finally {
    await store.close();
  }
}

function printMachine() {
  const cpu = cpus();
  console.log(`machine: ${cpu.length} × ${cpu[0]?.model ?? '?'}, ${fmt(totalmem() / 2 ** 30, 1)} GiB, linux ${release()}, node ${process.version}`);
  console.log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (the machine is shared: timings are noisy, rerun when it is quiet)`);
  console.log(`runs per figure: ${RUNS} (median); entry: ${JSON.stringify(toEntry(1)).length} bytes of JSON`);
}

function printAppends(kind, rows) {
  const base = rows[0].rate;
  console.log(`\nappends/s on ${kind} (each append one transaction and one signed checkpoint)`);
  for (const row of rows) {
    console.log(`  ${row.label.padEnd(26)} ${fmt(row.rate).padStart(9)} /s   ×${fmt(row.rate / base, 1)} vs baseline   runs: ${row.runs.map((r) => fmt(r)).join(', ')}   per cpu-second: ${fmt(row.cpuRate)}`);
  }
}

function printProofs(kind, p) {
  console.log(`\nproofs at ${fmt(p.size)} entries on ${kind} (log built at ${fmt(p.buildRate)} appends/s, 10,000 per append)`);
  console.log(`  inclusion proof: ${p.pathHashes} hashes (${p.pathHashes * 32} bytes; at most ${p.maxPathHashes})`);
  console.log(`  generate (median of 1,000 random k): ${fmt(p.proveMs, 3)} ms  (p99 ${fmt(p.proveP99, 3)} ms)`);
  console.log(`  verify (median of 10,000):          ${fmt(p.verifyMs, 4)} ms`);
  console.log(`  naive baseline (read all leaves, rebuild tree): ${fmt(p.naiveMs, 0)} ms per proof  → stored subtrees are ×${fmt(p.naiveMs / p.proveMs, 0)} faster`);
  console.log(`  consistency proof ${fmt(Math.floor(p.size / 3) + 1)} → ${fmt(p.size)}: ${p.consistencyHashes} hashes, generate ${fmt(p.consistencyMs, 3)} ms, verify ${fmt(p.consistencyVerifyMs, 4)} ms`);
  console.log(`  full replay (ledger.verify: every entry, hash and checkpoint): ${fmt(p.fullVerifyS, 1)} s, ${fmt(p.size / p.fullVerifyS)} entries/s`);
}

async function main() {
  printMachine();
  const pgUp = await isPostgresUp();
  if (!pgUp) console.log(`\npostgresql at ${PG_URL} is not reachable: its rows are skipped`);
  const sqliteAppends = await benchAppends('sqlite');
  printAppends('sqlite', sqliteAppends);
  if (pgUp) printAppends('postgresql', await benchAppends('postgresql'));
  const sqliteProofs = await benchProofs('sqlite', ENTRIES);
  printProofs('sqlite', sqliteProofs);
  const pgProofs = pgUp && PG_ENTRIES > 0 ? await benchProofs('postgresql', PG_ENTRIES) : undefined;
  if (pgProofs) printProofs('postgresql', pgProofs);

  const best = Math.max(...sqliteAppends.slice(1).map((r) => r.rate));
  const checks = [
    [`sqlite batched appends ≥ ${fmt(TARGETS.sqliteAppendsPerSecond)}/s`, best >= TARGETS.sqliteAppendsPerSecond, `${fmt(best)}/s`],
    [`inclusion proof at ${fmt(ENTRIES)} generated ≤ ${TARGETS.proveMs} ms (sqlite)`, sqliteProofs.proveMs <= TARGETS.proveMs, `${fmt(sqliteProofs.proveMs, 3)} ms`],
    [`inclusion proof verified ≤ ${TARGETS.verifyMs} ms`, sqliteProofs.verifyMs <= TARGETS.verifyMs, `${fmt(sqliteProofs.verifyMs, 4)} ms`],
  ];
  console.log('\ntargets (issue 5)');
  for (const [what, ok, got] of checks) console.log(`  ${ok ? 'met    ' : 'NOT MET'} ${what}: ${got}`);
  return checks.every(([, ok]) => ok) ? 0 : 1;
}

let code = 2;
try {
  code = await main();
} finally {
  if (pgSchemas.length > 0) {
    const store = await openStore(PG_URL, { schema: 'public' }).catch(() => undefined);
    for (const schema of pgSchemas) await store?.run(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await store?.close();
  }
  rmSync(work, { recursive: true, force: true });
}
process.exitCode = code;
