// SPDX-License-Identifier: Apache-2.0
import { MODEL_FORMAT, type Model } from '../classifier/model.js';
import { scoreAttack } from '../classifier/score-attack.js';
import { normalize } from '../normalize/normalize.js';
import type { CorpusRow, Label } from './corpus.js';
import { toExamples, trainHeads, type HyperParameters, type TrainedHeads } from './trainer.js';

/** One row scored by the model trained without its family. */
export interface OutOfFoldScore {
  readonly score: number;
  readonly positive: number;
  readonly label: Label;
  readonly family: string;
  readonly file: string;
  readonly length: number;
}

/** @returns a scoring model around trained heads, with the raw (uncalibrated) threshold 0.5. */
export function toModel(heads: TrainedHeads, hp: HyperParameters): Model {
  return { ...heads, threshold: 0.5, window: hp.window, stride: hp.stride, familyMask: hp.familyMask };
}

/** @returns the sorted family names of a corpus. */
export function toFamilies(rows: readonly CorpusRow[]): string[] {
  return [...new Set(rows.map((r) => r.family))].sort();
}

/**
 * Leave-one-family-out cross-validation: for each family, train on all the others and score the
 * held-out rows through the full classifier path (normalisation, windows, decoded views).
 * @returns one score per row, in family order then corpus order.
 */
export function crossValidate(rows: readonly CorpusRow[], hp: HyperParameters, onFold?: (family: string, index: number) => void): OutOfFoldScore[] {
  const out: OutOfFoldScore[] = [];
  toFamilies(rows).forEach((family, index) => {
    onFold?.(family, index);
    const model = toModel(trainHeads(toExamples(rows.filter((r) => r.family !== family), hp), hp), hp);
    for (const r of rows) {
      if (r.family !== family) continue;
      const score = scoreAttack(model, normalize(r.text)).score;
      out.push({ score, positive: r.label === 'benign' ? 0 : 1, label: r.label, family, file: r.file, length: r.text.length });
    }
  });
  return out;
}

/** What the weights module records besides the weights. */
export interface WeightsMeta {
  readonly command: string;
  readonly dataDigest: string;
  readonly rows: number;
  readonly hyperParameters: HyperParameters;
  /** Raw probability chosen on the out-of-fold scores; the bias is shifted so it reads as 0.5. */
  readonly rawThreshold: number;
  readonly targetFpr: number;
}

function toBase64(values: Float32Array): string {
  const bytes = Buffer.alloc(values.length * 4);
  for (let i = 0; i < values.length; i++) bytes.writeFloatLE(values[i] ?? 0, i * 4);
  return bytes.toString('base64');
}

/**
 * @returns the TypeScript module that ships the weights: the attack bias shifted by
 * -logit(rawThreshold) so that 0.5 is the calibrated decision point.
 */
export function toWeightsModule(heads: TrainedHeads, meta: WeightsMeta): string {
  const shift = Math.log(meta.rawThreshold / (1 - meta.rawThreshold));
  const header = {
    format: MODEL_FORMAT, attackDims: heads.attack.length, categoryDims: heads.category.length,
    attackBias: Math.fround(heads.attackBias - shift), categoryBias: Math.fround(heads.categoryBias), threshold: 0.5,
    window: meta.hyperParameters.window, stride: meta.hyperParameters.stride, familyMask: meta.hyperParameters.familyMask,
    training: { command: meta.command, dataDigest: meta.dataDigest, rows: meta.rows, rawThreshold: meta.rawThreshold, targetFpr: meta.targetFpr, hyperParameters: meta.hyperParameters },
  };
  const fields = JSON.stringify(header, null, 2).slice(0, -2);
  return [
    '// SPDX-License-Identifier: Apache-2.0',
    '// Written by `npm run train` from ../shared/data/prompts/train/; do not edit. `npm run train -- --check` verifies it.',
    "import type { WeightsFile } from '../classifier/weights-file.js';",
    '',
    `export const WEIGHTS: WeightsFile = ${fields},`,
    `  "attack": "${toBase64(heads.attack)}",`,
    `  "category": "${toBase64(heads.category)}"`,
    '};',
    '',
  ].join('\n');
}
