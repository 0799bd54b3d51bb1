// SPDX-License-Identifier: Apache-2.0
// `npm run eval:detect`: detection quality on rows the model never trained on.
// 1. Leave-one-source-family-out on ../shared/data/prompts/train/: each family is scored by a model
//    trained on the other families (same code and hyper-parameters as `npm run train`), then
//    recall, false-positive rate, F1 and ROC-AUC overall, per category, family, source file and
//    length bucket. The npm peers score the same rows (they do not train, so every fold is theirs).
// 2. The planted-secret corpus (tools/fixtures/planted-secrets.mjs) for the secret and PII rules.
// Flags: --no-peers, --limit N (rows per file, for a quick look).
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scanLeaks } from '../../dist/detect/index.js';
import { WEIGHTS } from '../../dist/detect/model/weights.js';
import { readCorpus } from '../../dist/detect/training/corpus.js';
import { crossValidate } from '../../dist/detect/training/cross-validate.js';
import { toConfusion, toRates, toRocAuc, toThresholdAtFpr } from '../../dist/detect/training/metrics.js';
import { DEFAULT_HYPER_PARAMETERS } from '../../dist/detect/training/trainer.js';
import { readOof, toOofKey, writeOof } from '../../tools/train/oof-cache.mjs';
import { loadPeers } from './peers.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const DATA = process.env.CITADEL_TRAIN_DATA ?? join(ROOT, '../shared/data/prompts/train');
const args = process.argv.slice(2);
const limit = args.includes('--limit') ? Number(args[args.indexOf('--limit') + 1]) : Infinity;
const pct = (x) => (Number.isNaN(x) ? '   -  ' : `${(100 * x).toFixed(1).padStart(5)}%`);
const log = (m) => process.stderr.write(`${m}\n`);

function toBucket(length) {
  return length < 100 ? '<100' : length < 500 ? '100-499' : length < 2000 ? '500-1999' : '>=2000';
}

/** Prints one table of groups: attacks, benign, recall, FPR, F1, AUC. */
function printGroups(title, items, keyOf, threshold) {
  const groups = new Map();
  for (const s of items) { const k = keyOf(s); groups.set(k, [...(groups.get(k) ?? []), s]); }
  console.log(`\n${title}`);
  console.log(`${'group'.padEnd(38)} attacks  benign  recall     FPR      F1     AUC`);
  for (const [k, group] of [...groups.entries()].sort()) {
    const r = toRates(toConfusion(group, threshold));
    const positives = group.filter((s) => s.positive).length;
    console.log(`${String(k).padEnd(38)} ${String(positives).padStart(7)} ${String(group.length - positives).padStart(7)} ${pct(r.recall)} ${pct(r.fpr)} ${pct(r.f1)} ${pct(toRocAuc(group))}`);
  }
}

function printOverall(name, items, threshold) {
  const r = toRates(toConfusion(items, threshold));
  console.log(`${name.padEnd(38)} recall ${pct(r.recall)}  FPR ${pct(r.fpr)}  precision ${pct(r.precision)}  F1 ${pct(r.f1)}  AUC ${pct(toRocAuc(items))}`);
  return r;
}

const corpus = readCorpus(DATA);
const perFile = new Map();
const rows = corpus.rows.filter((r) => { const n = (perFile.get(r.file) ?? 0) + 1; perFile.set(r.file, n); return n <= limit; });
console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);
console.log(`data: ${rows.length} rows of ${DATA.slice(ROOT.length - 5)} (sha256 ${corpus.digest.slice(0, 16)}...), families: ${[...new Set(rows.map((r) => r.family))].sort().join(', ')}`);

