// SPDX-License-Identifier: Apache-2.0
import * as zlib from 'node:zlib';
import type { ByteSource } from '../../core/index.js';

const CHUNK = 1 << 20;

/** node:zlib has crc32 from Node 20.15; earlier 20.x releases get the table below. */
const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

let table: Uint32Array | undefined;

function toTable(): Uint32Array {
  if (table !== undefined) return table;
  table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/** @returns the CRC-32 (ISO 3309, as zip and gzip use it) of `data`, continuing from `value`. */
export function computeCrc32(data: Uint8Array, value = 0): number {
  if (nativeCrc32 !== undefined) return nativeCrc32(data, value);
  const t = toTable();
  let c = (value ^ 0xffffffff) >>> 0;
  for (const byte of data) c = (t[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** @returns the CRC-32 of a whole source, read a megabyte at a time. */
export function computeSourceCrc32(source: ByteSource, checkDeadline?: () => void): number {
  let value = 0;
  for (let at = 0; at < source.size; at += CHUNK) {
    checkDeadline?.();
    value = computeCrc32(source.read(at, CHUNK), value);
  }
  return value;
}
