// SPDX-License-Identifier: Apache-2.0
import { realpath, stat } from 'node:fs/promises';
import { dirname, join, relative, isAbsolute as isAbsolutePosix } from 'node:path';
import type { FindingInput } from '../context.js';

export interface OnnxTensor {
  readonly name: string;
  /** Graph and node it sits in, for messages. */
  readonly where: string;
  readonly dataType: number;
  readonly dims: readonly number[];
  readonly isExternal: boolean;
  readonly rawBytes?: number;
  /** Bytes of packed float_data or double_data. */
  readonly typedBytes?: number;
  readonly location?: string;
  readonly offset?: number;
  readonly length?: number;
}

export interface OnnxNode {
  readonly name: string;
  readonly opType: string;
  readonly domain: string;
  readonly where: string;
}

export interface OnnxDescription {
  readonly nodes: OnnxNode[];
  readonly tensors: OnnxTensor[];
  /** Domains the model defines itself with local functions. */
  readonly functionDomains: Set<string>;
  /** The model file on disk, when it is one, to resolve external data against. */
  readonly onDiskPath: string | undefined;
}

/** Domains whose operators ONNX Runtime and the reference implementation ship. */
const STANDARD_DOMAINS = new Set(['', 'ai.onnx', 'ai.onnx.ml', 'ai.onnx.training', 'ai.onnx.preview.training', 'ai.onnx.preview', 'com.microsoft', 'com.microsoft.nchwc', 'com.microsoft.experimental', 'com.microsoft.mlfeaturizers']);
/** Bits per element by TensorProto.DataType (onnx.proto); strings have no fixed size. */
const ELEMENT_BITS: Readonly<Record<number, number>> = {
  1: 32, 2: 8, 3: 8, 4: 16, 5: 16, 6: 32, 7: 64, 9: 8, 10: 16, 11: 64, 12: 32, 13: 64, 14: 64, 15: 128, 16: 16,
  17: 8, 18: 8, 19: 8, 20: 8, 21: 4, 22: 4, 23: 4,
};
const MAX_REPORTED = 10;

/**
 * onnx/checker.cc `resolve_external_data_location`: the location must be relative and must not
 * climb out of the model folder. The fix for CVE-2022-25882 rejected a leading `..`; CVE-2024-27318
 * (`sub/../../x`) showed that every segment and the normalised path must be checked, and on Windows
 * a backslash is a separator too.
 */
function toPathProblem(location: string): string | undefined {
  if (location.length === 0) return 'is empty';
  if (location.includes('\0')) return 'contains a NUL byte';
  if (isAbsolutePosix(location) || /^[A-Za-z]:/.test(location) || location.startsWith('\\') || location.startsWith('//')) return 'is absolute';
  const segments = location.split(/[\\/]/);
  if (segments.includes('..')) {
    let depth = 0;
    let lowest = 0;
    for (const s of segments) {
      depth = s === '..' ? depth - 1 : s && s !== '.' ? depth + 1 : depth;
      lowest = Math.min(lowest, depth);
    }
    return lowest < 0 ? 'leaves the model folder through ".."' : 'contains ".." (CVE-2024-27318 shape)';
  }
  return undefined;
}

/** Resolves symbolic links: a relative path may still leave the folder through a link. */
async function toDiskProblem(modelPath: string, tensor: OnnxTensor): Promise<FindingInput | undefined> {
  const folder = await realpath(dirname(modelPath)).catch(() => undefined);
  const target = join(dirname(modelPath), tensor.location ?? '');
  const real = await realpath(target).catch(() => undefined);
  if (!folder || !real) return undefined;
  const inside = relative(folder, real);
  if (inside.startsWith('..') || isAbsolutePosix(inside)) {
    return { ruleId: 'CITADEL-ONNX-EXTERNAL-PATH', severity: 'critical', message: `tensor ${JSON.stringify(tensor.name)} external data ${JSON.stringify(tensor.location)} resolves through a link to ${real}, outside the model folder`, detail: { tensor: tensor.name, location: tensor.location } };
  }
  const size = (await stat(real).catch(() => undefined))?.size;
  const end = (tensor.offset ?? 0) + (tensor.length ?? 0);
  if (size !== undefined && end > size) {
    return { ruleId: 'CITADEL-ONNX-SIZE-MISMATCH', severity: 'medium', message: `tensor ${JSON.stringify(tensor.name)} external data ends at ${end}, past the ${size}-byte file ${JSON.stringify(tensor.location)}`, detail: { tensor: tensor.name } };
  }
  return undefined;
}

