// SPDX-License-Identifier: Apache-2.0
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scanPaths } from '../../src/scan/index.js';
import { FIXTURES } from './formats/format-samples.js';

const temp = mkdtempSync(join(tmpdir(), 'citadel-repo-'));
afterAll(() => {
  rmSync(temp, { recursive: true, force: true });
});

function summarize(report: Awaited<ReturnType<typeof scanPaths>>): string[] {
  return report.findings.map((f) => `${f.location.path.split('/').slice(-1)[0] ?? ''}:${f.severity}:${f.ruleId.replace('CITADEL-', '')}`);
}

describe('model repository snapshots', () => {
  it('reports auto_map code as high and reads the python it names', async () => {
    const report = await scanPaths([join(FIXTURES, 'malicious/repo-remote-code')]);
    expect(summarize(report)).toEqual([
      'config.json:high:REMOTE-CODE',
      'configuration_citadel.py:high:REMOTE-CODE-ACCESS',
      'modeling_citadel.py:high:REMOTE-CODE-ACCESS', 'modeling_citadel.py:high:REMOTE-CODE-ACCESS',
      'tokenizer_config.json:critical:TEMPLATE-INJECTION',
    ]);
    expect(report.findings[0]?.message).toMatch(/import and run configuration_citadel\.py, modeling_citadel\.py/);
    expect(report.targets.find((t) => t.path.endsWith('.py'))?.format).toBe('python-remote-code');
  });

  it('names code fetched from another repository', async () => {
    const report = await scanPaths([join(FIXTURES, 'malicious/repo-remote-repo')]);
    expect(report.findings[0]?.message).toMatch(/citadel-fixture\/payload:modeling_payload\.py.*fetched from other repositories: citadel-fixture\/payload/);
  });

  it('notes pickle weights beside safetensors as low, and nothing else in a clean snapshot', async () => {
    expect(summarize(await scanPaths([join(FIXTURES, 'benign/repo-snapshot')]))).toEqual(['pytorch_model.bin:low:PICKLE-BESIDE-SAFETENSORS']);
  });

  it('treats python files as code only inside a snapshot, nested folders included', async () => {
    mkdirSync(join(temp, 'snap/sub'), { recursive: true });
    mkdirSync(join(temp, 'plain'), { recursive: true });
    writeFileSync(join(temp, 'snap/config.json'), JSON.stringify({ model_type: 'bert' }));
    writeFileSync(join(temp, 'snap/sub/helper.py'), 'import os\nos.system("id")\n');
    writeFileSync(join(temp, 'plain/tool.py'), 'import os\nos.system("id")\n');
    const report = await scanPaths([temp]);
    expect(summarize(report)).toEqual(['tool.py:info:NOT-A-MODEL', 'helper.py:high:REMOTE-CODE-ACCESS']);
  });
});
