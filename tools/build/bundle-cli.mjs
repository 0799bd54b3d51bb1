// SPDX-License-Identifier: Apache-2.0
// Bundles the CLI into dist/cli/: one file for `citadel` (dist/cli/main.js), one for the scan
// pool's worker (dist/cli/scan-worker.js) and the chunks they share, side by side, so the scan
// pool's `new URL('./scan-worker.js', import.meta.url)` finds its worker from any chunk.
// Node 20 resolves and compiles every ES module on each start (it has no compile cache): a
// `citadel scan` loaded about 110 modules before it read a byte. npm packages stay external and
// load from node_modules as before. `tsc` still type-checks and writes dist/ for library use.
import { chmodSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(ROOT, 'dist', 'cli');

// Chunk names carry a content hash: drop the previous build's, or they would pile up.
for (const name of readdirSync(OUT)) if (/^chunk-[A-Z0-9]+\.js(\.map)?$/.test(name)) rmSync(join(OUT, name));

await build({
  entryPoints: [join(ROOT, 'src', 'cli', 'main.ts'), join(ROOT, 'src', 'scan', 'scan-worker.ts')],
  outdir: OUT,
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
chmodSync(join(OUT, 'main.js'), 0o755);
