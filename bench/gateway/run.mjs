// SPDX-License-Identifier: Apache-2.0
// `npm run bench:gateway`: what the gateway adds to a request. A local upstream answers at once
// (JSON) or streams 32 events back to back; the same requests go (direct) straight to it,
// (a) through a bare Node proxy, (b) through Citadel with every detector on, the audit ledger on
// (SQLite) and output scanning on, and (c) through @portkey-ai/gateway. For each: p50/p99 latency
// at a fixed 1,000 req/s (open loop, timed from when each request was due) and the most req/s
// autocannon gets with 50 connections; medians over RUNS runs, targets interleaved.
// Exit 0 when every target is met, 1 otherwise, 2 when the bench cannot run.
//
// With taskset and two or more cores, the proxy under test runs on CPU 1 and the upstream and the
// load generator on CPU 0, so every proxy gets one whole core and the same load side; PIN=0
// turns this off.
//
// Environment: RUNS (default 3), SECONDS (per measurement, default 5), RATE (default 1000), PIN.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH = dirname(dirname(fileURLToPath(import.meta.url)));
const ROOT = dirname(BENCH);
const WORK = join(BENCH, '.work', 'gateway');
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const RUNS = Math.min(Math.max(Number.parseInt(process.env.RUNS ?? '3', 10) || 3, 1), 15);
const SECONDS = Math.min(Math.max(Number(process.env.SECONDS ?? '5') || 5, 1), 120);
const RATE = Math.min(Math.max(Number(process.env.RATE ?? '1000') || 1000, 10), 20_000);
const TARGETS = { addedP50Ms: 1, addedP99Ms: 3, vsBare: 0.8, vsPortkey: 2 };
const PIN = process.env.PIN !== '0' && cpus().length >= 2 && spawnSync('taskset', ['-V']).status === 0;
const LOAD_CPU = '0';
const PROXY_CPU = '1';
const children = new Set();

function fail(message, code = 2) {
  process.stderr.write(`bench:gateway: ${message}\n`);
  stopAll();
  process.exit(code);
}

function stopAll() {
  for (const child of children) child.kill('SIGTERM');
  children.clear();
}

/** Installs bench/package.json's peers (autocannon, @portkey-ai/gateway) when they are missing. */
function ensurePeers() {
  if (existsSync(join(BENCH, 'node_modules', 'autocannon')) && existsSync(join(BENCH, 'node_modules', '@portkey-ai', 'gateway'))) return;
  process.stderr.write('installing the bench peers (npm install in bench/)...\n');
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: BENCH, stdio: 'inherit' });
  if (r.status !== 0) fail('npm install in bench/ failed');
}

/** Spawns a node script and resolves when its stdout or stderr matches `ready`. */
function start(args, { ready, cwd = ROOT, env = {}, cpu = PROXY_CPU }) {
  const [command, argv] = PIN ? ['taskset', ['-c', cpu, process.execPath, ...args]] : [process.execPath, args];
  const child = spawn(command, argv, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args[0]} did not start: ${output.slice(-2000)}`)), 30_000);
    const onData = (d) => {
      output += d.toString();
      const match = ready.exec(output);
      if (match) { clearTimeout(timer); resolve({ child, match }); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`${args[0]} exited with ${code}: ${output.slice(-2000)}`)); });
  });
}

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ, 100 on Linux). */
const USER_HZ = 100;

/** @returns CPU seconds (user + system) the process has used, or NaN where /proc is missing. */
function toCpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / USER_HZ;
  } catch {
    return Number.NaN;
  }
}

const SYSTEM = 'You are the meeting assistant of ACME Corp. Answer briefly, in plain English, and only about the notes the user gives you. Never invent figures; when something is missing, say so.';
const TEAMS = ['sales', 'support', 'platform', 'design', 'finance', 'legal', 'research', 'marketing'];
/** Distinct bodies: the system prompt repeats (as it does in real traffic), the user message never does. */
const BODY_COUNT = 4096;

function toUserMessage(i) {
  const team = TEAMS[i % TEAMS.length];
  return `Summarise these notes from the ${team} meeting #${i} in three bullet points: revenue grew ${(i % 17) + 1}% over the quarter, mostly from the enterprise plan; hiring is frozen except for ${(i % 5) + 1} ${team} roles; the data retention policy moves from ${90 + (i % 30)} to 30 days for chat logs; the next release ships the audit export and the new billing page, and the team asks for ${(i % 3) + 1} more weeks of testing before the launch.`;
}

