// SPDX-License-Identifier: Apache-2.0
import { toMessage, type ByteSource } from '../../core/index.js';
import type { ScanContext } from '../context.js';
import { ScanError } from '../errors.js';
import { classifyTensorflow, type TfNode } from '../policy/tensorflow.js';
import type { FormatHandler } from './format.js';
import { getTensorflowType, toNumber } from './proto-schemas.js';
import { isTextAt, toWireFields } from './protobuf-sniff.js';

type Message = Record<string, unknown>;
const list = (value: unknown): Message[] => (Array.isArray(value) ? (value as Message[]) : []);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** saved_model.proto: schema version 1, then MetaGraphDefs (whose first field is a message, not text). */
function isSavedModelHead(head: Uint8Array): boolean {
  const fields = toWireFields(head, 2);
  const [version, meta] = fields ?? [];
  if (version?.field !== 1 || version.wire !== 0 || version.value !== 1 || meta?.field !== 2 || meta.wire !== 2) return false;
  // MetaGraphDef opens with meta_info_def (1) or graph_def (2), both messages.
  const inner = toWireFields(head.subarray(meta.start), 1)?.[0];
  return inner !== undefined && (inner.field === 1 || inner.field === 2) && inner.wire === 2;
}

/** graph.proto: a GraphDef opens with its first NodeDef, whose name (1) and op (2) are text. */
function isGraphDefHead(head: Uint8Array): boolean {
  const fields = toWireFields(head, 4);
  const first = fields?.[0];
  if (!fields || first?.field !== 1 || first.wire !== 2) return false;
  if (!fields.every((f) => (f.field === 1 || f.field === 2 || f.field === 4 || f.field === 5) ? f.wire === 2 : f.field === 3 && f.wire === 0)) return false;
  const node = toWireFields(head.subarray(first.start, first.start + Math.min(first.value, head.length)), 2);
  const [name, op] = node ?? [];
  return name?.field === 1 && name.wire === 2 && isTextAt(head, name.start + first.start, name.value) && op?.field === 2 && op.wire === 2 && op.value > 0;
}

function collectGraph(graph: Message | undefined, where: string, out: TfNode[]): void {
  if (!graph) return;
  for (const node of list(graph['node'])) out.push({ name: text(node['name']), op: text(node['op']), where });
  const library = graph['library'] as Message | undefined;
  for (const fn of list(library?.['function'])) {
    const signature = fn['signature'] as Message | undefined;
    const fnWhere = `function ${text(signature?.['name'])}`;
    for (const node of list(fn['node_def'])) out.push({ name: text(node['name']), op: text(node['op']), where: fnWhere });
  }
}

function decode(source: ByteSource, context: ScanContext, type: 'SavedModel' | 'GraphDef'): Message {
  if (source.size > context.limits.maxBufferBytes) throw new ScanError('SCAN_LIMIT', `tensorflow graph of ${source.size} bytes exceeds ${context.limits.maxBufferBytes}`);
  try {
    return getTensorflowType(type).decode(source.read(0, source.size));
  } catch (error) {
    throw new ScanError('SCAN_MALFORMED', `tensorflow ${type} protobuf does not decode: ${toMessage(error).toLowerCase()}`, { cause: error });
  }
}

function report(context: ScanContext, nodes: readonly TfNode[]): Promise<void> {
  for (const finding of classifyTensorflow(nodes)) context.report(finding);
  return Promise.resolve();
}

/** TensorFlow SavedModel (`saved_model.pb`): every meta graph and its function library. */
export const tfSavedModelFormat: FormatHandler = {
  id: 'tf-savedmodel',
  sniff: (head) => isSavedModelHead(head),
  scan(source, context) {
    const saved = decode(source, context, 'SavedModel');
    const nodes: TfNode[] = [];
    for (const [i, meta] of list(saved['meta_graphs']).entries()) collectGraph(meta['graph_def'] as Message | undefined, `meta_graphs[${i}]`, nodes);
    if (toNumber(saved['saved_model_schema_version']) !== 1) context.report({ ruleId: 'CITADEL-UNSCANNABLE', severity: 'medium', message: 'savedmodel schema version is not 1' });
    return report(context, nodes);
  },
};

/** Frozen TensorFlow graphs (a bare GraphDef, `.pb`): nodes and function library. */
export const tfGraphDefFormat: FormatHandler = {
  id: 'tf-graphdef',
  sniff: (head) => isGraphDefHead(head),
  scan(source, context) {
    const nodes: TfNode[] = [];
    collectGraph(decode(source, context, 'GraphDef'), 'graph', nodes);
    return report(context, nodes);
  },
};
