// SPDX-License-Identifier: Apache-2.0
// Runs one command under GNU time and reports its wall time (our own clock, so sub-10 ms
// resolution), its peak resident set (GNU time's %M, the largest RSS of the process and of any
// child it waited for) and its exit code and output.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const GNU_TIME = '/usr/bin/time';
/** Output kept per stream; enough for a JSON report on 1,250 clean files. */
const MAX_CAPTURE = 64 * 1024 * 1024;
/** A run that takes longer than this is killed and reported as a failure. */
const DEFAULT_TIMEOUT_MS = 20 * 60 * 1000;
/** Process groups of the runs under way, so an interrupted bench can end them. */
const running = new Set();

/** Ends every run under way (their whole process groups). */
export function killRunning() {
  for (const pid of running) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  running.clear();
}

/**
 * @param {string} command
 * @param {string[]} args
 * @param {{ env?: NodeJS.ProcessEnv, cwd?: string, timeoutMs?: number }} [options]
 * @returns {Promise<{ wallMs: number, rssKiB: number, code: number | null, signal: string | null,
 *   timedOut: boolean, stdout: string, stderr: string }>}
 */
export function measure(command, args, options = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'citadel-bench-'));
  const timeFile = join(dir, 'time.txt');
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(GNU_TIME, ['-f', '%M', '-o', timeFile, command, ...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // own process group, so a timeout can end the whole run
    });
    running.add(child.pid);
    const out = { stdout: [], stderr: [], stdoutBytes: 0, stderrBytes: 0 };
    for (const name of /** @type {const} */ (['stdout', 'stderr'])) {
      child[name].on('data', (chunk) => {
        const key = /** @type {'stdoutBytes' | 'stderrBytes'} */ (`${name}Bytes`);
        if (out[key] < MAX_CAPTURE) out[name].push(chunk);
        out[key] += chunk.length;
      });
    }
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      running.delete(child.pid);
      rmSync(dir, { recursive: true, force: true });
      reject(error);
    });
    child.on('close', (code, signal) => {
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      clearTimeout(timer);
      running.delete(child.pid);
      let rssKiB = Number.NaN;
      try {
        // The last line is %M; a line before it says "Command exited with non-zero status N".
        const lines = readFileSync(timeFile, 'utf8').trim().split('\n');
        rssKiB = Number(lines[lines.length - 1]);
      } catch {
        // time was killed before writing
      }
      rmSync(dir, { recursive: true, force: true });
      resolve({
        wallMs,
        rssKiB,
        code,
        signal,
        timedOut,
        stdout: Buffer.concat(out.stdout).toString('utf8'),
        stderr: Buffer.concat(out.stderr).toString('utf8'),
      });
    });
  });
}

/** @param {number[]} values @returns {number} the median (mean of the middle two when even). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
