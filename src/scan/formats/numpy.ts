// SPDX-License-Identifier: Apache-2.0
import { ByteReader } from '../../core/index.js';
import { ScanError } from '../errors.js';
import type { FormatHandler } from './format.js';
import { scanPickleStream } from './pickle-stream.js';

const MAGIC = Uint8Array.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]);
/** numpy/lib/format.py refuses headers over this unless told otherwise. */
const MAX_HEADER = 10_000;
/** A dtype string with the object type code: np.load needs allow_pickle and unpickles the data. */
const OBJECT_DESCR = /['"][<>|=]?O\d*['"]/;

interface NpyHeader {
  readonly text: string;
  readonly dataOffset: number;
}

/**
 * Reads the .npy header (numpy/lib/format.py, NEP 1): magic, version, little-endian header
 * length (2 bytes in 1.0, 4 in 2.0 and 3.0), then a Python dict literal.
 */
function readHeader(reader: ByteReader): NpyHeader {
  reader.skip(MAGIC.length);
  const major = reader.u8();
  reader.u8();
  if (major < 1 || major > 3) throw new ScanError('SCAN_MALFORMED', `npy version ${major} is not 1, 2 or 3`);
  const length = major === 1 ? reader.u16le() : reader.u32le();
  if (length > MAX_HEADER) throw new ScanError('SCAN_LIMIT', `npy header of ${length} bytes exceeds ${MAX_HEADER}`);
  const text = major === 3 ? reader.utf8(length) : reader.latin1(length);
  if (!/'descr'\s*:/.test(text) || !/'shape'\s*:/.test(text)) throw new ScanError('SCAN_MALFORMED', 'npy header lacks descr or shape');
  return { text, dataOffset: reader.offset };
}

export const npyFormat: FormatHandler = {
  id: 'npy',
  sniff: (head) => head.length >= 8 && MAGIC.every((b, i) => head[i] === b),
  async scan(source, context) {
    const header = readHeader(new ByteReader(source));
    if (!OBJECT_DESCR.test(header.text)) return;
    context.noteFormat('npy-object');
    const found = await scanPickleStream(source, context, { start: header.dataOffset, maxPickles: 1 });
    if (found === 0) {
      context.report({ ruleId: 'CITADEL-UNSCANNABLE', severity: 'medium', offset: header.dataOffset, message: 'object array data is not a readable pickle' });
    }
  },
};
