// SPDX-License-Identifier: Apache-2.0
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCitadelError, toBufferSource } from '../../../src/core/index.js';
import { SNIFF_BYTES } from '../../../src/scan/formats/format.js';
import { FORMATS } from '../../../src/scan/formats/registry.js';
import { scanBytes } from '../../support/scan-bytes.js';

/**
 * One contract for every registered format (DESIGN.md "registries as data"): a real sample is
 * claimed by its own handler and by no handler before it, sniffers never throw, and truncated
 * samples become findings, never exceptions.
 */
const FIXTURES = join(import.meta.dirname, '../../fixtures/scan');
const SAMPLES: Readonly<Record<string, string>> = {
  zip: 'benign/torch_linear_state_dict.pt',
  '7z': 'malicious/archive_7z.7z',
  gzip: 'malicious/archive_targz.tar.gz',
  bz2: 'malicious/joblib_bz2.joblib',
  xz: 'malicious/joblib_xz.joblib',
  tar: 'benign/torch_legacy_tar.pt',
  zlib: 'malicious/joblib_zlib.joblib',
  npy: 'benign/numpy_float32.npy',
  'pytorch-legacy': 'benign/torch_linear_state_dict_legacy.pt',
  pickle: 'benign/std_types_p4.pkl',
  lzma: 'malicious/joblib_lzma.joblib',
  hdf5: 'benign/keras/sequential.h5',
  'hdf5-userblock': 'benign/keras/sequential_userblock.h5',
  gguf: 'benign/gguf/tiny_chatml.gguf',
  safetensors: 'benign/safetensors/two_tensors.safetensors',
  'tf-savedmodel': 'benign/tensorflow/savedmodel_dense/saved_model.pb',
  onnx: 'benign/onnx/mlp.onnx',
  'tf-graphdef': 'benign/tensorflow/frozen_conv.pb',
  json: 'benign/repo-snapshot/config.json',
};

function sample(id: string): Uint8Array {
  const file = SAMPLES[id];
  if (file === undefined) throw new Error(`no sample for format ${id}: add one to SAMPLES`);
  return readFileSync(join(FIXTURES, file));
}

describe.each(FORMATS.map((f, index) => ({ id: f.id, index, format: f })))('format $id', ({ id, index, format }) => {
  it('has a sample that it claims, and that no earlier format claims', () => {
    const bytes = sample(id);
    const head = bytes.subarray(0, SNIFF_BYTES);
    expect(format.sniff(head, toBufferSource(bytes))).toBe(true);
    const first = FORMATS.find((f) => f.sniff(head, toBufferSource(bytes)));
    expect(first?.id).toBe(FORMATS[index]?.id);
  });

  it('sniffs without throwing on short and odd heads', () => {
    for (const head of [new Uint8Array(0), Uint8Array.of(0), sample(id).subarray(0, 3), new Uint8Array(SNIFF_BYTES).fill(0xff)]) {
      expect(typeof format.sniff(head, toBufferSource(head))).toBe('boolean');
    }
  });

  it('turns truncated samples into findings, not exceptions', async () => {
    const bytes = sample(id);
    for (const cut of [0.25, 0.5, 0.9]) {
      const truncated = bytes.subarray(0, Math.max(1, Math.floor(bytes.length * cut)));
      const result = await scanBytes(truncated, `cut-${id}`).catch((error: unknown) => error);
      expect(isCitadelError(result) || result instanceof Error ? String(result) : 'ok').toBe('ok');
    }
  });
});
