// SPDX-License-Identifier: Apache-2.0
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const MAIN = join(import.meta.dirname, '../../../dist/cli/main.js');

export interface GatewayProcess {
  readonly child: ChildProcess;
  /** The OpenAI base URL it printed. */
  readonly url: string;
  readonly stderr: () => string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Runs `citadel gateway ARGS` and waits until it prints its URL. */
export function spawnGateway(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<GatewayProcess> {
  const child = spawn(process.execPath, [MAIN, 'gateway', ...args], { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => { child.once('exit', (code) => { resolve(code); }); });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`gateway did not start: ${stderr}`)); }, 20_000);
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString('utf8');
      const match = /OpenAI base URL (\S+);/.exec(stderr);
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolve({
        child, url: match[1], stderr: () => stderr,
        stop: () => { child.kill('SIGTERM'); return exited; },
      });
    });
    void exited.then((code) => { clearTimeout(timer); reject(new Error(`gateway exited with ${String(code)}: ${stderr}`)); });
  });
}
