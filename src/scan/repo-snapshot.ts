// SPDX-License-Identifier: Apache-2.0
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, relative, sep } from 'node:path';
import { toMessage, type Finding, type Target } from '../core/index.js';
import { isHfConfig } from './formats/hf-config.js';
import { classifyRemoteCode } from './policy/remote-code.js';
import { listPythonUses } from './python-source.js';

/** What the walk learned about model repository snapshots among the files to scan. */
export interface SnapshotPlan {
  /** Python files inside a snapshot: scanned as remote code, not sniffed as models. */
  readonly codeFiles: ReadonlySet<string>;
  /** Findings about a snapshot as a whole (pickle weights beside safetensors). */
  readonly findings: readonly Finding[];
}

/** A config.json larger than this is not a model config. */
const MAX_CONFIG_BYTES = 4 * 1024 * 1024;
/** Python files larger than this are reported, not read: modeling files are a few hundred kB. */
const MAX_SOURCE_BYTES = 16 * 1024 * 1024;
/** Weight files by the names transformers, diffusers and PEFT save them under. */
const PICKLE_WEIGHTS = /^(pytorch_model|model|diffusion_pytorch_model|adapter_model|consolidated)(-\d+-of-\d+|\.\d+)?\.(bin|pt|pth|ckpt)$/;
const SAFETENSORS_WEIGHTS = /\.safetensors$/;

async function readConfig(path: string): Promise<unknown> {
  try {
    if ((await stat(path)).size > MAX_CONFIG_BYTES) return undefined;
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** @returns folders holding a Hugging Face config.json: the roots of model snapshots. */
async function findSnapshotRoots(files: readonly string[]): Promise<string[]> {
  const roots: string[] = [];
  for (const file of files) {
    if (basename(file) !== 'config.json') continue;
    if (isHfConfig(await readConfig(file))) roots.push(dirname(file));
  }
  return roots;
}

function isInside(root: string, file: string): boolean {
  const rel = relative(root, file);
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep);
}

function toPickleFindings(root: string, files: readonly string[]): Finding[] {
  const here = files.filter((f) => dirname(f) === root);
  const safetensors = here.filter((f) => SAFETENSORS_WEIGHTS.test(basename(f)));
  if (!safetensors.length) return [];
  return here.filter((f) => PICKLE_WEIGHTS.test(basename(f))).map((path) => ({
    ruleId: 'CITADEL-PICKLE-BESIDE-SAFETENSORS',
    severity: 'low',
    message: `pickle weights beside ${safetensors.map((f) => basename(f)).slice(0, 3).join(', ')}: loaders that prefer or fall back to the pickle run it; keep the safetensors and delete the pickle`,
    location: { path },
  }));
}

/**
 * Finds the model snapshots among `files` (folders with a Hugging Face config.json) so that their
 * Python files are read as the code trust_remote_code would run, and notes pickle weights kept
 * beside safetensors. The auto_map itself is reported when config.json is scanned.
 * @returns the Python files to treat as remote code and the snapshot-level findings.
 */
export async function planSnapshots(files: readonly string[]): Promise<SnapshotPlan> {
  const roots = await findSnapshotRoots(files);
  const codeFiles = new Set<string>();
  const findings: Finding[] = [];
  for (const root of roots) {
    for (const file of files) if (file.endsWith('.py') && isInside(root, file)) codeFiles.add(file);
    findings.push(...toPickleFindings(root, files));
  }
  return { codeFiles, findings };
}

/**
 * Reads one Python file of a snapshot as text and reports the processes, code evaluation,
 * network and file access it contains. Nothing is imported or run.
 * @returns the target and its findings; a file that cannot be read is itself a finding.
 */
export async function scanCodeFile(path: string): Promise<{ target: Target; findings: Finding[] }> {
  const findings: Finding[] = [];
  let bytes = 0;
  try {
    bytes = (await stat(path)).size;
    if (bytes > MAX_SOURCE_BYTES) {
      findings.push({ ruleId: 'CITADEL-SCAN-LIMIT', severity: 'medium', message: `python file of ${bytes} bytes is larger than ${MAX_SOURCE_BYTES}; not read`, location: { path } });
    } else {
      const uses = listPythonUses(await readFile(path, 'utf8'));
      for (const f of classifyRemoteCode(uses, basename(path))) findings.push({ ...f, location: { path } });
    }
  } catch (error) {
    findings.push({ ruleId: 'CITADEL-UNSCANNABLE', severity: 'medium', message: `cannot read python file: ${toMessage(error)}`, location: { path } });
  }
  return { target: { path, format: 'python-remote-code', bytes }, findings };
}
