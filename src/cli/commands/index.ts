// SPDX-License-Identifier: Apache-2.0
import type { Command } from 'commander';
import { registerScan } from './scan.js';

/** Every CLI verb: one file under commands/ and one line here. */
export const COMMANDS: readonly ((program: Command) => void)[] = [
  registerScan,
];
