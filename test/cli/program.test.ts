// SPDX-License-Identifier: Apache-2.0
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS, registerListings } from '../../src/cli/commands/index.js';
import type { Verb } from '../../src/cli/commands/verbs.js';
import { createProgram } from '../../src/cli/program.js';

const MAIN = join(import.meta.dirname, '../../dist/cli/main.js');
const { version } = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string };

function run(...args: string[]): { status: number | null; stdout: string } {
  const r = spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout };
}

describe('citadel', () => {
  it('prints its version for --version and -V, exit 0', () => {
    for (const flag of ['--version', '-V']) expect(run(flag)).toEqual({ status: 0, stdout: `${version}\n` });
  });

  it('lists every verb in --help', () => {
    const r = run('--help');
    expect(r.status).toBe(0);
    for (const verb of ['scan', 'detect', 'ledger', 'gateway', 'vault']) expect(r.stdout).toMatch(new RegExp(`^\\s+${verb}\\b`, 'm'));
  });

  it('prints the same program help from its verb listings as with every verb loaded', async () => {
    const verbs = Object.keys(COMMANDS) as Verb[];
    const loaded = createProgram(await Promise.all(verbs.map((verb) => COMMANDS[verb]())));
    const listed = createProgram([registerListings]);
    expect(listed.helpInformation()).toBe(loaded.helpInformation());
  });

  it('answers `help VERB` with that verb\'s own help', () => {
    const r = run('help', 'scan');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: citadel scan \[options\] <paths\.\.\.>/);
    expect(r.stdout).toContain('--fail-on');
  });
});
