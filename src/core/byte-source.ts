// SPDX-License-Identifier: Apache-2.0
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { CitadelError } from './errors.js';

/**
 * Random access to bytes that may not fit in memory: a file read on demand, a buffer, or a window
 * of either. Stored zip entries of a multi-gigabyte checkpoint are read through this without
 * copying the tensors.
 */
export interface ByteSource {
  readonly size: number;
  /** @returns up to `length` bytes at `offset` (fewer only at the end). */
  read(offset: number, length: number): Uint8Array;
}

/** @returns a source over an in-memory buffer; reads are views, not copies. */
export function toBufferSource(buffer: Uint8Array): ByteSource {
  return {
    size: buffer.length,
    read: (offset, length) => buffer.subarray(offset, Math.min(buffer.length, offset + length)),
  };
}

/** @returns a source over `length` bytes of `source` starting at `offset`. */
export function toSliceSource(source: ByteSource, offset: number, length: number): ByteSource {
  const size = Math.max(0, Math.min(length, source.size - offset));
  return {
    size,
    read: (at, n) => source.read(offset + at, Math.max(0, Math.min(n, size - at))),
  };
}

/** A file opened for on-demand reads. Call `close` when done. */
export interface FileSource extends ByteSource {
  close(): void;
}

/**
 * @throws CitadelError CORE_IO when the file cannot be opened or read.
 * @returns a source reading `path` on demand.
 */
export function openFileSource(path: string): FileSource {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new CitadelError('CORE_IO', `cannot open ${path}: ${(error as Error).message}`, { cause: error });
  }
  const size = fstatSync(fd).size;
  if (size <= WHOLE_FILE_BYTES) return toWholeFileSource(fd, size);
  return {
    size,
    read(offset, length) {
      const n = Math.max(0, Math.min(length, size - offset));
      const out = Buffer.allocUnsafe(n);
      let done = 0;
      while (done < n) {
        const got = readSync(fd, out, done, n - done, offset + done);
        if (got === 0) break;
        done += got;
      }
      return done === n ? out : out.subarray(0, done);
    },
    close: () => {
      closeSync(fd);
    },
  };
}

/** Files up to this size are read with one call: most model files in a folder scan are small. */
const WHOLE_FILE_BYTES = 4 * 1024 * 1024;

function toWholeFileSource(fd: number, size: number): FileSource {
  const buffer = Buffer.allocUnsafe(size);
  let done = 0;
  try {
    while (done < size) {
      const got = readSync(fd, buffer, done, size - done, done);
      if (got === 0) break;
      done += got;
    }
  } finally {
    closeSync(fd);
  }
  const view = buffer.subarray(0, done);
  return { ...toBufferSource(view), close: () => undefined };
}

/** @returns the whole source as one buffer, refusing sources over `maxBytes`. */
export function readAll(source: ByteSource, maxBytes: number): Uint8Array {
  if (source.size > maxBytes) {
    throw new CitadelError('CORE_LIMIT', `input of ${source.size} bytes exceeds the ${maxBytes}-byte buffer limit`);
  }
  return source.read(0, source.size);
}
