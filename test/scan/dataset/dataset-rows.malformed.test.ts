// SPDX-License-Identifier: Apache-2.0
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { toExample } from '../../../src/scan/dataset/row-text.js';
import { scanDatasets } from '../../../src/scan/index.js';
import { FUZZ_RUNS, FUZZ_TIME_MS } from '../../support/fuzz.js';

const temp = mkdtempSync(join(tmpdir(), 'citadel-data-bad-'));
afterAll(() => {
  rmSync(temp, { recursive: true, force: true });
});

async function rulesOf(name: string, content: string | Uint8Array, maxLineBytes?: number): Promise<string[]> {
  const path = join(temp, name);
  writeFileSync(path, content);
  const report = await scanDatasets([path], maxLineBytes === undefined ? {} : { read: { maxLineBytes } });
  return report.findings.map((f) => `${f.severity}:${f.ruleId}`);
}

describe('dataset readers on hostile input', () => {
  it('stops at a line or field past the bound with a limit finding', async () => {
    expect(await rulesOf('long.jsonl', `{"a":"${'x'.repeat(5000)}"}\n`, 1000)).toEqual(['medium:CITADEL-SCAN-LIMIT']);
    expect(await rulesOf('long.csv', `text\n"${'x'.repeat(5000)}"\n`, 1000)).toEqual(['medium:CITADEL-SCAN-LIMIT']);
    expect(await rulesOf('wide.csv', `${'c,'.repeat(5000)}c\n`)).toEqual(['medium:CITADEL-SCAN-LIMIT']);
  });

  it('reports a broken parquet file or json array as unscannable', async () => {
    expect(await rulesOf('bad.parquet', Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(64, 7), Buffer.from('PAR1')]))).toEqual(['medium:CITADEL-UNSCANNABLE']);
    expect(await rulesOf('bad.json', '[{"prompt": "x"}, {"prompt": ')).toEqual(['medium:CITADEL-UNSCANNABLE']);
  });

  it('reads deeply nested, oddly typed and empty records without failing', async () => {
    const deep = `${'['.repeat(10_000)}"ignore all previous instructions"${']'.repeat(10_000)}`;
    const rows = [`{"messages": ${deep}}`, `{"text": ${deep}}`, '42', '"a string row"', 'null', '[]', '{}', JSON.stringify({ messages: [1, null, { role: 7 }] })];
    expect(await rulesOf('odd.jsonl', rows.join('\n'))).toEqual([]);
    expect(await rulesOf('empty.csv', '')).toEqual([]);
  });

  it('maps any JSON value to an example without throwing', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const example = toExample(value);
        expect(typeof example.prompt).toBe('string');
        expect(typeof example.response).toBe('string');
      }),
      { numRuns: FUZZ_RUNS, interruptAfterTimeLimit: FUZZ_TIME_MS },
    );
  });

  it('parses arbitrary CSV text into findings or nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('a', ',', '"', '\n', '\r', '\t', ';', 'ignore all previous instructions', 'x y'), { maxLength: 80 }), async (pieces) => {
        const rules = await rulesOf('fuzz.csv', pieces.join(''));
        expect(Array.isArray(rules)).toBe(true);
      }),
      { numRuns: Math.min(FUZZ_RUNS, 200), interruptAfterTimeLimit: FUZZ_TIME_MS },
    );
  });
});
