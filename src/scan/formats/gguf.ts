// SPDX-License-Identifier: Apache-2.0
import { isCitadelError, toMessage, type ByteSource } from '../../core/index.js';
import type { ScanContext } from '../context.js';
import { classifyTemplate } from '../policy/template.js';
import { describeTemplate } from './chat-template.js';
import type { FormatHandler } from './format.js';
import { readGgufHeader, type GgufHeader } from './gguf-header.js';

/** Bytes per block and elements per block of the ggml types whose sizes are fixed (ggml.c type_traits). */
const TYPE_SIZES: Readonly<Record<number, readonly [bytes: number, elements: number]>> = {
  0: [4, 1], 1: [2, 1], 2: [18, 32], 3: [20, 32], 6: [22, 32], 7: [24, 32], 8: [34, 32], 9: [36, 32],
  10: [84, 256], 11: [110, 256], 12: [144, 256], 13: [176, 256], 14: [210, 256], 15: [292, 256],
  24: [1, 1], 25: [2, 1], 26: [4, 1], 27: [8, 1], 28: [8, 1], 30: [2, 1],
};

/** llama.cpp reads `tokenizer.chat_template` and named ones as `tokenizer.chat_template.<name>`. */
const isTemplateKey = (key: string): boolean => key === 'tokenizer.chat_template' || key.startsWith('tokenizer.chat_template.');

function toTensorBytes(dims: readonly bigint[], type: number): bigint | undefined {
  const size = TYPE_SIZES[type];
  if (!size) return undefined;
  const elements = dims.reduce((a, b) => a * b, 1n);
  return (elements / BigInt(size[1])) * BigInt(size[0]);
}

/** Tensor data must lie inside the file and be aligned (gguf.md, "Tensor data"). */
function checkTensors(header: GgufHeader, size: number): string | undefined {
  const available = BigInt(Math.max(0, size - header.dataStart));
  for (const t of header.tensors) {
    if (t.offset % BigInt(header.alignment) !== 0n) return `tensor ${JSON.stringify(t.name)} offset ${t.offset} is not a multiple of the alignment ${header.alignment}`;
    const bytes = toTensorBytes(t.dims, t.type) ?? 0n;
    if (t.offset + bytes > available) return `tensor ${JSON.stringify(t.name)} data (${bytes} bytes at ${t.offset}) runs past the end of the file`;
  }
  return undefined;
}

function reportTemplates(context: ScanContext, header: GgufHeader): void {
  for (const [key, template] of header.strings) {
    if (!isTemplateKey(key)) continue;
    context.checkDeadline();
    for (const finding of classifyTemplate(describeTemplate(template), key)) context.report(finding);
  }
}

function scanGguf(source: ByteSource, context: ScanContext): Promise<void> {
  let header: GgufHeader;
  try {
    header = readGgufHeader(source, { keep: isTemplateKey, checkDeadline: () => { context.checkDeadline(); } });
  } catch (error) {
    if (!isCitadelError(error) || error.code === 'SCAN_TIMEOUT') throw error;
    context.report({ ruleId: 'CITADEL-GGUF-MALFORMED', severity: 'high', message: `gguf header breaks the format (the shape of ggml parser overflows, or a cut file): ${toMessage(error)}`, detail: { code: error.code } });
    return Promise.resolve();
  }
  reportTemplates(context, header);
  const problem = checkTensors(header, source.size);
  if (problem) context.report({ ruleId: 'CITADEL-GGUF-MALFORMED', severity: 'high', message: `gguf tensor table breaks the format: ${problem}` });
  return Promise.resolve();
}

/**
 * GGUF files (llama.cpp, ollama, vLLM...): the header is read with bounds on every count and
 * length, and each chat template is parsed and checked for sandbox-escape shapes, because servers
 * render it with jinja2 on every request.
 */
export const ggufFormat: FormatHandler = {
  id: 'gguf',
  sniff: (head) => head.length >= 8 && head[0] === 0x47 && head[1] === 0x47 && head[2] === 0x55 && head[3] === 0x46,
  scan: scanGguf,
};
