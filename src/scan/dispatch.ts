// SPDX-License-Identifier: Apache-2.0
import { isCitadelError, toMessage, type ByteSource } from '../core/index.js';
import type { ScanContext } from './context.js';
import { SNIFF_BYTES } from './formats/format.js';
import { FORMATS } from './formats/registry.js';

/** Extensions people give model files: an unrecognised file named like this is worth a note. */
const MODEL_NAME = /\.(pt|pth|bin|ckpt|pkl|pickle|joblib|npy|npz|dat|model|mar|pb|h5|keras|onnx|gguf|safetensors|tar|zip|7z|gz|bz2|xz|lzma|z)$/i;

function isWorthNoting(context: ScanContext): boolean {
  const entry = context.location.entry;
  if (!entry?.length) return true;
  return MODEL_NAME.test(entry[entry.length - 1] ?? '');
}

/**
 * Sniffs `source` by its bytes and hands it to the first format that claims it. Errors a format
 * raises become findings for this entry, so one bad entry never hides the rest of an archive.
 */
export async function scanSource(source: ByteSource, context: ScanContext): Promise<void> {
  context.checkDeadline();
  if (source.size === 0) {
    if (isWorthNoting(context)) context.report({ ruleId: 'CITADEL-NOT-A-MODEL', severity: 'info', message: 'empty file' });
    return;
  }
  const head = source.read(0, SNIFF_BYTES);
  const handler = FORMATS.find((f) => f.sniff(head, source));
  if (!handler) {
    if (isWorthNoting(context)) context.report({ ruleId: 'CITADEL-NOT-A-MODEL', severity: 'info', message: `not a model format Citadel scans (starts with ${describeHead(head)})` });
    return;
  }
  context.noteFormat(handler.id);
  try {
    await handler.scan(source, context);
  } catch (error) {
    if (!isCitadelError(error)) throw error;
    const limit = error.code === 'SCAN_LIMIT' || error.code === 'SCAN_TIMEOUT' || error.code === 'CORE_LIMIT';
    context.report({
      ruleId: limit ? 'CITADEL-SCAN-LIMIT' : 'CITADEL-UNSCANNABLE',
      severity: 'medium',
      message: `${handler.id} not fully scanned: ${toMessage(error)}`,
      detail: { code: error.code },
    });
  }
}

function describeHead(head: Uint8Array): string {
  return Buffer.from(head.subarray(0, 8)).toString('hex').replace(/(..)/g, '$1 ').trim();
}