const hp = DEFAULT_HYPER_PARAMETERS;
const key = toOofKey(corpus.digest + (limit === Infinity ? '' : `:${limit}`), hp);
let oof = readOof(key);
if (oof === undefined) {
  const started = Date.now();
  oof = crossValidate(rows, hp, (family, i) => log(`[${((Date.now() - started) / 1000).toFixed(0)}s] fold ${i + 1}: training without ${family}`));
  writeOof(key, oof);
}
const shipped = WEIGHTS.training?.rawThreshold ?? 0.5;
const at2 = toThresholdAtFpr(oof, 0.02);
console.log('\n== Citadel classifier, leave-one-family-out (each row scored by a model that never saw its family)');
console.log(`shipped operating point: raw probability ${shipped.toPrecision(4)} (chosen by \`npm run train\` at ${100 * (WEIGHTS.training?.targetFpr ?? 0)}% pooled out-of-fold FPR)`);
const citadel = printOverall('citadel @ shipped threshold', oof, shipped);
printOverall('citadel @ pooled FPR 2% (ROC point)', oof, at2);
printGroups('per category (attack rows: recall; benign rows: FPR)', oof, (s) => s.label, shipped);
printGroups('per held-out family', oof, (s) => s.family, shipped);
printGroups('per source file', oof, (s) => s.file.replace('.jsonl', ''), shipped);
printGroups('per length bucket (characters)', oof, (s) => toBucket(s.length), shipped);

// Stricter operating points, as calibrated scores (what detect() reports, 0.5 = shipped point):
// bulk uses such as `scan --data` need fewer false positives than live traffic, and a threshold
// for them must come from these out-of-fold training scores, never from the set it is judged on.
const logit = (p) => Math.log(p / (1 - p));
console.log('\nstricter operating points (out-of-fold benign FPR -> raw threshold -> calibrated score)');
for (const budget of [0.01, 0.005, 0.001]) {
  const raw = toThresholdAtFpr(oof, budget);
  const calibrated = 1 / (1 + Math.exp(-(logit(raw) - logit(shipped))));
  console.log(`  FPR <= ${(100 * budget).toFixed(1)}%: raw ${raw.toFixed(4)}, calibrated ${calibrated.toFixed(4)}`);
}

if (!args.includes('--no-peers')) {
  const { peers, failures } = await loadPeers();
  for (const f of failures) console.log(`peer not run: ${f}`);
  const results = [];
  for (const peer of peers) {
    log(`scoring ${rows.length} rows with ${peer.name}`);
    const scored = [];
    for (const r of rows) scored.push({ score: (await peer.isAttack(r.text)) ? 1 : 0, positive: r.label === 'benign' ? 0 : 1, label: r.label, family: r.family, file: r.file, length: r.text.length });
    console.log(`\n== ${peer.name} ${peer.version} (${peer.note}), same rows`);
    results.push({ peer, rates: printOverall(peer.name, scored, 0.5) });
    printGroups('per category', scored, (s) => s.label, 0.5);
    printGroups('per family', scored, (s) => s.family, 0.5);
    printGroups('per length bucket', scored, (s) => toBucket(s.length), 0.5);
  }
  const best = results.reduce((a, b) => (b.rates.f1 > (a?.rates.f1 ?? -1) ? b : a), undefined);
  if (best) console.log(`\nF1: citadel ${pct(citadel.f1)} vs best peer ${best.peer.name} ${pct(best.rates.f1)}: ${((citadel.f1 - best.rates.f1) * 100).toFixed(1)} points`);
}

console.log('\n== Secret and PII rules on the planted corpus (test/fixtures/detect/planted-secrets.jsonl)');
const planted = readFileSync(join(ROOT, 'test/fixtures/detect/planted-secrets.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const kinds = new Map();
let negatives = 0, flagged = 0;
for (const row of planted) {
  const found = scanLeaks(row.text, { categories: ['secret', 'pii'] }).filter((d) => d.score >= 0.5);
  if (row.planted.length === 0) { negatives++; if (found.length) flagged++; continue; }
  for (const p of row.planted) {
    const k = kinds.get(`${p.category}/${p.kind}`) ?? { n: 0, hit: 0 };
    k.n++;
    if (found.some((d) => d.category === p.category && d.span.start < p.end && d.span.end > p.start)) k.hit++;
    kinds.set(`${p.category}/${p.kind}`, k);
  }
}
let n = 0, hit = 0;
for (const [kind, k] of [...kinds.entries()].sort()) { n += k.n; hit += k.hit; console.log(`${kind.padEnd(38)} ${String(k.n).padStart(5)} planted  recall ${pct(k.hit / k.n)}`); }
console.log(`all planted: recall ${pct(hit / n)} (${hit}/${n}); look-alike rows flagged: ${pct(flagged / negatives)} (${flagged}/${negatives})`);
process.exit(0);
