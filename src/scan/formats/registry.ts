// SPDX-License-Identifier: Apache-2.0
import { bz2Format, gzipFormat, lzmaFormat, xzFormat, zlibFormat } from './compressed.js';
import type { FormatHandler } from './format.js';
import { npyFormat } from './numpy.js';
import { pickleFormat } from './pickle.js';
import { sevenZipFormat } from './sevenzip.js';
import { tarFormat } from './tar.js';
import { torchLegacyFormat } from './torch-legacy.js';
import { zipFormat } from './zip.js';

/**
 * Every format, in sniffing order: containers with unambiguous magic first, then formats that
 * are pickles with a recognisable prefix, then plain pickle; lzma-alone last, because its first
 * byte (0x5d) is also the pickle opcode EMPTY_LIST.
 */
export const FORMATS: readonly FormatHandler[] = [
  zipFormat,
  sevenZipFormat,
  gzipFormat,
  bz2Format,
  xzFormat,
  tarFormat,
  zlibFormat,
  npyFormat,
  torchLegacyFormat,
  pickleFormat,
  lzmaFormat,
];
