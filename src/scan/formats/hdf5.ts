// SPDX-License-Identifier: Apache-2.0
import type { ByteSource } from '../../core/index.js';
import type { ScanContext } from '../context.js';
import { classifyKeras } from '../policy/keras.js';
import type { FormatHandler } from './format.js';
import { readHdf5RootAttributes } from './hdf5-file.js';
import { isKerasConfig, listKerasReferences } from './keras-config.js';

const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
/** Root attributes where Keras (2.x, tf.keras, Keras 3 legacy .h5) keeps what load_model rebuilds. */
const KERAS_ATTRIBUTES = ['model_config', 'training_config'];
/** A config attribute larger than this is not a real model config; it is reported, not parsed. */
const MAX_CONFIG_BYTES = 64 * 1024 * 1024;

function hasSignatureAt(bytes: Uint8Array, at: number): boolean {
  return SIGNATURE.every((b, i) => bytes[at + i] === b);
}

/**
 * HDF5 looks for its superblock at 0 and at every power of two from 512 (a "user block" may
 * precede it, HDF5 File Format Specification 3.0, section II.A), so a file padded in front is
 * still an HDF5 file to h5py and to Keras.
 */
function findSuperblock(head: Uint8Array, source: ByteSource): number {
  if (hasSignatureAt(head, 0)) return 0;
  for (let at = 512; at + SIGNATURE.length <= source.size; at *= 2) {
    if (hasSignatureAt(source.read(at, SIGNATURE.length), 0)) return at;
  }
  return -1;
}

function reportConfig(context: ScanContext, name: string, text: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    context.report({ ruleId: 'CITADEL-UNSCANNABLE', severity: 'medium', message: `hdf5 attribute ${name} is not json, so keras cannot load it and citadel cannot check it` });
    return;
  }
  if (name === 'model_config' && isKerasConfig(parsed)) context.noteFormat('keras-h5');
  for (const finding of classifyKeras(listKerasReferences(parsed))) {
    context.report({ ...finding, message: `${name}: ${finding.message}` });
  }
}

/**
 * HDF5 files, Keras' .h5 models among them. Keras rebuilds a model from the root attributes
 * `model_config` and `training_config`, and for .h5 files it deserialises Lambda bytecode even in
 * safe_mode (CVE-2025-9905), so both attributes are checked like a .keras config.json.
 */
export const hdf5Format: FormatHandler = {
  id: 'hdf5',
  sniff: (head) => hasSignatureAt(head, 0),
  scan: scanHdf5,
};

/**
 * HDF5 files with a user block: sniffed after pickle, so that bytes which run as a pickle are
 * never taken for padding in front of an HDF5 superblock.
 */
export const hdf5UserBlockFormat: FormatHandler = {
  id: 'hdf5-userblock',
  sniff: (head, source) => {
    try {
      return findSuperblock(head, source) > 0;
    } catch {
      return false;
    }
  },
  scan: scanHdf5,
};

async function scanHdf5(source: ByteSource, context: ScanContext): Promise<void> {
  const onDisk = !context.location.entry?.length;
  const attributes = await readHdf5RootAttributes(source, {
    ...(onDisk ? { path: context.location.path } : {}),
    names: KERAS_ATTRIBUTES,
    maxBytes: Math.min(context.limits.maxBufferBytes, MAX_CONFIG_BYTES),
    maxCopyBytes: context.limits.maxBufferBytes,
    heapMaxBytes: context.limits.maxBufferBytes,
    remainingMs: context.budget.deadline.remainingMs(),
  });
  for (const [name, attribute] of attributes) {
    context.checkDeadline();
    if (attribute.kind === 'text') reportConfig(context, name, attribute.text);
    if (attribute.kind === 'too-large') {
      context.report({ ruleId: 'CITADEL-SCAN-LIMIT', severity: 'medium', message: `hdf5 attribute ${name} of ${attribute.bytes} bytes is larger than a model config; not checked` });
    }
  }
}
