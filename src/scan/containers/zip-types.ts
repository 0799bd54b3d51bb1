// SPDX-License-Identifier: Apache-2.0

/** One file in a zip archive, as the central directory lists it and the local header places it. */
export interface ZipEntry {
  /** Position in the central directory; -1 for an entry only a streaming reader sees. */
  readonly index: number;
  /** The central directory name (the local name for a local-only entry). */
  readonly name: string;
  /** The name in the local header; undefined when the local header is missing. */
  readonly localName: string | undefined;
  readonly method: number;
  readonly flags: number;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
  /** Where miniz reads the data: local header offset + 30 + LOCAL name and extra lengths. */
  readonly dataOffset: number | undefined;
  readonly isDirectory: boolean;
  readonly isEncrypted: boolean;
}

export type ZipAnomalyKind =
  | 'crc-mismatch'
  | 'name-mismatch'
  | 'unicode-path'
  | 'duplicate-name'
  | 'local-only'
  | 'streaming-gap'
  | 'encrypted'
  | 'data-descriptor'
  | 'overlap'
  | 'prepended-data'
  | 'trailing-data'
  | 'comment'
  | 'multiple-end-records'
  | 'zip64-locator'
  | 'entry-count'
  | 'size-mismatch'
  | 'method-mismatch'
  | 'flags-mismatch'
  | 'bad-local-header'
  | 'central-directory';

/** A place where two zip readers could see different contents. */
export interface ZipAnomaly {
  readonly kind: ZipAnomalyKind;
  /** Lowercase, says what one reader sees and what another sees. */
  readonly message: string;
  readonly entry?: string;
  readonly offset?: number;
}

export interface ZipListing {
  /** Central directory entries in order, at most options.maxEntries. */
  readonly entries: readonly ZipEntry[];
  /** Entries a streaming reader finds walking local headers that the central directory omits. */
  readonly localOnly: readonly ZipEntry[];
  readonly anomalies: readonly ZipAnomaly[];
  /** True when the central directory holds more than options.maxEntries entries. */
  readonly isTruncated: boolean;
  readonly isZip64: boolean;
}

export interface ZipReadOptions {
  readonly maxEntries: number;
  /** Called in every loop; throws to stop (ScanContext.checkDeadline). */
  readonly checkDeadline?: () => void;
}
