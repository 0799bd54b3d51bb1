// SPDX-License-Identifier: Apache-2.0
import { toBufferSource } from '../../core/index.js';
import type { ByteSource } from '../../core/index.js';
import type { ScanContext } from '../context.js';
import { decompressBounded, isBzip2, isGzip, isJoblibZfile, isLzmaAlone, isXz, isZlib } from '../containers/decompress.js';
import type { CompressionKind } from '../containers/decompress.js';
import { acceptDecompressed, toOutputBudget } from '../containers/output-budget.js';
import type { FormatHandler } from './format.js';

/**
 * A compressed file is unwrapped and what it holds is scanned again from the sniffers: model.pt.gz,
 * model.tar.gz, and joblib's compressed pickles (joblib/compressor.py: zlib, gzip, bz2, xz, lzma).
 * The whole output is held in memory, bounded by the ratio, buffer and inflate budgets.
 */
function toCompressedFormat(kind: CompressionKind, sniff: (head: Uint8Array) => boolean, step: string): FormatHandler {
  return {
    id: kind,
    sniff: (head) => sniff(head),
    scan: (source, context) => scanCompressed({ kind, step }, source, context),
  };
}

export const gzipFormat: FormatHandler = toCompressedFormat('gzip', isGzip, 'gunzip');
export const bz2Format: FormatHandler = toCompressedFormat('bz2', isBzip2, 'bunzip2');
export const xzFormat: FormatHandler = toCompressedFormat('xz', isXz, 'unxz');
export const lzmaFormat: FormatHandler = toCompressedFormat('lzma', isLzmaAlone, 'unlzma');
export const zlibFormat: FormatHandler = toCompressedFormat('zlib', (head) => isZlib(head) || isJoblibZfile(head), 'inflate');

async function scanCompressed(wrapper: { readonly kind: CompressionKind; readonly step: string }, source: ByteSource, context: ScanContext): Promise<void> {
  const { kind, step } = wrapper;
  if (source.size > context.limits.maxBufferBytes) {
    context.report({ ruleId: 'CITADEL-SCAN-LIMIT', severity: 'medium', message: `${kind} input of ${source.size} bytes exceeds the ${context.limits.maxBufferBytes}-byte buffer limit; not decompressed` });
    return;
  }
  const budget = toOutputBudget(context, source.size);
  const checkDeadline = (): void => {
    context.checkDeadline();
  };
  const result = decompressBounded(kind, source.read(0, source.size), { maxBytes: budget.maxBytes, checkDeadline });
  const data = acceptDecompressed(context, { what: `${kind} data`, result, budget });
  if (data !== undefined) await context.scanChild(toBufferSource(data), `${toBaseName(context)}|${step}`);
}

/** @returns the name of what is being decompressed: the innermost entry, else the file name. */
function toBaseName(context: ScanContext): string {
  const entries = context.location.entry ?? [];
  return entries[entries.length - 1] ?? context.location.path.split(/[/\\]/).pop() ?? context.location.path;
}
