// SPDX-License-Identifier: Apache-2.0
import { isPickleByTrial } from '../pickle/trial.js';
import type { FormatHandler } from './format.js';
import { scanPickleStream } from './pickle-stream.js';

/** Raw pickles of protocols 0-5, and joblib files (pickles with array bytes between opcodes). */
export const pickleFormat: FormatHandler = {
  id: 'pickle',
  sniff: (head) => isPickleByTrial(head),
  async scan(source, context) {
    const found = await scanPickleStream(source, context);
    if (found === 0) {
      context.report({ ruleId: 'CITADEL-NOT-A-MODEL', severity: 'info', message: 'starts like a pickle but does not parse as one' });
    }
  },
};
