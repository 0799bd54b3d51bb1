// SPDX-License-Identifier: Apache-2.0
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Imports flow one way (DESIGN.md): core <- scan, detect, ledger, store <- gateway, vault,
 * redteam <- cli. A capability is reached only through its index.ts; nothing imports cli.
 */
const CAPABILITIES = ['core', 'scan', 'detect', 'ledger', 'store', 'gateway', 'vault', 'redteam', 'cli'];
const ALLOWED = {
  core: [],
  scan: ['core'],
  detect: ['core'],
  ledger: ['core'],
  store: ['core'],
  gateway: ['core', 'scan', 'detect', 'ledger', 'store'],
  vault: ['core', 'scan', 'detect', 'ledger', 'store'],
  redteam: ['core', 'scan', 'detect', 'ledger', 'store'],
  cli: ['core', 'scan', 'detect', 'ledger', 'store', 'gateway', 'vault', 'redteam'],
};

function toDirectionRules(cap) {
  const forbidden = CAPABILITIES.filter((c) => c !== cap && !ALLOWED[cap].includes(c));
  const patterns = [
    ...forbidden.map((c) => ({ group: [`**/${c}/**`, `**/${c}`], message: `${cap} may not import ${c} (DESIGN.md import direction)` })),
    ...ALLOWED[cap].map((c) => ({
      group: [`**/${c}/**`, `!**/${c}/index.js`],
      message: `import ${c} only through its index.ts`,
    })),
  ];
  return { files: [`src/${cap}/**/*.ts`], rules: { 'no-restricted-imports': ['error', { patterns }] } };
}

export default tseslint.config(
  { ignores: ['dist/**', 'dist-check/**', 'node_modules/**', 'bench/**', 'tools/**', 'test/fixtures/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['eslint.config.js'] }, tsconfigRootDir: import.meta.dirname } },
    rules: {
      'max-lines-per-function': ['warn', { max: 60, skipBlankLines: true, skipComments: true }],
      'max-params': ['error', 3],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/no-non-null-assertion': 'error',
    },
  },
  { files: ['src/index.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/cli/**'], message: 'nothing imports cli' }] }] } },
  ...CAPABILITIES.map(toDirectionRules),
  { files: ['test/**/*.ts'], rules: { 'max-lines-per-function': 'off', '@typescript-eslint/no-floating-promises': 'off' } },
  { files: ['eslint.config.js'], ...tseslint.configs.disableTypeChecked },
);
