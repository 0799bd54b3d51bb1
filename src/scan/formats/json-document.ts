// SPDX-License-Identifier: Apache-2.0
import type { ByteSource } from '../../core/index.js';
import type { ScanContext } from '../context.js';
import { classifyKeras } from '../policy/keras.js';
import { classifyTemplate } from '../policy/template.js';
import { describeTemplate } from './chat-template.js';
import type { FormatHandler } from './format.js';
import { isHfConfig, listChatTemplates, listRemoteModules } from './hf-config.js';
import { isKerasConfig, listKerasReferences } from './keras-config.js';

/** Model configs are kilobytes; a tokenizer.json with its vocabulary reaches tens of megabytes. */
const MAX_JSON_BYTES = 64 * 1024 * 1024;

function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** `{` then `"` or `}` after optional whitespace and a UTF-8 byte-order mark. */
function isJsonObjectHead(head: Uint8Array): boolean {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (isSpace(head[i])) i++;
  if (head[i] !== 0x7b) return false;
  i++;
  while (isSpace(head[i])) i++;
  return i >= head.length || head[i] === 0x22 || head[i] === 0x7d;
}

function readJson(source: ByteSource, context: ScanContext): unknown {
  const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(source.read(0, source.size));
  try {
    return JSON.parse(text);
  } catch (error) {
    context.report({ ruleId: 'CITADEL-NOT-A-MODEL', severity: 'info', message: `starts like json but does not parse: ${(error as Error).message.toLowerCase()}` });
    return undefined;
  }
}

function reportRemoteCode(context: ScanContext, document: unknown): void {
  const modules = listRemoteModules(document);
  if (!modules.length) return;
  const files = [...new Set(modules.map((m) => (m.repository === undefined ? m.file : `${m.repository}:${m.file}`)))];
  const elsewhere = modules.filter((m) => m.repository !== undefined).map((m) => m.repository as string);
  context.report({
    ruleId: 'CITADEL-REMOTE-CODE',
    severity: 'high',
    message: `trust_remote_code=True would import and run ${files.join(', ')} (${modules.map((m) => m.key).slice(0, 6).join(', ')})${elsewhere.length ? `, fetched from other repositories: ${[...new Set(elsewhere)].join(', ')}` : ''}`,
    detail: { files, references: modules.map((m) => ({ key: m.key, reference: m.reference })) },
  });
}

function reportTemplates(context: ScanContext, document: unknown): void {
  for (const template of listChatTemplates(document)) {
    context.checkDeadline();
    for (const finding of classifyTemplate(describeTemplate(template.source), template.name)) context.report(finding);
  }
}

/**
 * JSON documents that tell a loader what to build: Keras configs (a .keras archive's config.json,
 * model.to_json()), Hugging Face configs whose auto_map makes trust_remote_code import code, and
 * tokenizer configs whose chat_template a server renders. Any other JSON is not a model.
 */
export const jsonDocumentFormat: FormatHandler = {
  id: 'json',
  sniff: (head) => isJsonObjectHead(head),
  scan(source, context) {
    scanJson(source, context);
    return Promise.resolve();
  },
};

function scanJson(source: ByteSource, context: ScanContext): void {
  if (source.size > Math.min(MAX_JSON_BYTES, context.limits.maxBufferBytes)) {
    context.report({ ruleId: 'CITADEL-SCAN-LIMIT', severity: 'info', message: `json document of ${source.size} bytes is larger than any model config; not checked` });
    return;
  }
  const document = readJson(source, context);
  if (document === undefined) return;
  if (isKerasConfig(document)) {
    context.noteFormat('keras-config');
    for (const finding of classifyKeras(listKerasReferences(document))) context.report(finding);
    return;
  }
  if (isHfConfig(document)) {
    context.noteFormat('hf-config');
    reportRemoteCode(context, document);
    reportTemplates(context, document);
    return;
  }
  if (typeof document === 'object' && document !== null && 'keras_version' in document) {
    context.noteFormat('keras-metadata');
    return;
  }
  if (!context.location.entry?.length) context.report({ ruleId: 'CITADEL-NOT-A-MODEL', severity: 'info', message: 'json document that is not a model, tokenizer or keras config' });
}
