// SPDX-License-Identifier: Apache-2.0
import { isCitadelError } from '../../core/index.js';
import type { ByteSource } from '../../core/index.js';
import { readCentralDirectory } from './zip-central.js';
import type { CentralRecord } from './zip-central.js';
import { checkDuplicateNames, checkOverlaps, compareLocalHeader, isEncryptedFlags } from './zip-checks.js';
import { locateEnd } from './zip-end.js';
import type { ZipEnd } from './zip-end.js';
import { walkLocalHeaders } from './zip-local-walk.js';
import { readLocalHeader, toName } from './zip-records.js';
import type { LocalHeader } from './zip-records.js';
import type { ZipAnomaly, ZipEntry, ZipListing, ZipReadOptions } from './zip-types.js';

export { openZipEntry } from './zip-entry.js';
export type { ZipAnomaly, ZipAnomalyKind, ZipEntry, ZipListing, ZipReadOptions } from './zip-types.js';

/**
 * Lists a zip archive the way PyTorch's miniz reader does, reading only the end records, the
 * central directory and the local headers (a multi-gigabyte checkpoint costs a few reads), and
 * reports every place where another reader (CPython's zipfile, a streaming unzipper, 7-Zip)
 * would see something else. Entry data is located from the central directory's local header
 * offset plus the LOCAL header's name and extra lengths; flags and CRCs are not enforced.
 *
 * CRCs are checked when an entry is opened (openZipEntry), not here, because that needs the data.
 * @throws ScanError SCAN_MALFORMED when there is no end record or central directory to read.
 * @throws ScanError SCAN_TIMEOUT from options.checkDeadline.
 * @returns the entries (at most options.maxEntries), local-only entries and anomalies.
 */
export function readZip(source: ByteSource, options: ZipReadOptions): ZipListing {
  const anomalies: ZipAnomaly[] = [];
  const end = locateEnd(source, anomalies);
  const central = readCentralDirectory({ source, end }, options, anomalies);
  const state: ReadState = { source, end, anomalies };
  const entries = central.records.map((record) => {
    options.checkDeadline?.();
    return toEntry(state, record);
  });
  checkDuplicateNames(entries, anomalies);
  checkOverlaps(entries, end.centralOffset, anomalies);
  // With the directory cut short, its unread entries would all look local-only; skip the walk.
  const localOnly = central.isTruncated ? [] : walkLocalHeaders({ source, entries, end }, options, anomalies);
  return { entries, localOnly, anomalies, isTruncated: central.isTruncated, isZip64: end.isZip64 };
}

interface ReadState {
  readonly source: ByteSource;
  readonly end: ZipEnd;
  readonly anomalies: ZipAnomaly[];
}

function toEntry(state: ReadState, record: CentralRecord): ZipEntry {
  const { source, end, anomalies } = state;
  const local = findLocalHeader(source, record, end);
  if (local === undefined) {
    anomalies.push({ kind: 'bad-local-header', entry: record.name, offset: record.localHeaderOffset, message: `expected a local header for "${record.name}" at offset ${record.localHeaderOffset}, found none: no reader can extract it` });
  } else {
    compareLocalHeader({ source, record, local }, anomalies);
  }
  return {
    index: record.index,
    name: record.name,
    localName: local === undefined ? undefined : toName(local.nameBytes),
    method: record.method,
    flags: record.flags,
    crc32: record.crc32,
    compressedSize: record.compressedSize,
    uncompressedSize: record.uncompressedSize,
    localHeaderOffset: local?.offset ?? record.localHeaderOffset,
    dataOffset: local?.dataOffset,
    isDirectory: record.name.endsWith('/'),
    isEncrypted: isEncryptedFlags(record.flags | (local?.flags ?? 0)),
  };
}

/** miniz reads at the offset as written; CPython adds the prepended byte count; take whichever has a header. */
function findLocalHeader(source: ByteSource, record: CentralRecord, end: ZipEnd): LocalHeader | undefined {
  const offsets = end.prependedBytes > 0 ? [record.localHeaderOffset, record.localHeaderOffset + end.prependedBytes] : [record.localHeaderOffset];
  for (const offset of offsets) {
    try {
      const local = readLocalHeader(source, offset);
      if (local !== undefined) return local;
    } catch (error) {
      if (!isCitadelError(error, 'SCAN_TRUNCATED')) throw error;
    }
  }
  return undefined;
}
