// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { scanBytes } from '../../support/scan-bytes.js';
import { readFixture, toRules } from './format-samples.js';

function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 127) {
    out.push((n & 127) | 128);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}
const field = (number: number, payload: Uint8Array): Uint8Array => Uint8Array.from([...varint((number << 3) | 2), ...varint(payload.length), ...payload]);

describe('protobuf models on hostile input', () => {
  it('turns every cut of real onnx and tensorflow files into findings or nothing, never an exception', async () => {
    for (const file of ['benign/onnx/mlp.onnx', 'benign/onnx/if_subgraph.onnx', 'benign/tensorflow/frozen_conv.pb', 'benign/tensorflow/savedmodel_dense/saved_model.pb']) {
      const bytes = readFixture(file);
      for (let cut = 1; cut < bytes.length; cut += 7) {
        const { findings } = await scanBytes(bytes.subarray(0, cut), 'cut.bin');
        expect(findings.every((f) => f.severity !== 'critical')).toBe(true);
      }
    }
  });

  it('reports graphs nested past the decoder recursion limit as unscannable', async () => {
    // GraphProto.node(1) -> NodeProto.attribute(5) -> AttributeProto.g(6) -> GraphProto ... 400 deep.
    let graph: Uint8Array = new Uint8Array(0);
    for (let i = 0; i < 400; i++) graph = field(1, field(5, field(6, graph)));
    const model = Uint8Array.from([0x08, 0x08, ...field(2, new TextEncoder().encode('deep')), ...field(7, graph)]);
    const { findings, formats } = await scanBytes(model, 'deep.onnx');
    expect(formats[0]).toBe('onnx');
    expect(toRules(findings)).toEqual(['medium:UNSCANNABLE']);
    expect(findings[0]?.message).toMatch(/max depth exceeded/);
  });

  it('rejects lengths past the end and wrong wire types', async () => {
    const huge = Uint8Array.from([0x08, 0x08, 0x12, 0x04, 0x74, 0x65, 0x73, 0x74, 0x3a, ...varint(2 ** 31), 0x0a]);
    expect(toRules((await scanBytes(huge, 'huge.onnx')).findings)).toEqual(['medium:UNSCANNABLE']);
    const wrongType = Uint8Array.from([0x08, 0x08, 0x12, 0x01, 0x74, 0x3d, 1, 2, 3, 4]);
    expect((await scanBytes(wrongType, 'w.onnx')).formats).not.toContain('onnx');
  });

  it('does not take text or random bytes for a protobuf model', async () => {
    for (const text of ['\n\nhello world\n', '\x08\x07 not really', 'plain text file']) {
      const { formats } = await scanBytes(new TextEncoder().encode(text), 'x.pb');
      expect(formats.filter((f) => f.startsWith('tf-') || f === 'onnx')).toEqual([]);
    }
  });
});
