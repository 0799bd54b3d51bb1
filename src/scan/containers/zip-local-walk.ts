// SPDX-License-Identifier: Apache-2.0
import { isCitadelError } from '../../core/index.js';
import type { ByteSource } from '../../core/index.js';
import type { ZipEnd } from './zip-end.js';
import { isEncryptedFlags, readDescriptor } from './zip-checks.js';
import type { Descriptor } from './zip-checks.js';
import { FLAG_DESCRIPTOR, SIG_CENTRAL, SIG_DESCRIPTOR, SIG_END, SIG_END64, SIG_LOCAL, readLocalHeader, readU32, toName } from './zip-records.js';
import type { LocalHeader } from './zip-records.js';
import type { ZipAnomaly, ZipEntry, ZipReadOptions } from './zip-types.js';

const SEARCH_CHUNK = 1 << 20;
/** Bytes read in all while looking for descriptors of unlisted entries, so a hostile file cannot make the walk read gigabytes. */
const DESCRIPTOR_SEARCH_BYTES = 64 << 20;
const DIRECTORY_SIGNATURES = new Set([SIG_CENTRAL, SIG_END, SIG_END64]);

/** The archive as the central directory describes it. */
export interface WalkInput {
  readonly source: ByteSource;
  readonly entries: readonly ZipEntry[];
  readonly end: ZipEnd;
}

interface WalkState {
  readonly source: ByteSource;
  readonly known: ReadonlyMap<number, ZipEntry>;
  readonly end: ZipEnd;
  readonly anomalies: ZipAnomaly[];
  readonly localOnly: ZipEntry[];
  readonly options: ZipReadOptions;
  searchBudget: number;
}

/**
 * Walks local headers from offset 0 the way a streaming unzipper does (APPNOTE 4.3.6: local
 * header, data, optional descriptor, repeated) and returns the entries the central directory
 * does not list. Such entries are invisible to PyTorch and CPython but extracted by streaming tools.
 */
export function walkLocalHeaders(archive: WalkInput, options: ZipReadOptions, anomalies: ZipAnomaly[]): ZipEntry[] {
  const { source, entries, end } = archive;
  const known = new Map(entries.map((e) => [e.localHeaderOffset, e] as const));
  const state: WalkState = { source, known, end, anomalies, localOnly: [], options, searchBudget: DESCRIPTOR_SEARCH_BYTES };
  let offset = end.prependedBytes > 0 ? entries.reduce((low, e) => Math.min(low, e.localHeaderOffset), end.centralOffset) : 0;
  for (let steps = 0; steps <= entries.length + options.maxEntries; steps++) {
    options.checkDeadline?.();
    const next = stepOrStop(state, offset);
    if (next === undefined) break;
    offset = next;
  }
  return state.localOnly;
}

/** @returns the offset of the next record, or undefined when the walk ends. */
function stepOrStop(state: WalkState, offset: number): number | undefined {
  const signature = offset + 4 <= state.source.size ? readU32(state.source.read(offset, 4), 0) : -1;
  if (signature === SIG_LOCAL) {
    try {
      return stepOverEntry(state, offset);
    } catch (error) {
      if (!isCitadelError(error, 'SCAN_TRUNCATED')) throw error;
    }
  }
  if (!DIRECTORY_SIGNATURES.has(signature) && offset < state.end.centralOffset) {
    state.anomalies.push({ kind: 'streaming-gap', offset, message: `a streaming reader stops at offset ${offset} (no local header there), before the central directory at ${state.end.centralOffset}` });
  }
  return undefined;
}

function stepOverEntry(state: WalkState, offset: number): number | undefined {
  const header = readLocalHeader(state.source, offset);
  if (header === undefined) return undefined;
  const listed = state.known.get(offset);
  if (listed !== undefined) {
    const afterData = header.dataOffset + listed.compressedSize;
    return afterData + (header.flags & FLAG_DESCRIPTOR ? (readDescriptor(state.source, afterData, header.hasZip64)?.length ?? 0) : 0);
  }
  const descriptor = header.flags & FLAG_DESCRIPTOR ? findDescriptor(state, header) : undefined;
  if (header.flags & FLAG_DESCRIPTOR && descriptor === undefined) {
    recordLocalOnly(state, header, undefined);
    state.anomalies.push({ kind: 'streaming-gap', offset, message: `cannot find where the unlisted entry at offset ${offset} ends; the streaming walk stops there` });
    return undefined;
  }
  recordLocalOnly(state, header, descriptor);
  const compressedSize = descriptor?.compressedSize ?? header.compressedSize;
  return header.dataOffset + compressedSize + (descriptor?.length ?? 0);
}

function recordLocalOnly(state: WalkState, header: LocalHeader, descriptor: Descriptor | undefined): void {
  const name = toName(header.nameBytes);
  state.localOnly.push({
    index: -1,
    name,
    localName: name,
    method: header.method,
    flags: header.flags,
    crc32: descriptor?.crc32 ?? header.crc32,
    compressedSize: descriptor?.compressedSize ?? header.compressedSize,
    uncompressedSize: descriptor?.uncompressedSize ?? header.uncompressedSize,
    localHeaderOffset: header.offset,
    dataOffset: header.dataOffset,
    isDirectory: name.endsWith('/'),
    isEncrypted: isEncryptedFlags(header.flags),
  });
  state.anomalies.push({ kind: 'local-only', entry: name, offset: header.offset, message: `a local header at offset ${header.offset} holds "${name}", which the central directory does not list: only streaming readers extract it` });
}

/**
 * Finds the descriptor that ends an unlisted entry: the first descriptor signature whose
 * compressed size equals its distance from the data start, before the central directory.
 */
function findDescriptor(state: WalkState, header: LocalHeader): Descriptor | undefined {
  const limit = Math.max(state.end.centralOffset, header.dataOffset);
  for (let chunkStart = header.dataOffset; chunkStart < limit && state.searchBudget > 0; chunkStart += SEARCH_CHUNK) {
    state.options.checkDeadline?.();
    state.searchBudget -= SEARCH_CHUNK;
    const chunk = state.source.read(chunkStart, Math.min(SEARCH_CHUNK + 3, limit - chunkStart));
    for (let i = chunk.indexOf(0x50); i >= 0 && i < SEARCH_CHUNK; i = chunk.indexOf(0x50, i + 1)) {
      if (readU32(chunk, i) !== SIG_DESCRIPTOR) continue;
      const found = readDescriptor(state.source, chunkStart + i, header.hasZip64);
      if (found?.compressedSize === chunkStart + i - header.dataOffset) return found;
    }
  }
  return undefined;
}
