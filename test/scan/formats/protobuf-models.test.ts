// SPDX-License-Identifier: Apache-2.0
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scanPaths } from '../../../src/scan/index.js';
import { getOnnxType, getTensorflowType } from '../../../src/scan/formats/proto-schemas.js';
import { scanBytes } from '../../support/scan-bytes.js';
import { readFixture, toRules } from './format-samples.js';

const tensor = (name: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ name, data_type: 1, dims: [2, 2], ...extra });
const external = (location: string, length = 16): Record<string, unknown> => ({
  data_location: 1, external_data: [{ key: 'location', value: location }, { key: 'offset', value: '0' }, { key: 'length', value: String(length) }],
});

function onnxModel(graph: Record<string, unknown>, extra: Record<string, unknown> = {}): Uint8Array {
  const type = getOnnxType('ModelProto');
  return type.encode(type.fromObject({ ir_version: 8, producer_name: 'test', graph, opset_import: [{ domain: '', version: 17 }], ...extra })).finish();
}

async function onnxRules(graph: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<string[]> {
  const { findings, formats } = await scanBytes(onnxModel(graph, extra), 'm.onnx');
  expect(formats[0]).toBe('onnx');
  return toRules(findings);
}

const temp = mkdtempSync(join(tmpdir(), 'citadel-onnx-'));
afterAll(() => {
  rmSync(temp, { recursive: true, force: true });
});

describe('onnx models', () => {
  it('passes real models made by the onnx library', async () => {
    for (const f of ['mlp', 'if_subgraph', 'external_weights']) expect(toRules((await scanBytes(readFixture(`benign/onnx/${f}.onnx`))).findings)).toEqual([]);
  });

  it.each([
    ['/etc/passwd', 'is absolute'], ['C:\\Windows\\win.ini', 'is absolute'], ['\\\\server\\share\\x', 'is absolute'],
    ['../x.bin', 'leaves the model folder'], ['a/../../x.bin', 'leaves the model folder'], ['a/b/../c/../../../x', 'leaves the model folder'],
    ['a/../b.bin', 'contains ".."'], ['', 'is empty'], ['a\0b', 'NUL'],
  ])('flags external data at %j as critical', async (location, why) => {
    const { findings } = await scanBytes(onnxModel({ initializer: [tensor('w', external(location))] }), 'm.onnx');
    expect(toRules(findings)).toEqual(['critical:ONNX-EXTERNAL-PATH']);
    expect(findings[0]?.message).toContain(why);
  });

  it('walks subgraphs, training graphs and local functions', async () => {
    const nested = { node: [{ op_type: 'If', attribute: [{ name: 'then_branch', g: { node: [{ op_type: 'Loop', attribute: [{ name: 'body', g: { initializer: [tensor('deep', external('../../x'))] } }] }] } }] }] };
    expect(await onnxRules(nested)).toEqual(['critical:ONNX-EXTERNAL-PATH']);
    expect(await onnxRules({}, { training_info: [{ algorithm: { initializer: [tensor('t', external('/x'))] } }] })).toEqual(['critical:ONNX-EXTERNAL-PATH']);
    expect(await onnxRules({ node: [{ op_type: 'Custom', domain: 'local.fn' }] }, { functions: [{ name: 'Custom', domain: 'local.fn', node: [{ op_type: 'Relu' }] }] })).toEqual([]);
    expect(await onnxRules({ node: [{ op_type: 'C', attribute: [{ name: 'value', sparse_tensor: { values: tensor('v', external('/etc/shadow')) } }] }] })).toEqual(['critical:ONNX-EXTERNAL-PATH']);
  });

  it('grades custom operator domains medium, once per domain, and knows the standard ones', async () => {
    const rules = await onnxRules({ node: [{ op_type: 'Evil', domain: 'evil.ops' }, { op_type: 'Evil2', domain: 'evil.ops' }, { op_type: 'FusedConv', domain: 'com.microsoft' }, { op_type: 'Relu', domain: 'ai.onnx' }] });
    expect(rules).toEqual(['medium:ONNX-CUSTOM-DOMAIN']);
  });

  it('grades tensors whose bytes disagree with their shape medium', async () => {
    expect(await onnxRules({ initializer: [tensor('w', { raw_data: new Uint8Array(12) })] })).toEqual(['medium:ONNX-SIZE-MISMATCH']);
    expect(await onnxRules({ initializer: [tensor('w', { raw_data: new Uint8Array(16) })] })).toEqual([]);
    expect(await onnxRules({ initializer: [tensor('w', { dims: [-1, 2], raw_data: new Uint8Array(8) })] })).toEqual(['medium:ONNX-SIZE-MISMATCH']);
    expect(await onnxRules({ initializer: [tensor('w', external('w.bin', 8))] })).toEqual(['medium:ONNX-SIZE-MISMATCH']);
  });

  it('resolves external data on disk: links out of the folder are critical, short files medium', async () => {
    writeFileSync(join(temp, 'short.bin'), new Uint8Array(4));
    symlinkSync('/etc/hostname', join(temp, 'link.bin'));
    writeFileSync(join(temp, 'short.onnx'), onnxModel({ initializer: [tensor('w', external('short.bin'))] }));
    writeFileSync(join(temp, 'link.onnx'), onnxModel({ initializer: [tensor('w', external('link.bin'))] }));
    const report = await scanPaths([join(temp, 'short.onnx'), join(temp, 'link.onnx')]);
    expect(report.findings.map((f) => `${f.location.path.endsWith('link.onnx') ? 'link' : 'short'}:${f.severity}:${f.ruleId}`).sort()).toEqual([
      'link:critical:CITADEL-ONNX-EXTERNAL-PATH', 'short:medium:CITADEL-ONNX-SIZE-MISMATCH',
    ]);
  });
});

describe('tensorflow graphs', () => {
  const node = (name: string, op: string): Record<string, unknown> => ({ name, op });
  const graphDef = (g: Record<string, unknown>): Uint8Array => getTensorflowType('GraphDef').encode(getTensorflowType('GraphDef').fromObject(g)).finish();
  const savedModel = (g: Record<string, unknown>): Uint8Array => {
    const t = getTensorflowType('SavedModel');
    return t.encode(t.fromObject({ saved_model_schema_version: 1, meta_graphs: [{ graph_def: g }] })).finish();
  };

  it('reports file, python and debug-network ops with their node names, once per op', async () => {
    const { findings } = await scanBytes(graphDef({ node: [node('a', 'Placeholder'), node('r1', 'ReadFile'), node('r2', 'ReadFile'), node('dbg', 'DebugIdentityV2')] }), 'g.pb');
    expect(toRules(findings)).toEqual(['high:TF-DANGEROUS-OP', 'high:TF-DANGEROUS-OP']);
    expect(findings[0]?.message).toMatch(/ReadFile op .* node "r1" in graph, "r2" in graph/);
  });

  it('reads the function library of saved models and frozen graphs', async () => {
    const library = { function: [{ signature: { name: '__inference_f' }, node_def: [node('py', 'EagerPyFunc')] }] };
    expect(toRules((await scanBytes(savedModel({ node: [node('x', 'Placeholder')], library }), 'saved_model.pb')).findings)).toEqual(['critical:TF-DANGEROUS-OP']);
    expect(toRules((await scanBytes(graphDef({ node: [node('x', 'Placeholder')], library }), 'frozen.pb')).findings)).toEqual(['critical:TF-DANGEROUS-OP']);
  });

  it('does not flag the checkpoint ops every saved model has', async () => {
    const saver = ['SaveV2', 'RestoreV2', 'MergeV2Checkpoints', 'ShardedFilename', 'StringJoin'].map((op) => node(op, op));
    expect((await scanBytes(savedModel({ node: saver }), 'saved_model.pb')).findings).toEqual([]);
  });
});
