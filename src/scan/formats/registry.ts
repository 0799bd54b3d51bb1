// SPDX-License-Identifier: Apache-2.0
import { bz2Format, gzipFormat, lzmaFormat, xzFormat, zlibFormat } from './compressed.js';
import type { FormatHandler } from './format.js';
import { ggufFormat } from './gguf.js';
import { hdf5Format, hdf5UserBlockFormat } from './hdf5.js';
import { jsonDocumentFormat } from './json-document.js';
import { npyFormat } from './numpy.js';
import { onnxFormat } from './onnx.js';
import { pickleFormat } from './pickle.js';
import { withPickleReading } from './polyglot.js';
import { safetensorsFormat } from './safetensors.js';
import { sevenZipFormat } from './sevenzip.js';
import { tarFormat } from './tar.js';
import { tfGraphDefFormat, tfSavedModelFormat } from './tensorflow.js';
import { torchLegacyFormat } from './torch-legacy.js';
import { zipFormat } from './zip.js';

/**
 * Every format, in sniffing order: containers with unambiguous magic first, then formats that
 * are pickles with a recognisable prefix; then formats with their own magic or structure (HDF5,
 * GGUF, safetensors, the protobuf models, JSON configs), each of which is also read as a pickle
 * when its head runs as one; then plain pickle. HDF5 behind a user block comes after pickle, so
 * padding is never taken for a user block when it is a pickle; lzma-alone last, because its first
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
  withPickleReading(hdf5Format),
  withPickleReading(ggufFormat),
  withPickleReading(safetensorsFormat),
  withPickleReading(tfSavedModelFormat),
  withPickleReading(onnxFormat),
  withPickleReading(tfGraphDefFormat),
  jsonDocumentFormat,
  pickleFormat,
  hdf5UserBlockFormat,
  lzmaFormat,
];
