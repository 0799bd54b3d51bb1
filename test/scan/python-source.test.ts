// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { classifyRemoteCode } from '../../src/scan/policy/remote-code.js';
import { listPythonUses } from '../../src/scan/python-source.js';

const calls = (source: string): string[] => listPythonUses(source).filter((u) => u.kind === 'call').map((u) => u.qualified);
const grade = (source: string): string[] => classifyRemoteCode(listPythonUses(source), 'm.py').map((f) => `${f.severity}:${String(f.detail?.['name'])}`);

describe('python source reading', () => {
  it('resolves calls through import aliases and from-imports', () => {
    expect(calls('import os\nos.system("id")\n')).toEqual(['os.system']);
    expect(calls('import subprocess as sp\nsp.run(["id"])\n')).toEqual(['subprocess.run']);
    expect(calls('from os import system as s, popen\ns("id")\npopen("x")\n')).toEqual(['os.system', 'os.popen']);
    expect(calls('from urllib import request\nrequest.urlopen("http://x")\n')).toEqual(['urllib.request.urlopen']);
    expect(calls('import os.path\nos.path.join("a", "b")\n')).toEqual(['os.path.join']);
    expect(calls('from . import local\nfrom .mod import (a,\n  b as c)\nc()\n')).toEqual(['mod.b']);
  });

  it('sees builtins called bare, not methods or definitions of the same name', () => {
    expect(calls('eval("1")\nexec(code)\n__import__("os")\n')).toEqual(['builtins.eval', 'builtins.exec', 'builtins.__import__']);
    expect(calls('model.eval()\ndef exec(self):\n    pass\nclass open: pass\n')).toEqual([]);
  });

  it('ignores names inside strings and comments', () => {
    expect(calls('import os\n# os.system("id")\nx = "os.system(1)"\ny = """\nos.system(2)\n"""\n')).toEqual([]);
    expect(calls("import os\nx = r'\\' os.system(1)'\n")).toEqual([]);
  });

  it('keeps the first literal argument of a call', () => {
    expect(listPythonUses('import os\nos.system(\'curl x | sh\')\n').find((u) => u.kind === 'call')).toMatchObject({ firstArg: 'curl x | sh', line: 2 });
  });

  it('grades processes, code and network high, writes medium, reads low, and bare imports medium', () => {
    expect(grade('import os, subprocess\nos.system("x")\nsubprocess.Popen("y")\n')).toEqual(['high:os.system', 'high:subprocess.Popen']);
    expect(grade('import requests\nrequests.post("http://x", data=1)\n')).toEqual(['high:requests.post']);
    expect(grade('import shutil\nshutil.rmtree("/")\nopen("f")\n')).toEqual(['medium:shutil.rmtree', 'low:builtins.open']);
    expect(grade('import socket\n')).toEqual(['medium:socket']);
    expect(grade('import os\nimport torch\nos.path.join("a")\nos.environ.get("X")\ntorch.zeros(1)\n')).toEqual([]);
  });

  it('stays linear on hostile text', () => {
    const started = performance.now();
    listPythonUses(`${'"'.repeat(100_000)}\n${"'''".repeat(30_000)}\n${'import '.repeat(50_000)}${'a.'.repeat(100_000)}(`);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