function toExpectedBytes(tensor: OnnxTensor): number | undefined {
  const bits = ELEMENT_BITS[tensor.dataType];
  if (bits === undefined || !tensor.dims.every((d) => Number.isSafeInteger(d) && d >= 0)) return undefined;
  const elements = tensor.dims.reduce((a, b) => a * b, 1);
  return Number.isSafeInteger(elements) ? Math.ceil((elements * bits) / 8) : undefined;
}

function toSizeProblem(tensor: OnnxTensor): string | undefined {
  if (tensor.dims.some((d) => d < 0)) return `has a negative dimension ${JSON.stringify(tensor.dims)}`;
  const expected = toExpectedBytes(tensor);
  if (expected === undefined) return undefined;
  const actual = tensor.isExternal ? tensor.length : tensor.rawBytes ?? tensor.typedBytes;
  if (actual === undefined || actual === expected) return undefined;
  return `has shape ${JSON.stringify(tensor.dims)} (${expected} bytes) but ${tensor.isExternal ? 'external length' : 'carries'} ${actual} bytes`;
}

async function classifyTensors(d: OnnxDescription): Promise<FindingInput[]> {
  const findings: FindingInput[] = [];
  for (const tensor of d.tensors) {
    if (findings.length >= MAX_REPORTED) break;
    const pathProblem = tensor.isExternal ? toPathProblem(tensor.location ?? '') : undefined;
    if (pathProblem) {
      findings.push({ ruleId: 'CITADEL-ONNX-EXTERNAL-PATH', severity: 'critical', message: `tensor ${JSON.stringify(tensor.name)} in ${tensor.where} loads external data from ${JSON.stringify(tensor.location ?? '')}, which ${pathProblem}`, detail: { tensor: tensor.name, location: tensor.location } });
      continue;
    }
    const sizeProblem = toSizeProblem(tensor);
    if (sizeProblem) findings.push({ ruleId: 'CITADEL-ONNX-SIZE-MISMATCH', severity: 'medium', message: `tensor ${JSON.stringify(tensor.name)} in ${tensor.where} ${sizeProblem}`, detail: { tensor: tensor.name } });
    if (tensor.isExternal && d.onDiskPath !== undefined) {
      const disk = await toDiskProblem(d.onDiskPath, tensor);
      if (disk) findings.push(disk);
    }
  }
  return findings;
}

function classifyDomains(d: OnnxDescription): FindingInput[] {
  const byDomain = new Map<string, OnnxNode[]>();
  for (const node of d.nodes) {
    if (STANDARD_DOMAINS.has(node.domain) || d.functionDomains.has(node.domain)) continue;
    byDomain.set(node.domain, [...(byDomain.get(node.domain) ?? []), node].slice(0, 5));
  }
  return [...byDomain].slice(0, MAX_REPORTED).map(([domain, nodes]) => ({
    ruleId: 'CITADEL-ONNX-CUSTOM-DOMAIN',
    severity: 'medium',
    message: `operators from the custom domain ${JSON.stringify(domain)} (${nodes.map((n) => `${n.opType} at ${n.where}`).join(', ')}) need a custom-op library, which is native code`,
    detail: { domain, ops: [...new Set(nodes.map((n) => n.opType))] },
  }));
}

/**
 * Grades an ONNX model: external data outside the model folder (critical), custom operator
 * domains (medium), tensors whose bytes disagree with their shape (medium).
 * @returns findings, at most ten of each kind.
 */
export async function classifyOnnx(d: OnnxDescription): Promise<FindingInput[]> {
  return [...(await classifyTensors(d)), ...classifyDomains(d)];
}
