// SPDX-License-Identifier: Apache-2.0
import { Command } from 'commander';
import { VERSION } from '../core/index.js';

/** @returns the `citadel` program with the given verbs registered; errors are thrown, not exited. */
export function createProgram(registers: readonly ((program: Command) => void)[]): Command {
  const program = new Command()
    .name('citadel')
    .description('AI-security toolkit: scan what you load, detect what you serve')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ outputError: (text, write) => { write(text); } });
  for (const register of registers) register(program);
  return program;
}
