// SPDX-License-Identifier: Apache-2.0
import { toBufferSource } from '../../core/index.js';
import type { ByteSource } from '../../core/index.js';
import type { ScanContext } from '../context.js';
import { reportUnsafePaths } from '../containers/archive-findings.js';
import { reportBomb, toOutputBudget } from '../containers/output-budget.js';
import type { OutputBudget } from '../containers/output-budget.js';
import { withSevenZip } from '../containers/sevenzip.js';
import type { SevenZipFile, SevenZipSession } from '../containers/sevenzip.js';
import type { FormatHandler } from './format.js';

/** Signature header magic, 7-Zip's 7zFormat.txt "SignatureHeader". */
const MAGIC = [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c];

/**
 * 7z archives, through 7-Zip compiled to wasm. The archive is held in memory (so it must fit the
 * buffer bound), listed first, and extracted only when the declared sizes fit the budgets.
 */
export const sevenZipFormat: FormatHandler = {
  id: '7z',
  sniff: (head) => MAGIC.every((b, i) => head[i] === b),
  scan: scanSevenZip,
};

async function scanSevenZip(source: ByteSource, context: ScanContext): Promise<void> {
  if (source.size > context.limits.maxBufferBytes) {
    context.report({ ruleId: 'CITADEL-SCAN-LIMIT', severity: 'medium', message: `7z archive of ${source.size} bytes exceeds the ${context.limits.maxBufferBytes}-byte buffer limit; not opened` });
    return;
  }
  const budget = toOutputBudget(context, source.size);
  const limits = { remainingMs: () => context.budget.deadline.remainingMs(), heapMaxBytes: context.limits.maxBufferBytes };
  const files = await withSevenZip(source.read(0, source.size), limits, (session) => extractWithinBudget(session, context, budget));
  for (const file of files) {
    context.checkDeadline();
    await context.scanChild(toBufferSource(file.data), file.name);
  }
}

/** Sizes in 7z headers bound what 7-Zip's decoders write, so they are checked before extracting. */
async function extractWithinBudget(session: SevenZipSession, context: ScanContext, budget: OutputBudget): Promise<SevenZipFile[]> {
  const entries = await session.list();
  reportUnsafePaths(context, entries.map((e) => e.name));
  if (entries.length > context.limits.maxEntries) {
    context.report({ ruleId: 'CITADEL-SCAN-LIMIT', severity: 'medium', message: `the 7z archive lists ${entries.length} entries, more than ${context.limits.maxEntries}; not extracted` });
    return [];
  }
  const encrypted = entries.filter((e) => e.isEncrypted).map((e) => e.name);
  if (encrypted.length > 0) {
    context.report({ ruleId: 'CITADEL-UNSCANNABLE', severity: 'medium', message: `the 7z archive is encrypted (${encrypted.slice(0, 5).join(', ')}${encrypted.length > 5 ? ', ...' : ''}); not extracted`, detail: { reason: 'encrypted' } });
    return [];
  }
  const declared = entries.reduce((sum, e) => sum + (e.isDirectory ? 0 : e.size), 0);
  if (declared > budget.maxBytes) {
    reportBomb(context, 'the 7z archive', budget);
    return [];
  }
  const files = await session.extractAll();
  const extracted = files.reduce((sum, f) => sum + f.data.length, 0);
  if (extracted > budget.maxBytes) {
    reportBomb(context, 'the 7z archive', budget);
    return [];
  }
  context.chargeInflated(extracted);
  return files;
}
