// SPDX-License-Identifier: Apache-2.0
import type { FormatHandler } from './format.js';
import { scanPickleStream } from './pickle-stream.js';

/**
 * torch.save before 1.6 (and `_use_new_zipfile_serialization=False`): five pickles (magic
 * number 0x1950a86a20f9469cfc6c, protocol version, sys_info, the object, storage keys), then raw
 * storage bytes (torch/serialization.py `_legacy_save`). Only the pickles are code.
 */
const MAGIC_PICKLE = Uint8Array.from([0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, 0x2e]);
const LEGACY_PICKLES = 5;

export const torchLegacyFormat: FormatHandler = {
  id: 'pytorch-legacy',
  sniff: (head) => head.length >= MAGIC_PICKLE.length && MAGIC_PICKLE.every((b, i) => head[i] === b),
  async scan(source, context) {
    await scanPickleStream(source, context, { maxPickles: LEGACY_PICKLES });
  },
};
