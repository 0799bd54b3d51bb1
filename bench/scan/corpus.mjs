// SPDX-License-Identifier: Apache-2.0
// Prerequisites (Debian's python3 with torch and numpy, GNU time) and the benchmark corpus, which
// make_corpus.py writes under bench/.work/corpus and which is removed after the run unless KEEP=1.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GNU_TIME } from './measure.mjs';

export const PYTHON = '/usr/bin/python3';
const HERE = dirname(fileURLToPath(import.meta.url));
export const BENCH_DIR = dirname(HERE);
export const WORK_DIR = join(BENCH_DIR, '.work');
export const CORPUS_DIR = join(WORK_DIR, 'corpus');
/** Must match CORPUS_VERSION in make_corpus.py; a kept corpus of another version is rebuilt. */
const CORPUS_VERSION = 2;

/** Installs Debian packages, saying so; fails with a clear message when that is not possible. */
function aptInstall(packages, why) {
  console.log(`bench: ${why}; installing ${packages.join(' ')} with apt-get`);
  if (process.getuid?.() !== 0) {
    throw new Error(`not root: run \`sudo apt-get install -y ${packages.join(' ')}\` and try again`);
  }
  for (const args of [['update'], ['install', '-y', ...packages]]) {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed`);
  }
}

function pythonHas(modules) {
  if (!existsSync(PYTHON)) return false;
  return spawnSync(PYTHON, ['-c', `import ${modules.join(', ')}`], { stdio: 'ignore' }).status === 0;
}

/** Makes sure GNU time and python3 with torch, numpy, h5py and onnx are present. */
export function ensurePrerequisites() {
  if (!existsSync(GNU_TIME)) aptInstall(['time'], `${GNU_TIME} is missing`);
  if (!pythonHas(['torch', 'numpy', 'h5py', 'onnx'])) {
    aptInstall(['python3', 'python3-torch', 'python3-numpy', 'python3-h5py', 'python3-onnx'], 'python3 with torch, numpy, h5py and onnx is missing');
    if (!pythonHas(['torch', 'numpy', 'h5py', 'onnx'])) throw new Error(`${PYTHON} still cannot import torch, numpy, h5py and onnx`);
  }
}

/**
 * @typedef {{ id: string, path: string, bytes: number, files: number, what: string }} Group
 * @returns {Group[]} the corpus groups, generating the corpus unless a kept one of this version exists.
 */
export function prepareCorpus() {
  const manifestPath = join(CORPUS_DIR, 'manifest.json');
  if (existsSync(manifestPath)) {
    try {
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
      if (manifest.version === CORPUS_VERSION && manifest.groups.every((g) => existsSync(g.path))) {
        console.log('bench: reusing the kept corpus (delete bench/.work/corpus to rebuild it)');
        return manifest.groups;
      }
    } catch {
      // rebuilt below
    }
  }
  rmSync(CORPUS_DIR, { recursive: true, force: true });
  console.log('bench: writing the corpus (about 15 s)');
  const result = spawnSync(PYTHON, [join(HERE, 'make_corpus.py'), CORPUS_DIR], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('make_corpus.py failed');
  return JSON.parse(readFileSync(manifestPath, 'utf8')).groups;
}

/** Removes the corpus unless KEEP=1; the picklescan checkout beside it stays. */
export function cleanCorpus() {
  if (process.env.KEEP === '1') {
    console.log('bench: corpus kept in bench/.work/corpus (KEEP=1)');
    return;
  }
  rmSync(CORPUS_DIR, { recursive: true, force: true });
}
