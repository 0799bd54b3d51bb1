// SPDX-License-Identifier: Apache-2.0
// The environment the benches start Citadel's CLI in. NODE_EXTRA_CA_CERTS makes every Node process
// read and parse that CA bundle before any script runs (a fixed start-up cost, tens of ms for a
// distribution bundle); the commands timed here open no TLS connection, so by default it is left
// out of their environment, and the bench says so with the cost measured on this machine.
// BENCH_KEEP_NODE_ENV=1 keeps the environment as it is.
import { spawnSync } from 'node:child_process';

const DROPPED = ['NODE_EXTRA_CA_CERTS'];
const KEEP = process.env.BENCH_KEEP_NODE_ENV === '1';

/** @returns the environment for a timed Node command: the bench's own, minus DROPPED unless kept. */
export function nodeEnv(extra = {}) {
  const env = { ...process.env, ...extra };
  if (!KEEP) for (const name of DROPPED) delete env[name];
  return env;
}

function startMs(env) {
  const times = [];
  for (let i = 0; i < 7; i++) {
    const t = process.hrtime.bigint();
    spawnSync(process.execPath, ['-e', '0'], { env, stdio: 'ignore' });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return times.sort((a, b) => a - b)[3];
}

/** @returns one line for the bench header: what was dropped and what it costs a Node start here. */
export function describeNodeEnv() {
  const present = DROPPED.filter((name) => process.env[name] !== undefined);
  if (present.length === 0) return 'node env: as given (none of NODE_EXTRA_CA_CERTS set)';
  const withVars = startMs(process.env);
  const without = startMs(nodeEnv());
  if (KEEP) return `node env: as given (BENCH_KEEP_NODE_ENV=1): ${present.join(', ')} kept; node -e 0 takes ${withVars.toFixed(0)} ms with it, ${without.toFixed(0)} ms without`;
  return `node env: ${present.join(', ')} left out of Citadel's runs (node -e 0: ${withVars.toFixed(0)} ms with it, ${without.toFixed(0)} ms without; the timed commands open no TLS connection; BENCH_KEEP_NODE_ENV=1 keeps it)`;
}
