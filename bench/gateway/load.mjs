// SPDX-License-Identifier: Apache-2.0
// Load for `npm run bench:gateway`: an open-loop generator at a fixed rate with microsecond
// latencies (autocannon's histogram counts whole milliseconds, too coarse for a 1 ms budget), and
// autocannon for the most requests per second a target answers.
import autocannon from 'autocannon';
import { Pool } from 'undici';

/** @returns the q-quantile (0..1) of sorted numbers. */
export function quantile(sorted, q) {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

export function median(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return Number.NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Sends `rate` requests per second (cycling through `target.bodies`) for `seconds`, each timed from when it was due (so queueing in
 * the target counts), reading every body to its end.
 * @returns {{ p50: number, p99: number, count: number, errors: number }} latencies in ms
 */
export async function measureAtRate(target, { rate, seconds, connections = 64 }) {
  const url = new URL(target.url);
  const pool = new Pool(url.origin, { connections, pipelining: 1, keepAliveTimeout: 60_000 });
  const total = Math.round(rate * seconds);
  const latencies = [];
  let errors = 0;
  let sent = 0;
  const pending = new Set();
  const start = performance.now();
  const fire = (due, i) => {
    const p = pool.request({ method: 'POST', path: url.pathname, headers: target.headers, body: target.bodies[i % target.bodies.length] })
      .then(async (r) => {
        await r.body.dump({ limit: 1 << 30 });
        if (r.statusCode === 200) latencies.push(performance.now() - due);
        else errors += 1;
      })
      .catch(() => { errors += 1; });
    pending.add(p);
    void p.finally(() => pending.delete(p));
  };
  while (sent < total) {
    const now = performance.now();
    while (sent < total && start + (sent * 1000) / rate <= now) {
      fire(start + (sent * 1000) / rate, sent);
      sent += 1;
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(pending);
  await pool.close();
  latencies.sort((a, b) => a - b);
  return { p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), count: latencies.length, errors };
}

/** @returns {{ rps: number, errors: number }} the mean requests per second autocannon sustained. */
export async function measureMax(target, { seconds, connections = 50 }) {
  let next = Math.floor(Math.random() * target.bodies.length);
  const result = await autocannon({
    url: target.url, method: 'POST', headers: target.headers, connections, duration: seconds, pipelining: 1,
    requests: [{ setupRequest: (request) => ({ ...request, body: target.bodies[next++ % target.bodies.length] }) }],
  });
  return { rps: result.requests.average, errors: result.errors + result.non2xx };
}
