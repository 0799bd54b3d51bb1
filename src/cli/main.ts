#!/usr/bin/env node
// SPDX-License-Identifier: Apache-2.0
import { CommanderError } from 'commander';
import { isCitadelError, toMessage } from '../core/index.js';
import { loadCommands, toNamedVerb } from './commands/index.js';
import { createProgram } from './program.js';
import { tuneForShortRun } from './tiering.js';

/** Exit status for usage and I/O errors, distinct from 1 ("findings"). */
const EXIT_ERROR = 2;

async function main(argv: readonly string[]): Promise<void> {
  tuneForShortRun(toNamedVerb(argv));
  const program = createProgram(await loadCommands(argv));
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
