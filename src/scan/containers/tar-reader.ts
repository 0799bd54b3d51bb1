// SPDX-License-Identifier: Apache-2.0
import { isCitadelError } from '../../core/index.js';
import type { ByteSource } from '../../core/index.js';
import { ScanError } from '../errors.js';
import { BLOCK, hasValidChecksum, isZeroBlock, parseHeader, parsePaxRecords, toFieldText } from './tar-header.js';
import type { TarHeader } from './tar-header.js';

export { hasValidChecksum, isZeroBlock } from './tar-header.js';

/** A member of a tar archive; its data is the window [dataOffset, dataOffset + size) of the archive. */
export interface TarEntry {
  readonly name: string;
  readonly linkName: string;
  /** The typeflag: '0' file, '1' hard link, '2' symlink, '5' directory, 'S' GNU sparse... */
  readonly type: string;
  readonly size: number;
  readonly headerOffset: number;
  readonly dataOffset: number;
  /** A regular file whose bytes are stored contiguously ('0', NUL or '7'), so the window is its content. */
  readonly isFile: boolean;
}

export interface TarStop {
  readonly offset: number;
  readonly reason: 'checksum' | 'truncated' | 'malformed' | 'limit';
  readonly message: string;
}

export interface TarListing {
  readonly entries: readonly TarEntry[];
  /** Why reading ended before the end-of-archive block, if it did. */
  readonly stop: TarStop | undefined;
  /** A valid header after the end-of-archive block, which only ignore_zeros readers see. */
  readonly hiddenHeaderAt: number | undefined;
}

export interface TarReadOptions {
  readonly maxEntries: number;
  readonly checkDeadline?: () => void;
}

/** Extension headers (pax, GNU long names) larger than this are refused rather than held. */
const MAX_EXTENSION_BYTES = 1 << 20;
/** Blocks after the end marker searched for hidden headers: one default 10240-byte record. */
const HIDDEN_SEARCH_BLOCKS = 20;
const FILE_TYPES = new Set(['0', '\0', '7']);
const EXTENSION_TYPES = new Set(['x', 'g', 'L', 'K']);

interface Pending {
  name?: string;
  linkName?: string;
  size?: number;
}

/**
 * Lists a ustar, pax or GNU tar archive without copying member data. Like CPython's tarfile it
 * stops at the first zero block and at the first header whose checksum fails (GNU tar instead
 * skips ahead, so what follows is reported, not silently dropped). pax `path`, `linkpath` and
 * `size` and GNU 'L'/'K' long names apply to the next member; pax 'g' records to all later ones.
 * @throws ScanError SCAN_TIMEOUT from options.checkDeadline.
 */
export function readTar(source: ByteSource, options: TarReadOptions): TarListing {
  const entries: TarEntry[] = [];
  const global = new Map<string, string>();
  let pending: Pending = {};
  let offset = 0;
  for (;;) {
    options.checkDeadline?.();
    if (offset + BLOCK > source.size) {
      const stop = offset < source.size ? toStop(offset, 'truncated', `expected a ${BLOCK}-byte header at offset ${offset}, ${source.size - offset} bytes remain`) : undefined;
      return { entries, stop, hiddenHeaderAt: undefined };
    }
    const block = source.read(offset, BLOCK);
    if (isZeroBlock(block)) return { entries, stop: undefined, hiddenHeaderAt: findHiddenHeader(source, offset + BLOCK) };
    if (!hasValidChecksum(block)) return { entries, stop: toStop(offset, 'checksum', `header checksum at offset ${offset} does not match its contents`), hiddenHeaderAt: undefined };
    if (entries.length >= options.maxEntries) return { entries, stop: toStop(offset, 'limit', `more than ${options.maxEntries} entries`), hiddenHeaderAt: undefined };
    try {
      const header = parseHeader(block);
      const size = EXTENSION_TYPES.has(header.type) ? header.size : (pending.size ?? header.size);
      if (offset + BLOCK + size > source.size) return { entries, stop: toStop(offset, 'truncated', `member at offset ${offset} declares ${size} bytes, the archive ends first`), hiddenHeaderAt: undefined };
      pending = applyHeader(source, { header, offset, size }, { entries, global, pending });
      offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    } catch (error) {
      if (!isCitadelError(error, 'SCAN_MALFORMED')) throw error;
      return { entries, stop: toStop(offset, 'malformed', error.message), hiddenHeaderAt: undefined };
    }
  }
}

function toStop(offset: number, reason: TarStop['reason'], message: string): TarStop {
  return { offset, reason, message };
}

interface Located {
  readonly header: TarHeader;
  readonly offset: number;
  readonly size: number;
}

interface ReadState {
  readonly entries: TarEntry[];
  readonly global: Map<string, string>;
  readonly pending: Pending;
}

/** @returns what the next member inherits: extension headers set it, a member consumes it. */
function applyHeader(source: ByteSource, at: Located, state: ReadState): Pending {
  const { header, offset, size } = at;
  const type = header.type;
  if (EXTENSION_TYPES.has(type)) {
    const data = readExtension(source, offset + BLOCK, size);
    if (type === 'L') return { ...state.pending, name: toFieldText(data) };
    if (type === 'K') return { ...state.pending, linkName: toFieldText(data) };
    const records = parsePaxRecords(data);
    if (type === 'g') records.forEach((value, key) => state.global.set(key, value));
    return type === 'x' ? { ...state.pending, ...toPending(records) } : state.pending;
  }
  const inherited = { ...toPending(state.global), ...state.pending };
  state.entries.push({
    name: inherited.name ?? header.name,
    linkName: inherited.linkName ?? header.linkName,
    type,
    size,
    headerOffset: offset,
    dataOffset: offset + BLOCK,
    isFile: FILE_TYPES.has(type) && !(inherited.name ?? header.name).endsWith('/'),
  });
  return {};
}

function toPending(records: ReadonlyMap<string, string>): Pending {
  const pending: Pending = {};
  const path = records.get('path');
  const linkPath = records.get('linkpath');
  const size = records.get('size');
  if (path !== undefined) pending.name = path;
  if (linkPath !== undefined) pending.linkName = linkPath;
  if (size !== undefined && /^\d+$/.test(size)) pending.size = Number(size);
  return pending;
}

function readExtension(source: ByteSource, offset: number, size: number): Uint8Array {
  if (size > MAX_EXTENSION_BYTES) {
    throw new ScanError('SCAN_MALFORMED', `expected an extension header of at most ${MAX_EXTENSION_BYTES} bytes at offset ${offset - BLOCK}, found ${size}`);
  }
  return source.read(offset, size);
}

/** A checksummed header after the end-of-archive block: hidden from CPython, seen with ignore_zeros or `tar -i`. */
function findHiddenHeader(source: ByteSource, start: number): number | undefined {
  for (let i = 0; i < HIDDEN_SEARCH_BLOCKS; i++) {
    const at = start + i * BLOCK;
    if (at + BLOCK > source.size) return undefined;
    const block = source.read(at, BLOCK);
    if (!isZeroBlock(block) && hasValidChecksum(block)) return at;
  }
  return undefined;
}
