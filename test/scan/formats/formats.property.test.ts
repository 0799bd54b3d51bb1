// SPDX-License-Identifier: Apache-2.0
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCitadelError } from '../../../src/core/index.js';
import { describeTemplate } from '../../../src/scan/formats/chat-template.js';
import { toCodeSummary } from '../../../src/scan/formats/python-marshal.js';
import { listPythonUses } from '../../../src/scan/python-source.js';
import { FUZZ_RUNS, FUZZ_TIME_MS } from '../../support/fuzz.js';
import { scanBytes } from '../../support/scan-bytes.js';
import { readFixture } from './format-samples.js';

/** One real file per new format: mutations of these reach deep into each parser. */
const SEEDS: Readonly<Record<string, Uint8Array>> = {
  gguf: readFixture('benign/gguf/tiny_chatml.gguf'),
  safetensors: readFixture('benign/safetensors/two_tensors.safetensors'),
  onnx: readFixture('benign/onnx/if_subgraph.onnx'),
  'tf-savedmodel': readFixture('benign/tensorflow/savedmodel_dense/saved_model.pb'),
  'tf-graphdef': readFixture('benign/tensorflow/frozen_conv.pb'),
  json: readFixture('benign/chat-templates/qwen-2.5-instruct-tools.tokenizer_config.json'),
  keras: readFixture('malicious/keras/lambda_bytecode.keras'),
  hdf5: readFixture('benign/keras/sequential.h5'),
};
const CASE_MS = 2000;
/**
 * Each case's scan budget: a parser must stop itself within it, and a library that cannot (the
 * HDF5 library loops on some mutated files) must be stopped from outside, so CASE_MS holds.
 */
const BUDGET_MS = 1500;

type Mutation = { kind: 'byte' | 'word' | 'cut' | 'dup'; at: number; value: number };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('byte' as const, 'word' as const, 'cut' as const, 'dup' as const),
  at: fc.nat(),
  value: fc.constantFrom(0, 1, 0x7f, 0xff, 0xffff, 0x7fffffff, 0xffffffff, 0x7b, 0x2e),
});

function applyMutations(seed: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let bytes = Buffer.from(seed);
  for (const m of mutations) {
    if (bytes.length === 0) break;
    const at = m.at % bytes.length;
    if (m.kind === 'byte') bytes[at] = m.value & 0xff;
    else if (m.kind === 'cut') bytes = bytes.subarray(0, at);
    else if (m.kind === 'dup') bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at, at + 64), bytes.subarray(at)]);
    else if (at + 4 <= bytes.length) bytes.writeUInt32LE(m.value >>> 0, at);
  }
  return bytes;
}

describe.each(Object.entries(SEEDS))('mutated %s files', (id, seed) => {
  const runs = id === 'hdf5' || id === 'keras' ? Math.ceil(FUZZ_RUNS / 3) : FUZZ_RUNS;
  it('scan to findings within time, never throwing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 6 }), async (mutations) => {
        const started = performance.now();
        const { findings } = await scanBytes(applyMutations(seed, mutations), `fuzz-${id}`, { maxTimeMs: BUDGET_MS });
        expect(Array.isArray(findings)).toBe(true);
        expect(performance.now() - started).toBeLessThan(CASE_MS);
      }),
      { numRuns: runs, interruptAfterTimeLimit: FUZZ_TIME_MS },
    );
  });
});

const templatePiece = fc.oneof(
  fc.constantFrom('{{ ', ' }}', '{% ', ' %}', '{%- if x %}', '{% endif %}', '{% for m in messages %}', '{% endfor %}', '(', ')', '[', ']', '|', '.', "'", '"',
    '__class__', 'attr', 'cycler', 'namespace(', '{#', '#}', '\\x5f', 'not ', '~', ','),
  fc.string({ maxLength: 8 }),
);

describe('text parsers on arbitrary input', () => {
  it('describeTemplate never throws and always returns hits', () => {
    fc.assert(
      fc.property(fc.array(templatePiece, { maxLength: 60 }), (pieces) => {
        expect(Array.isArray(describeTemplate(pieces.join('')).hits)).toBe(true);
      }),
      { numRuns: FUZZ_RUNS, interruptAfterTimeLimit: FUZZ_TIME_MS },
    );
  });

  it('listPythonUses never throws on arbitrary text', () => {
    const piece = fc.oneof(fc.constantFrom('import ', 'from ', ' as ', '.', '(', ')', '"', "'''", '#', '\n', 'os', 'system', ',', '\\\n'), fc.string({ maxLength: 6 }));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 80 }), (pieces) => {
        expect(Array.isArray(listPythonUses(pieces.join('')))).toBe(true);
      }),
      { numRuns: FUZZ_RUNS, interruptAfterTimeLimit: FUZZ_TIME_MS },
    );
  });

  it('toCodeSummary returns or raises a CitadelError on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), (bytes) => {
        try {
          toCodeSummary(bytes);
        } catch (error) {
          expect(isCitadelError(error)).toBe(true);
        }
      }),
      { numRuns: FUZZ_RUNS, interruptAfterTimeLimit: FUZZ_TIME_MS },
    );
  });
});
