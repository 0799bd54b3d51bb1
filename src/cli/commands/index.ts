// SPDX-License-Identifier: Apache-2.0
import type { Command } from 'commander';
import { registerDetect } from './detect.js';
import { registerGateway } from './gateway.js';
import { registerLedger } from './ledger.js';
import { registerScan } from './scan.js';
import { registerVault } from './vault.js';

/** Every CLI verb: one file under commands/ and one line here. */
export const COMMANDS: readonly ((program: Command) => void)[] = [
  registerScan,
  registerLedger,
  registerDetect,
  registerGateway,
  registerVault,
];
