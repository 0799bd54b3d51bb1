// SPDX-License-Identifier: Apache-2.0
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

/**
 * The import-direction rule (DESIGN.md) must fail a wrong import. These lint snippets with the
 * project's own rule entries, so a regression in eslint.config.js fails here and not in review.
 */
const configPath = '../../eslint.config.js';
const { default: config } = (await import(configPath)) as { default: Linter.Config[] };
const directionEntries = config.filter((c) => c.rules?.['no-restricted-imports'] !== undefined);
const eslint = new ESLint({
  cwd: import.meta.dirname + '/../..',
  overrideConfigFile: true,
  overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...directionEntries],
});

async function lint(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.message);
}

describe('import direction', () => {
  it('rejects core importing scan', async () => {
    expect(await lint('src/core/x.ts', "import { scanPaths } from '../scan/index.js';\n")).toEqual([expect.stringContaining('core may not import scan')]);
  });

  it('rejects a deep import into another capability', async () => {
    expect(await lint('src/cli/x.ts', "import { PickleMachine } from '../scan/pickle/machine.js';\n")).toEqual([expect.stringContaining('only through its index.ts')]);
  });

  it('rejects anything importing cli', async () => {
    expect((await lint('src/scan/x.ts', "import { main } from '../cli/main.js';\n")).length).toBe(1);
  });

  it('accepts imports through a face in the right direction', async () => {
    expect(await lint('src/scan/formats/x.ts', "import { ByteReader } from '../../core/index.js';\nimport { y } from './y.js';\n")).toEqual([]);
    expect(await lint('src/cli/x.ts', "import { scanPaths } from '../scan/index.js';\n")).toEqual([]);
  });
});
