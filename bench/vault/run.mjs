// SPDX-License-Identifier: Apache-2.0
// `npm run bench:vault`: vault seal and release against `age -e` / `age -d`, in one run, on the
// same generated files (100 MB, 1 GB, 8 GB by default). Each tool runs as its own process under
// GNU time, so wall time and peak RSS include start-up, key unlocking (scrypt) and, for Citadel,
// the OMS manifest hashed on worker threads, fsync before rename, and digest checks on release.
// Prints the machine, one row per size and operation (median MB/s and peak RSS of each tool, and
// the Citadel/age throughput ratio), then the targets. Exit 0 when every target is met, 1 when
// one is not, 2 when the bench cannot run (no build, no age, no GNU time).
//
// Only seal and release are timed (`citadel vault seal` / `release`); keygen, request and approve
// run through the same CLI untimed.
//
// Environment: SIZES (default "100M,1G,8G"), RUNS (default 3), BENCH_DIR (default: a temp dir).
import { spawnSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeNodeEnv, nodeEnv } from '../node-env.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const RUNS = Math.min(Math.max(Number.parseInt(process.env.RUNS ?? '3', 10) || 3, 1), 9);
const UNITS = { M: 1e6, G: 1e9 };
const SIZES = (process.env.SIZES ?? '100M,1G,8G').split(',').map((s) => ({ label: s, bytes: Number.parseFloat(s) * (UNITS[s.slice(-1)] ?? 1) }));
const TARGETS = { ratio: 1.0, rssMiB8G: 128 };
const PASSPHRASE = 'bench passphrase, not a secret';

function fail(message) {
  process.stderr.write(`bench:vault: ${message}\n`);
  process.exit(2);
}