function toBodies(stream) {
  return Array.from({ length: BODY_COUNT }, (_, i) => JSON.stringify({ model: 'bench-model', messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: toUserMessage(i) }], stream, max_tokens: 200 }));
}

async function createKey(base, token) {
  const { request } = await import('undici');
  const r = await request(`${base}/admin/keys`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench', policy: { limits: { requests: 0, tokens: 0 } } }),
  });
  const created = await r.body.json();
  if (r.statusCode !== 201) throw new Error(`could not create a key: ${JSON.stringify(created)}`);
  return created.key;
}

async function startTargets() {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  const upstream = await start([join(BENCH, 'gateway', 'upstream.mjs'), '0'], { ready: /^(\d+)\n/m, cpu: LOAD_CPU });
  const upstreamOrigin = `http://127.0.0.1:${upstream.match[1]}`;
  const bare = await start([join(BENCH, 'gateway', 'bare-proxy.mjs'), '0', upstreamOrigin], { ready: /^(\d+)\n/m });
  const adminToken = 'bench-admin-token-0123456789abcdef';
  writeFileSync(join(WORK, 'gateway.yaml'), [
    'host: 127.0.0.1', 'port: 0', `dataDir: ${JSON.stringify(join(WORK, 'citadel'))}`, `adminToken: ${adminToken}`, 'logLevel: warn',
    'upstreams:', `  - url: ${upstreamOrigin}/v1`, '    connections: 128',
  ].join('\n'));
  const citadel = await start([CLI, 'gateway', '--config', join(WORK, 'gateway.yaml')], { ready: /OpenAI base URL (\S+)\/v1;/ });
  const citadelBase = citadel.match[1];
  const key = await createKey(citadelBase, adminToken);
  const portkeyPort = 18000 + Math.floor(Math.random() * 2000);
  const portkeyScript = join(BENCH, 'node_modules', '@portkey-ai', 'gateway', 'build', 'start-server.js');
  let portkey;
  try {
    const started = await start([portkeyScript, `--port=${portkeyPort}`, '--headless'], { ready: /Ready for connections/, cwd: BENCH, env: { NODE_ENV: 'production' } });
    portkey = { url: `http://127.0.0.1:${portkeyPort}`, pid: started.child.pid };
  } catch (error) {
    process.stderr.write(`@portkey-ai/gateway could not start, measured without it: ${error.message.split('\n')[0]}\n`);
  }
  const json = { 'content-type': 'application/json' };
  const targets = (stream) => {
    const bodies = toBodies(stream);
    const list = [
      { name: 'direct', url: `${upstreamOrigin}/v1/chat/completions`, headers: json, bodies },
      { name: 'bare proxy (a)', url: `http://127.0.0.1:${bare.match[1]}/v1/chat/completions`, headers: json, bodies, pid: bare.child.pid },
      { name: 'citadel (b)', url: `${citadelBase}/v1/chat/completions`, headers: { ...json, authorization: `Bearer ${key}` }, bodies, pid: citadel.child.pid },
    ];
    if (portkey) list.push({ name: 'portkey (c)', pid: portkey.pid, url: `${portkey.url}/v1/chat/completions`, headers: { ...json, authorization: 'Bearer sk-bench', 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${upstreamOrigin}/v1` }, bodies });
    return list;
  };
  return { targets, portkey: Boolean(portkey) };
}

function fmt(value, digits = 2) {
  return Number.isFinite(value) ? value.toFixed(digits) : '-';
}

async function measureMode(list, load) {
  const rows = new Map(list.map((t) => [t.name, { p50: [], p99: [], rps: [], cpuUs: [], errors: 0 }]));
  for (const t of list) await load.measureAtRate(t, { rate: RATE, seconds: 1 }); // warm-up: JIT, pools, SQLite pages
  for (let run = 0; run < RUNS; run++) {
    for (const t of list) {
      const lat = await load.measureAtRate(t, { rate: RATE, seconds: SECONDS });
      const cpuBefore = t.pid ? toCpuSeconds(t.pid) : Number.NaN;
      const max = await load.measureMax(t, { seconds: SECONDS });
      const cpuUsed = t.pid ? toCpuSeconds(t.pid) - cpuBefore : Number.NaN;
      const row = rows.get(t.name);
      row.cpuUs.push((cpuUsed * 1e6) / Math.max(1, max.rps * SECONDS));
      row.p50.push(lat.p50);
      row.p99.push(lat.p99);
      row.rps.push(max.rps);
      row.errors += lat.errors + max.errors;
    }
  }
  const out = new Map();
  for (const [name, row] of rows) out.set(name, { p50: load.median(row.p50), p99: load.median(row.p99), rps: load.median(row.rps), cpuUs: load.median(row.cpuUs), errors: row.errors });
  return out;
}

function printMode(title, results) {
  const direct = results.get('direct');
  const bare = results.get('bare proxy (a)');
  const portkey = results.get('portkey (c)');
  console.log(`\n${title}`);
  console.log('target            p50 ms   p99 ms  added p50  added p99   max req/s  vs bare  citadel/this  cpu µs/req  errors');
  for (const [name, r] of results) {
    const line = [
      name.padEnd(16), fmt(r.p50, 3).padStart(8), fmt(r.p99, 3).padStart(8),
      (name === 'direct' ? '-' : fmt(r.p50 - direct.p50, 3)).padStart(10), (name === 'direct' ? '-' : fmt(r.p99 - direct.p99, 3)).padStart(10),
      fmt(r.rps, 0).padStart(11), fmt(r.rps / bare.rps, 2).padStart(8), fmt(results.get('citadel (b)').rps / r.rps, 2).padStart(13),
      fmt(r.cpuUs, 0).padStart(11), String(r.errors).padStart(7),
    ];
    console.log(line.join(' '));
  }
  const citadel = results.get('citadel (b)');
  return {
    addedP50: citadel.p50 - direct.p50, addedP99: citadel.p99 - direct.p99, vsBare: citadel.rps / bare.rps,
    vsPortkey: portkey ? citadel.rps / portkey.rps : Number.NaN, errors: citadel.errors,
  };
}

async function main() {
  if (!existsSync(CLI)) fail(`${CLI} is missing: run \`npm run build\` (\`npm run bench:gateway\` builds first)`);
  ensurePeers();
  const load = await import('./load.mjs');
  if (PIN) spawnSync('taskset', ['-cp', LOAD_CPU, String(process.pid)], { stdio: 'ignore' });
  console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, linux ${release()}, node ${process.version}`);
  console.log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (upstream, proxy and load generator share these cores; timings are noisy when others run)`);
  console.log(PIN ? `pinning: proxy under test on cpu ${PROXY_CPU}; upstream and load generator on cpu ${LOAD_CPU}` : 'pinning: off');
  console.log(`method: ${RATE} req/s open loop for ${SECONDS} s (latency), autocannon 50 connections for ${SECONDS} s (max req/s); medians of ${RUNS} runs`);
  const { targets, portkey } = await startTargets();
  const instant = printMode('instant JSON upstream (POST /v1/chat/completions, ~700-byte prompt, a new user message each request, all detectors in and out):', await measureMode(targets(false), load));
  const stream = printMode('streaming upstream (32 events, latency to the last byte):', await measureMode(targets(true), load));
  stopAll();
  const checks = [
    [`added p50 at ${RATE} req/s <= ${TARGETS.addedP50Ms} ms`, instant.addedP50 <= TARGETS.addedP50Ms, fmt(instant.addedP50, 3)],
    [`added p99 at ${RATE} req/s <= ${TARGETS.addedP99Ms} ms`, instant.addedP99 <= TARGETS.addedP99Ms, fmt(instant.addedP99, 3)],
    [`throughput >= ${TARGETS.vsBare * 100}% of the bare proxy`, instant.vsBare >= TARGETS.vsBare, `${fmt(instant.vsBare * 100, 0)}%`],
    [`throughput >= ${TARGETS.vsPortkey}x @portkey-ai/gateway`, portkey && instant.vsPortkey >= TARGETS.vsPortkey, portkey ? `${fmt(instant.vsPortkey, 2)}x` : 'not measured'],
    ['no errors through citadel', instant.errors + stream.errors === 0, String(instant.errors + stream.errors)],
  ];
  console.log('\ntargets (instant upstream):');
  for (const [what, ok, value] of checks) console.log(`  ${ok ? 'met   ' : 'MISSED'} ${what}: ${value}`);
  process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
}

process.on('SIGINT', () => { stopAll(); process.exit(130); });
main().catch((error) => fail(error.stack ?? String(error)));
