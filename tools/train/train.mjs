// SPDX-License-Identifier: Apache-2.0
// `npm run train`: trains the injection/jailbreak classifier on ../shared/data/prompts/train/ and
// writes src/detect/model/weights.ts. Deterministic: the same data and hyper-parameters give the
// same bytes. `npm run train -- --check` retrains and exits 1 if the shipped file differs.
// Steps: leave-one-family-out scores -> threshold at the target false-positive rate -> final model
// on every row -> weights module with the calibrated bias.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCorpus } from '../../dist/detect/training/corpus.js';
import { crossValidate, toWeightsModule } from '../../dist/detect/training/cross-validate.js';
import { toThresholdAtFpr } from '../../dist/detect/training/metrics.js';
import { DEFAULT_HYPER_PARAMETERS, toExamples, trainHeads } from '../../dist/detect/training/trainer.js';
import { readOof, toOofKey, writeOof } from './oof-cache.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const DATA = process.env.CITADEL_TRAIN_DATA ?? join(ROOT, '../shared/data/prompts/train');
const OUT = join(ROOT, 'src/detect/model/weights.ts');
const TARGET_FPR = 0.015;
const check = process.argv.includes('--check');

const started = Date.now();
const log = (message) => process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(0)}s] ${message}\n`);
const corpus = readCorpus(DATA);
const hp = DEFAULT_HYPER_PARAMETERS;
log(`${corpus.rows.length} rows from ${corpus.files.length} files, sha256 ${corpus.digest}`);
const key = toOofKey(corpus.digest, hp);
let oof = check ? undefined : readOof(key);
if (oof === undefined) {
  oof = crossValidate(corpus.rows, hp, (family) => log(`fold without ${family}`));
  writeOof(key, oof);
} else {
  log('out-of-fold scores from bench/.work/detect/oof.json (same data, hyper-parameters and code)');
}
const rawThreshold = toThresholdAtFpr(oof, TARGET_FPR);
log(`threshold at ${TARGET_FPR * 100}% out-of-fold false-positive rate: ${rawThreshold}`);
log('final model on every row');
const heads = trainHeads(toExamples(corpus.rows, hp), hp);
const module = toWeightsModule(heads, {
  command: 'npm run train', dataDigest: corpus.digest, rows: corpus.rows.length,
  hyperParameters: hp, rawThreshold, targetFpr: TARGET_FPR,
});
if (check) {
  const same = readFileSync(OUT, 'utf8') === module;
  log(same ? `${relative(ROOT, OUT)} is reproduced bit for bit` : `${relative(ROOT, OUT)} differs from a fresh training run`);
  process.exitCode = same ? 0 : 1;
} else {
  writeFileSync(OUT, module);
  log(`wrote ${relative(ROOT, OUT)} (${(module.length / 1e6).toFixed(2)} MB)`);
}
