// SPDX-License-Identifier: Apache-2.0
import { toMessage, type ByteSource } from '../../core/index.js';
import type { ScanContext } from '../context.js';
import { ScanError } from '../errors.js';
import { classifyOnnx, type OnnxDescription, type OnnxTensor } from '../policy/onnx.js';
import type { FormatHandler } from './format.js';
import { getOnnxType, toNumber } from './proto-schemas.js';
import { isTextAt, toWireFields } from './protobuf-sniff.js';

/** ModelProto fields and their wire types (onnx.proto): anything else in the head is not ONNX. */
const MODEL_FIELDS: Readonly<Record<number, number>> = { 1: 0, 2: 2, 3: 2, 4: 2, 5: 0, 6: 2, 7: 2, 8: 2, 14: 2, 20: 2, 25: 2, 26: 2 };
/** Graphs visited per model, subgraphs of If/Loop/Scan included. */
const MAX_GRAPHS = 100_000;

type Message = Record<string, unknown>;
const list = (value: unknown): Message[] => (Array.isArray(value) ? (value as Message[]) : []);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const byteLength = (value: unknown): number | undefined => (value instanceof Uint8Array && value.length > 0 ? value.length : undefined);

function isOnnxHead(head: Uint8Array): boolean {
  const fields = toWireFields(head);
  const first = fields?.[0];
  if (!fields || fields.length < 2 || first?.field !== 1 || first.wire !== 0 || first.value < 1 || first.value > 64) return false;
  if (!fields.every((f) => MODEL_FIELDS[f.field] === f.wire)) return false;
  const producer = fields.find((f) => f.field === 2);
  return producer === undefined || isTextAt(head, producer.start, Math.min(producer.value, 64));
}

function toTensor(t: Message, where: string): OnnxTensor {
  const external = list(t['external_data']);
  const entry = (key: string): string | undefined => {
    const found = external.find((e) => e['key'] === key);
    return found === undefined ? undefined : text(found['value']);
  };
  const location = entry('location');
  const raw = byteLength(t['raw_data']);
  const floats = byteLength(t['float_data']);
  const doubles = byteLength(t['double_data']);
  return {
    name: text(t['name']), where,
    dataType: toNumber(t['data_type']),
    dims: Array.isArray(t['dims']) ? t['dims'].map(toNumber) : [],
    isExternal: toNumber(t['data_location']) === 1 || location !== undefined,
    ...(raw === undefined ? {} : { rawBytes: raw }),
    ...(floats === undefined ? {} : { typedBytes: floats }),
    ...(doubles === undefined ? {} : { typedBytes: doubles }),
    ...(location === undefined ? {} : { location }),
    ...(entry('offset') === undefined ? {} : { offset: Number(entry('offset')) }),
    ...(entry('length') === undefined ? {} : { length: Number(entry('length')) }),
  };
}

interface WalkState {
  readonly tensors: OnnxTensor[];
  readonly graphs: { graph: Message; where: string }[];
}

function collectAttributeTensors(attribute: Message, where: string, state: WalkState): void {
  const tensors = [attribute['t'], ...list(attribute['tensors'])].filter((t): t is Message => typeof t === 'object' && t !== null);
  for (const sparse of [attribute['sparse_tensor'], ...list(attribute['sparse_tensors'])]) {
    if (typeof sparse !== 'object' || sparse === null) continue;
    for (const part of ['values', 'indices']) if ((sparse as Message)[part]) tensors.push((sparse as Message)[part] as Message);
  }
  for (const t of tensors) state.tensors.push(toTensor(t, where));
  for (const g of [attribute['g'], ...list(attribute['graphs'])]) if (typeof g === 'object' && g !== null) state.graphs.push({ graph: g as Message, where: `${where}/${text(attribute['name'])}` });
}

function describeModel(model: Message, context: ScanContext): OnnxDescription {
  const description: OnnxDescription = { nodes: [], tensors: [], functionDomains: new Set(), onDiskPath: undefined };
  const graphs: { graph: Message; where: string }[] = [];
  if (model['graph']) graphs.push({ graph: model['graph'] as Message, where: 'graph' });
  for (const [i, info] of list(model['training_info']).entries()) {
    for (const part of ['initialization', 'algorithm']) if (info[part]) graphs.push({ graph: info[part] as Message, where: `training_info[${i}].${part}` });
  }
  for (const fn of list(model['functions'])) {
    description.functionDomains.add(text(fn['domain']));
    graphs.push({ graph: { node: fn['node'] }, where: `function ${text(fn['domain'])}.${text(fn['name'])}` });
  }
  let visited = 0;
  while (graphs.length) {
    const { graph, where } = graphs.pop() as { graph: Message; where: string };
    if (++visited > MAX_GRAPHS) throw new ScanError('SCAN_LIMIT', `onnx model has more than ${MAX_GRAPHS} graphs`);
    if ((visited & 255) === 0) context.checkDeadline();
    for (const t of list(graph['initializer'])) description.tensors.push(toTensor(t, where));
    for (const s of list(graph['sparse_initializer'])) for (const part of ['values', 'indices']) if (s[part]) description.tensors.push(toTensor(s[part] as Message, where));
    for (const node of list(graph['node'])) {
      const nodeWhere = `${where}/${text(node['name']) || text(node['op_type'])}`;
      description.nodes.push({ name: text(node['name']), opType: text(node['op_type']), domain: text(node['domain']), where: nodeWhere });
      for (const attribute of list(node['attribute'])) collectAttributeTensors(attribute, nodeWhere, { tensors: description.tensors, graphs });
    }
  }
  return description;
}

async function scanOnnx(source: ByteSource, context: ScanContext): Promise<void> {
  if (source.size > context.limits.maxBufferBytes) throw new ScanError('SCAN_LIMIT', `onnx model of ${source.size} bytes exceeds ${context.limits.maxBufferBytes}`);
  let model: Message;
  try {
    model = getOnnxType('ModelProto').decode(source.read(0, source.size));
  } catch (error) {
    throw new ScanError('SCAN_MALFORMED', `onnx protobuf does not decode: ${toMessage(error).toLowerCase()}`, { cause: error });
  }
  const description = describeModel(model, context);
  const onDisk = !context.location.entry?.length;
  for (const finding of await classifyOnnx({ ...description, onDiskPath: onDisk ? context.location.path : undefined })) context.report(finding);
}

/**
 * ONNX models: every graph (main, subgraphs of If/Loop/Scan, training graphs, local functions) is
 * walked for external-data locations, operator domains and tensors whose bytes disagree with
 * their shape. The protobuf is decoded with protobufjs against a minimal schema, its recursion
 * bounded at 100 levels by the decoder.
 */
export const onnxFormat: FormatHandler = {
  id: 'onnx',
  sniff: (head) => isOnnxHead(head),
  scan: scanOnnx,
};
