// SPDX-License-Identifier: Apache-2.0
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DetectError } from '../errors.js';

export type Label = 'injection' | 'jailbreak' | 'benign';

/** One training row as the corpus stores it, plus the source family it is held out with. */
export interface CorpusRow {
  readonly text: string;
  readonly label: Label;
  readonly source: string;
  readonly family: string;
  readonly file: string;
}

/** Families are the upstream projects: one corpus per repository, held out together in cross-validation. */
const FAMILIES: readonly (readonly [RegExp, string])[] = [
  [/^NVIDIA\/garak\b/i, 'garak'],
  [/tensor-trust/i, 'tensortrust'],
  [/prompt-injection|deepset/i, 'deepset'],
  [/malicious-prompts|malignant/i, 'malignant'],
  [/BIPIA/i, 'bipia'],
  [/GPTeacher/i, 'gpteacher'],
  [/oos-eval|clinc/i, 'clinc'],
  [/alpaca/i, 'alpaca'],
];

/** @returns the family of a `source` field (`owner/repo:path`); unknown repositories are their own family. */
export function toFamily(source: string): string {
  for (const [pattern, family] of FAMILIES) if (pattern.test(source)) return family;
  return source.split(':')[0] ?? source;
}

function toRow(line: string, file: string): CorpusRow {
  const value: unknown = JSON.parse(line);
  if (typeof value !== 'object' || value === null) throw new DetectError('DETECT_INPUT', `expected a json object per line in ${file}`);
  const { text, label, source } = value as Record<string, unknown>;
  if (typeof text !== 'string' || typeof source !== 'string' || (label !== 'injection' && label !== 'jailbreak' && label !== 'benign')) {
    throw new DetectError('DETECT_INPUT', `expected text, label and source in ${file}`);
  }
  return { text, label, source, family: toFamily(source), file };
}

/** The rows of a corpus folder and the SHA-256 of its files (names and bytes, in name order). */
export interface Corpus {
  readonly rows: readonly CorpusRow[];
  readonly digest: string;
  readonly files: readonly string[];
}

/**
 * Reads every `*.jsonl` file of `folder` in name order, so the row order and the digest are the
 * same on every machine.
 * @returns the rows and the digest.
 * @throws DetectError `DETECT_INPUT` on a malformed line.
 */
export function readCorpus(folder: string): Corpus {
  const files = readdirSync(folder).filter((f) => f.endsWith('.jsonl')).sort();
  const hash = createHash('sha256');
  const rows: CorpusRow[] = [];
  for (const file of files) {
    const bytes = readFileSync(join(folder, file));
    hash.update(`${file}\n${bytes.length}\n`).update(bytes);
    for (const line of bytes.toString('utf8').split('\n')) if (line.trim() !== '') rows.push(toRow(line, file));
  }
  return { rows, digest: hash.digest('hex'), files };
}
