// SPDX-License-Identifier: Apache-2.0

/** A training example reduced to what the model is shown and what it is taught to answer. */
export interface Example {
  readonly prompt: string;
  readonly response: string;
  /** A classification label, when the set has one. */
  readonly label?: string;
}

/** Characters kept per example side; longer text is cut, not rejected. */
const MAX_TEXT = 64 * 1024;

const PROMPT_KEYS = ['system', 'instruction', 'prompt', 'question', 'query', 'input', 'context', 'text', 'sentence', 'document', 'user'];
const RESPONSE_KEYS = ['output', 'response', 'completion', 'answer', 'chosen', 'target_text', 'assistant', 'reply'];
const LABEL_KEYS = ['label', 'labels', 'class', 'category', 'target'];
const USER_ROLES = new Set(['user', 'human', 'system', 'prompter', 'tool']);
const ASSISTANT_ROLES = new Set(['assistant', 'gpt', 'bot', 'model', 'chatbot']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Nesting followed inside one field: content parts are one or two levels deep. */
const MAX_DEPTH = 8;

function toText(value: unknown, depth = 0): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && depth < MAX_DEPTH) return value.slice(0, 1024).map((v) => toText(v, depth + 1)).filter(Boolean).join('\n');
  if (isObject(value) && typeof value['text'] === 'string') return value['text'];
  return '';
}

/** OpenAI-style `messages` ({role, content}) and ShareGPT `conversations` ({from, value}). */
function fromTurns(turns: unknown[]): Example | undefined {
  const prompt: string[] = [];
  const response: string[] = [];
  for (const turn of turns.slice(0, 512)) {
    if (!isObject(turn)) continue;
    const role = toText(turn['role'] ?? turn['from']).toLowerCase();
    const text = toText(turn['content'] ?? turn['value'] ?? turn['text']);
    if (ASSISTANT_ROLES.has(role)) response.push(text);
    else if (USER_ROLES.has(role) || role === '') prompt.push(text);
  }
  return prompt.length || response.length ? { prompt: prompt.join('\n'), response: response.join('\n') } : undefined;
}

function pick(record: Record<string, unknown>, keys: readonly string[]): string {
  return keys.map((k) => toText(record[k])).filter(Boolean).join('\n');
}

const cut = (s: string): string => (s.length > MAX_TEXT ? s.slice(0, MAX_TEXT) : s);

/**
 * Maps the common fine-tuning layouts to prompt and response: chat turns (messages,
 * conversations), Alpaca (instruction/input/output), prompt/completion, question/answer,
 * preference pairs (prompt/chosen), and text/label classification sets. Anything else is read as
 * one prompt made of its string fields, so no row goes unchecked.
 * @returns the example, texts cut at 64 K characters.
 */
export function toExample(record: unknown): Example {
  if (typeof record === 'string') return { prompt: cut(record), response: '' };
  if (!isObject(record)) return { prompt: cut(toText(record)), response: '' };
  const turns = record['messages'] ?? record['conversations'] ?? record['conversation'];
  const chat = Array.isArray(turns) ? fromTurns(turns) : undefined;
  const labelKey = LABEL_KEYS.find((k) => k in record && (typeof record[k] === 'string' || typeof record[k] === 'number' || typeof record[k] === 'boolean'));
  const label = labelKey === undefined ? undefined : toText(record[labelKey]);
  if (chat) return { prompt: cut(chat.prompt), response: cut(chat.response), ...(label === undefined ? {} : { label }) };
  let prompt = pick(record, PROMPT_KEYS);
  const response = pick(record, RESPONSE_KEYS);
  if (!prompt && !response) prompt = Object.values(record).slice(0, 256).map((v) => toText(v)).filter(Boolean).join('\n');
  return { prompt: cut(prompt), response: cut(response), ...(label === undefined ? {} : { label }) };
}