function run(command, args, env = {}) {
  const timing = join(WORK, 'time.txt');
  const r = spawnSync('/usr/bin/time', ['-o', timing, '-f', '%e %M', command, ...args], { env: command === process.execPath ? nodeEnv(env) : { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 16 << 20 });
  if (r.status !== 0) fail(`${command} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const [seconds, kib] = readFileSync(timing, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  return { seconds, rssMiB: kib / 1024, stdout: r.stdout };
}

function vault(args) {
  const withKey = args.includes('--key') ? ['--passphrase-env', 'BENCH_PASS'] : [];
  return run(process.execPath, [CLI, 'vault', ...args, '--dir', join(WORK, 'vault'), ...withKey], { BENCH_PASS: PASSPHRASE });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function generate(path, bytes) {
  const fd = openSync(path, 'w');
  const block = Buffer.alloc(16 << 20);
  for (let done = 0; done < bytes; done += block.length) writeSync(fd, randomFillSync(block), 0, Math.min(block.length, bytes - done));
  closeSync(fd);
}

function setUp() {
  for (const name of ['alice', 'bob', 'op', 'req']) vault(['keygen', '--name', name, '--key', join(WORK, `${name}.key`), '--pub', join(WORK, `${name}.pub`)]);
  vault(['init', '--threshold', '2', '--custodian', join(WORK, 'alice.pub'), '--custodian', join(WORK, 'bob.pub'), '--operator', join(WORK, 'op.pub')]);
  vault(['budget', '--vault-bytes', 'none', '--requester-bytes', 'none']);
  spawnSync('age-keygen', ['-o', join(WORK, 'age.key')], { stdio: 'ignore' });
  return spawnSync('age-keygen', ['-y', join(WORK, 'age.key')], { encoding: 'utf8' }).stdout.trim();
}

function releaseOnce(model, out) {
  const request = JSON.parse(vault(['request', '--model', model, '--purpose', 'bench', '--key', join(WORK, 'req.key'), '--json']).stdout).request;
  vault(['approve', request, '--key', join(WORK, 'alice.key')]);
  vault(['approve', request, '--key', join(WORK, 'bob.key')]);
  return vault(['release', request, '--out', out, '--key', join(WORK, 'req.key')]);
}

function benchSize(size, recipient) {
  const input = join(WORK, `model-${size.label}`);
  mkdirSync(input);
  generate(join(input, 'weights.bin'), size.bytes);
  const rows = { seal: { ours: [], age: [], ageSync: [] }, release: { ours: [], age: [], ageSync: [] } };
  for (let i = 0; i < RUNS; i++) {
    const model = `m-${size.label}-${i}`;
    const ageOut = join(WORK, 'weights.age');
    // Alternate who goes first, so page-cache warmth favours neither.
    // age does not fsync its output; Citadel does before it renames. `age+sync` adds sync(1) on the
    // output file, the same durability, as a second peer.
    const sealAge = () => {
      rows.seal.age.push(run('age', ['-e', '-r', recipient, '-o', ageOut, join(input, 'weights.bin')]));
      rmSync(ageOut);
      rows.seal.ageSync.push(run('sh', ['-c', 'age -e -r "$1" -o "$2" "$3" && sync "$2"', 'sh', recipient, ageOut, join(input, 'weights.bin')]));
    };
    const sealOurs = () => rows.seal.ours.push(vault(['seal', input, '--model', model, '--key', join(WORK, 'op.key')]));
    if (i % 2) { sealAge(); sealOurs(); } else { sealOurs(); sealAge(); }
    const plainOut = join(WORK, 'weights.out');
    const out = join(WORK, `released-${i}`);
    const openAge = () => {
      rows.release.age.push(run('age', ['-d', '-i', join(WORK, 'age.key'), '-o', plainOut, ageOut]));
      rmSync(plainOut);
      rows.release.ageSync.push(run('sh', ['-c', 'age -d -i "$1" -o "$2" "$3" && sync "$2"', 'sh', join(WORK, 'age.key'), plainOut, ageOut]));
      rmSync(plainOut);
    };
    const openOurs = () => { rows.release.ours.push(releaseOnce(model, out)); rmSync(out, { recursive: true }); };
    if (i % 2) { openAge(); openOurs(); } else { openOurs(); openAge(); }
    rmSync(ageOut);
    for (const blob of spawnSync('ls', [join(WORK, 'vault', 'blobs')], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean)) rmSync(join(WORK, 'vault', 'blobs', blob));
  }
  rmSync(input, { recursive: true });
  return Object.entries(rows).map(([op, r]) => {
    const mbps = (list) => size.bytes / 1e6 / median(list.map((x) => x.seconds));
    const rss = (list) => Math.max(...list.map((x) => x.rssMiB));
    return { size: size.label, op, ours: mbps(r.ours), age: mbps(r.age), ageSync: mbps(r.ageSync), ratio: mbps(r.ours) / mbps(r.age), ratioSync: mbps(r.ours) / mbps(r.ageSync), oursRss: rss(r.ours), ageRss: rss(r.age) };
  });
}

if (!existsSync(CLI)) fail('no build: run npm run build first');
if (spawnSync('age', ['--version']).status !== 0) fail('no age CLI: apt-get install age');
if (!existsSync('/usr/bin/time')) fail('no GNU time: apt-get install time');
const WORK = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'citadel-bench-vault-'));
try {
  const ageVersion = spawnSync('age', ['--version'], { encoding: 'utf8' }).stdout.trim();
  console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, linux ${release()}, node ${process.version}, age ${ageVersion}`);
  console.log(describeNodeEnv());
  console.log(`runs per size: ${RUNS} (median wall time; peak RSS is the max over runs); load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at start: shared machine, timings are noisy`);
  const recipient = setUp();
  console.log('size  op       citadel MB/s   age MB/s   ratio   age+sync MB/s   ratio   citadel peak RSS   age peak RSS');
  const results = [];
  for (const size of SIZES) {
    for (const r of benchSize(size, recipient)) {
      results.push(r);
      console.log(`${r.size.padEnd(5)} ${r.op.padEnd(8)} ${r.ours.toFixed(0).padStart(12)} ${r.age.toFixed(0).padStart(10)} ${r.ratio.toFixed(2).padStart(7)}x ${r.ageSync.toFixed(0).padStart(14)} ${r.ratioSync.toFixed(2).padStart(7)}x ${r.oursRss.toFixed(0).padStart(14)} MiB ${r.ageRss.toFixed(0).padStart(10)} MiB`);
    }
  }
  console.log(`load average at end: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const worst = Math.min(...results.map((r) => r.ratio));
  const big = results.filter((r) => r.size === '8G');
  const bigRss = big.length ? Math.max(...big.map((r) => r.oursRss)) : NaN;
  const ratioMet = worst >= TARGETS.ratio;
  const rssMet = big.length === 0 || bigRss <= TARGETS.rssMiB8G;
  console.log(`target: throughput >= ${TARGETS.ratio.toFixed(1)}x age for seal and release: worst ${worst.toFixed(2)}x ${ratioMet ? 'met' : 'NOT met'}`);
  console.log(`target: peak RSS <= ${TARGETS.rssMiB8G} MiB on 8G: ${big.length ? `${bigRss.toFixed(0)} MiB ${rssMet ? 'met' : 'NOT met'}` : 'not measured (8G not in SIZES)'}`);
  process.exitCode = ratioMet && rssMet ? 0 : 1;
} finally {
  rmSync(WORK, { recursive: true, force: true });
}
