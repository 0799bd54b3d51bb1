// SPDX-License-Identifier: Apache-2.0
import type { FormatHandler } from './format.js';
import { npyFormat } from './numpy.js';
import { pickleFormat } from './pickle.js';
import { torchLegacyFormat } from './torch-legacy.js';

/**
 * Every format, in sniffing order: containers with unambiguous magic first, then formats that
 * are pickles with a recognisable prefix, then plain pickle last.
 */
export const FORMATS: readonly FormatHandler[] = [
  npyFormat,
  torchLegacyFormat,
  pickleFormat,
];
