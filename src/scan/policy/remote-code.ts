// SPDX-License-Identifier: Apache-2.0
import type { Severity } from '../../core/index.js';
import type { FindingInput } from '../context.js';
import type { PythonUse } from '../python-source.js';

type Category = 'process' | 'code' | 'network' | 'file-write' | 'file-read';

const SEVERITY: Readonly<Record<Category, Severity>> = { process: 'high', code: 'high', network: 'high', 'file-write': 'medium', 'file-read': 'low' };
const WHAT: Readonly<Record<Category, string>> = {
  process: 'runs a process', code: 'evaluates or loads code', network: 'opens the network', 'file-write': 'writes or deletes files', 'file-read': 'reads files',
};

/** Callables by qualified prefix: `os.exec` matches os.execv, os.execve... */
const CALLS: readonly (readonly [prefix: string, category: Category])[] = [
  ['os.system', 'process'], ['os.popen', 'process'], ['os.exec', 'process'], ['os.spawn', 'process'], ['os.fork', 'process'], ['os.startfile', 'process'],
  ['os.posix_spawn', 'process'], ['subprocess.', 'process'], ['pty.', 'process'], ['commands.', 'process'], ['platform.popen', 'process'],
  ['asyncio.create_subprocess', 'process'], ['multiprocessing.Process', 'process'],
  ['builtins.eval', 'code'], ['builtins.exec', 'code'], ['builtins.compile', 'code'], ['builtins.__import__', 'code'], ['builtins.execfile', 'code'],
  ['importlib.import_module', 'code'], ['importlib.util.spec_from_file_location', 'code'], ['runpy.', 'code'], ['marshal.load', 'code'],
  ['pickle.load', 'code'], ['dill.load', 'code'], ['cloudpickle.load', 'code'], ['ctypes.', 'code'], ['cffi.', 'code'], ['torch.hub.load', 'code'],
  ['socket.', 'network'], ['urllib.request.', 'network'], ['urllib.urlopen', 'network'], ['urllib2.', 'network'], ['requests.', 'network'],
  ['httpx.', 'network'], ['http.client.', 'network'], ['ftplib.', 'network'], ['smtplib.', 'network'], ['telnetlib.', 'network'],
  ['paramiko.', 'network'], ['webbrowser.', 'network'], ['aiohttp.', 'network'],
  ['os.remove', 'file-write'], ['os.unlink', 'file-write'], ['os.rmdir', 'file-write'], ['os.removedirs', 'file-write'], ['os.rename', 'file-write'],
  ['os.replace', 'file-write'], ['os.chmod', 'file-write'], ['os.chown', 'file-write'], ['os.symlink', 'file-write'], ['shutil.rmtree', 'file-write'],
  ['shutil.move', 'file-write'], ['shutil.copy', 'file-write'], ['tempfile.', 'file-write'],
  ['builtins.open', 'file-read'],
];

/** Modules whose mere import says what the code can do, reported when no call resolved. */
const MODULES: readonly (readonly [module: string, category: Category])[] = [
  ['subprocess', 'process'], ['pty', 'process'], ['socket', 'network'], ['requests', 'network'], ['httpx', 'network'], ['urllib.request', 'network'],
  ['http.client', 'network'], ['ftplib', 'network'], ['smtplib', 'network'], ['paramiko', 'network'], ['ctypes', 'code'], ['marshal', 'code'], ['runpy', 'code'],
];

/** Findings per file; a file with more says enough with these. */
const MAX_FINDINGS = 20;

function toCallCategory(use: PythonUse): Category | undefined {
  return CALLS.find(([prefix]) => use.qualified === prefix || use.qualified.startsWith(prefix))?.[1];
}

function toImportCategory(use: PythonUse): Category | undefined {
  return MODULES.find(([module]) => use.qualified === module || use.qualified.startsWith(`${module}.`))?.[1];
}

function toFinding(use: PythonUse, category: Category, file: string): FindingInput {
  const arg = use.firstArg === undefined ? '' : ` with ${JSON.stringify(use.firstArg.length > 100 ? `${use.firstArg.slice(0, 97)}...` : use.firstArg)}`;
  const verb = use.kind === 'call' ? `calls ${use.qualified}${arg}` : `imports ${use.qualified}`;
  return {
    ruleId: 'CITADEL-REMOTE-CODE-ACCESS',
    severity: use.kind === 'import' && SEVERITY[category] === 'high' ? 'medium' : SEVERITY[category],
    message: `${file} line ${use.line} ${verb}: ${WHAT[category]} when trust_remote_code imports it`,
    detail: { line: use.line, name: use.qualified, category, kind: use.kind },
  };
}

/**
 * Grades what a model's Python file does: processes, code evaluation and network are high, file
 * writes medium, file reads low; an import of a process or network module with no resolved call
 * is medium. One finding per callable and line.
 * @returns at most twenty findings for `file`.
 */
export function classifyRemoteCode(uses: readonly PythonUse[], file: string): FindingInput[] {
  const findings: FindingInput[] = [];
  const called = new Set<Category>();
  for (const use of uses) {
    const category = use.kind === 'call' ? toCallCategory(use) : undefined;
    if (category === undefined) continue;
    called.add(category);
    if (findings.length < MAX_FINDINGS) findings.push(toFinding(use, category, file));
  }
  for (const use of uses) {
    const category = use.kind === 'import' ? toImportCategory(use) : undefined;
    if (category === undefined || called.has(category) || findings.length >= MAX_FINDINGS) continue;
    called.add(category);
    findings.push(toFinding(use, category, file));
  }
  return findings;
}
