// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { listKerasReferences } from '../../../src/scan/formats/keras-config.js';
import { classifyKeras } from '../../../src/scan/policy/keras.js';
import { scanBytes } from '../../support/scan-bytes.js';
import { readFixture, toRules, utf8 } from './format-samples.js';

function classify(config: unknown): string[] {
  return classifyKeras(listKerasReferences(config)).map((f) => `${f.severity}:${f.ruleId.replace('CITADEL-', '')}`);
}

const layer = (extra: Record<string, unknown>): unknown => ({
  module: 'keras', class_name: 'Sequential', config: { name: 'm', layers: [{ module: 'keras.layers', class_name: 'Dense', config: { name: 'd', units: 1 }, registered_name: null }, extra] },
});

describe('keras configs', () => {
  it('passes keras and tensorflow objects, built-in activations and dtype policies', () => {
    expect(classify(layer({ module: 'keras.layers', class_name: 'Dense', config: { activation: { module: 'keras.activations', class_name: 'function', config: 'relu', registered_name: 'relu' } } }))).toEqual([]);
    expect(classify(layer({ module: 'tensorflow.keras.layers', class_name: 'Conv2D', config: {} }))).toEqual([]);
    expect(classify({ class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { name: 'd' } }] } })).toEqual([]);
  });

  it('flags callables that run code even inside the keras namespace (safe_mode bypasses)', () => {
    expect(classify(layer({ module: 'builtins', class_name: 'function', config: 'eval' }))).toEqual(['critical:KERAS-DANGEROUS-CALLABLE']);
    expect(classify(layer({ module: 'subprocess', class_name: 'Popen', config: {} }))).toEqual(['critical:KERAS-DANGEROUS-CALLABLE']);
    expect(classify(layer({ module: 'keras.layers', class_name: 'TFSMLayer', config: { filepath: '/tmp/x' } }))).toEqual(['critical:KERAS-DANGEROUS-CALLABLE']);
    expect(classify(layer({ module: 'keras.src.utils', class_name: 'function', config: 'get_file' }))).toEqual(['critical:KERAS-DANGEROUS-CALLABLE']);
    expect(classify(layer({ module: 'keras.config', class_name: 'function', config: 'enable_unsafe_deserialization' }))).toEqual(['critical:KERAS-DANGEROUS-CALLABLE']);
    expect(classify(layer({ class_name: 'TFSMLayer', config: {} }))).toEqual(['critical:KERAS-DANGEROUS-CALLABLE']);
  });

  it('grades foreign modules and custom registered objects medium', () => {
    expect(classify(layer({ module: 'evil_pkg.layers', class_name: 'Backdoor', config: {} }))).toEqual(['medium:KERAS-UNKNOWN-CALLABLE']);
    expect(classify(layer({ module: null, class_name: 'Custom', config: {}, registered_name: 'MyPackage>Custom' }))).toEqual(['medium:KERAS-UNKNOWN-CALLABLE']);
    expect(classify(layer({ module: 'numpy', class_name: 'float32', config: {} }))).toEqual([]);
  });

  it('reports a Keras 3 lambda once, with its layer name and decoded names and constants', async () => {
    const { findings } = await scanBytes(readFixture('malicious/keras/lambda_bytecode.keras'));
    expect(toRules(findings)).toEqual(['critical:KERAS-LAMBDA']);
    expect(findings[0]?.message).toMatch(/lambda layer "lambda".*names __import__, system; constants .*"echo citadel-fixture"/);
    expect(findings[0]?.location.entry).toEqual(['config.json']);
  });

  it('reads model_config and training_config of .h5 files through the HDF5 library', async () => {
    const { findings, formats } = await scanBytes(readFixture('malicious/keras/lambda_bytecode.h5'));
    expect(formats).toEqual(['hdf5', 'keras-h5']);
    expect(toRules(findings)).toEqual(['critical:KERAS-LAMBDA']);
    expect(findings[0]?.message).toMatch(/^model_config: /);
    expect(toRules((await scanBytes(readFixture('malicious/keras/lambda_named_function.h5'))).findings)).toEqual(['critical:KERAS-DANGEROUS-CALLABLE']);
  });

  it('opens an HDF5 file behind a user block, sniffed after pickle', async () => {
    const { findings, formats } = await scanBytes(readFixture('benign/keras/sequential_userblock.h5'));
    expect(formats).toEqual(['hdf5-userblock', 'keras-h5']);
    expect(findings).toEqual([]);
  });

  it('grades a lambda high when its bytecode names nothing dangerous, and says when it cannot decode it', () => {
    const plain = { class_name: 'Lambda', config: { name: 'l', function: ['YWJj', null, null], function_type: 'lambda' } };
    const [finding] = classifyKeras(listKerasReferences(plain));
    expect(finding?.severity).toBe('high');
    expect(finding?.message).toMatch(/bytecode that could not be decoded/);
  });

  it('notes a json keras config and a json keras metadata document', async () => {
    expect((await scanBytes(utf8(JSON.stringify(layer({})))))).toMatchObject({ findings: [], formats: ['json', 'keras-config'] });
    expect((await scanBytes(utf8('{"keras_version": "3.6.0"}'))).formats).toEqual(['json', 'keras-metadata']);
  });
});
