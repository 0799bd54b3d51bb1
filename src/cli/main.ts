#!/usr/bin/env node
// SPDX-License-Identifier: Apache-2.0
import { Command, CommanderError } from 'commander';
import { VERSION, isCitadelError, toMessage } from '../core/index.js';
import { loadCommands } from './commands/index.js';

/** Exit status for usage and I/O errors, distinct from 1 ("findings"). */
const EXIT_ERROR = 2;

async function main(argv: readonly string[]): Promise<void> {
  const program = new Command()
    .name('citadel')
    .description('AI-security toolkit: scan what you load, detect what you serve')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ outputError: (text, write) => { write(text); } });
  for (const register of await loadCommands(argv)) register(program);
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : EXIT_ERROR;
      return;
    }
    const code = isCitadelError(error) ? `${error.code}: ` : '';
    process.stderr.write(`citadel: ${code}${toMessage(error)}\n`);
    process.exitCode = EXIT_ERROR;
  }
}

await main(process.argv);
