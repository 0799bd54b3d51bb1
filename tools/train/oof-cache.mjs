// SPDX-License-Identifier: Apache-2.0
// Out-of-fold scores are the costly part of both `npm run train` and `npm run eval:detect` (one
// model per held-out family). They are cached under bench/.work/ keyed by the data digest, the
// hyper-parameters and the bytes of the compiled detector, so a stale cache is never used.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const CACHE = join(ROOT, 'bench/.work/detect/oof.json');

function listFiles(dir) {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : name.endsWith('.js') && !path.includes('/model/') ? [path] : [];
  });
}

export function toOofKey(dataDigest, hyperParameters) {
  const hash = createHash('sha256').update(dataDigest).update(JSON.stringify(hyperParameters));
  // Only the code a training run executes: features, windows, trainer, normalisation.
  for (const dir of ['classifier', 'training', 'normalize']) {
    for (const file of listFiles(join(ROOT, 'dist/detect', dir))) hash.update(file.slice(ROOT.length)).update(readFileSync(file));
  }
  return hash.digest('hex');
}

export function readOof(key) {
  if (!existsSync(CACHE)) return undefined;
  const cached = JSON.parse(readFileSync(CACHE, 'utf8'));
  return cached.key === key ? cached.scores : undefined;
}

export function writeOof(key, scores) {
  mkdirSync(dirname(CACHE), { recursive: true });
  writeFileSync(CACHE, JSON.stringify({ key, scores }));
}
