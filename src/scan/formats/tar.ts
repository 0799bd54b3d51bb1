// SPDX-License-Identifier: Apache-2.0
import { toSliceSource } from '../../core/index.js';
import type { ByteSource } from '../../core/index.js';
import type { ScanContext } from '../context.js';
import { reportUnsafePaths } from '../containers/archive-findings.js';
import { hasValidChecksum, isZeroBlock, readTar } from '../containers/tar-reader.js';
import type { TarListing } from '../containers/tar-reader.js';
import type { FormatHandler } from './format.js';
import { isTorchTar, scanTorchTarMember } from './torch-tar.js';

const HEADER_BYTES = 512;
const LINK_TYPES = new Set(['1', '2']);

/**
 * ustar, pax and GNU tar archives, including the legacy PyTorch tar checkpoint (torch.save
 * before 0.4): every regular member is scanned as a window on the archive, never copied.
 */
export const tarFormat: FormatHandler = {
  id: 'tar',
  sniff: (head) => head.length >= HEADER_BYTES && !isZeroBlock(head.subarray(0, HEADER_BYTES)) && hasValidChecksum(head.subarray(0, HEADER_BYTES)),
  scan: scanTar,
};

async function scanTar(source: ByteSource, context: ScanContext): Promise<void> {
  const listing = readTar(source, { maxEntries: context.limits.maxEntries, checkDeadline: () => {
    context.checkDeadline();
  } });
  const linkTargets = listing.entries.filter((e) => LINK_TYPES.has(e.type)).map((e) => e.linkName);
  reportUnsafePaths(context, [...listing.entries.map((e) => e.name), ...linkTargets]);
  reportEnding(context, listing);
  const torch = isTorchTar(listing.entries.map((e) => e.name));
  if (torch) context.noteFormat('pytorch-tar');
  for (const entry of listing.entries) {
    context.checkDeadline();
    if (entry.type === 'S') {
      context.toChild(entry.name).report({ ruleId: 'CITADEL-UNSCANNABLE', severity: 'medium', message: `"${entry.name}" is a gnu sparse member, whose stored bytes are not its content; not scanned` });
    } else if (entry.isFile) {
      const member = toSliceSource(source, entry.dataOffset, entry.size);
      if (!torch || !(await scanTorchTarMember(entry.name, member, context))) await context.scanChild(member, entry.name);
    }
  }
}

/**
 * CPython's tarfile ends at a bad checksum or a zero block; GNU tar skips bad headers and, with
 * -i, zero blocks. Whatever lies beyond is reported rather than silently dropped.
 */
function reportEnding(context: ScanContext, listing: TarListing): void {
  const stop = listing.stop;
  if (stop?.reason === 'checksum') {
    context.report({ ruleId: 'CITADEL-ARCHIVE-DIVERGENCE', severity: 'high', offset: stop.offset, message: `${stop.message}: cpython's tarfile stops there, gnu tar skips to the next header; nothing after it was scanned`, detail: { kind: 'bad-checksum' } });
  } else if (stop?.reason === 'limit') {
    context.report({ ruleId: 'CITADEL-SCAN-LIMIT', severity: 'medium', offset: stop.offset, message: `the archive holds ${stop.message}; the rest was not scanned` });
  } else if (stop !== undefined) {
    context.report({ ruleId: 'CITADEL-UNSCANNABLE', severity: 'medium', offset: stop.offset, message: `${stop.message}; the rest was not scanned` });
  }
  if (listing.hiddenHeaderAt !== undefined) {
    context.report({ ruleId: 'CITADEL-ARCHIVE-DIVERGENCE', severity: 'high', offset: listing.hiddenHeaderAt, message: `a header at offset ${listing.hiddenHeaderAt} follows the end-of-archive block: readers that skip zero blocks (tar -i, ignore_zeros) extract more`, detail: { kind: 'hidden-after-end' } });
  }
}
