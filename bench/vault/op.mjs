// SPDX-License-Identifier: Apache-2.0
// One timed vault operation through the library (dist/vault), for bench:vault: the `citadel` CLI
// also loads every other capability at start-up, which is not what this bench measures.
// Usage: node op.mjs seal DIR SOURCE MODEL KEYFILE | node op.mjs release DIR REQUEST OUT KEYFILE
// (passphrase in $BENCH_PASS).
import { readFile } from 'node:fs/promises';
import { openVault, releaseModel, sealModel, unlockKeyFile } from '../../dist/vault/index.js';

const [op, dir, a, b, keyFile] = process.argv.slice(2);
const key = await unlockKeyFile(await readFile(keyFile, 'utf8'), Buffer.from(process.env.BENCH_PASS ?? ''));
const vault = await openVault({ dir });
try {
  if (op === 'seal') await sealModel(vault.context, { source: a, model: b, operator: key });
  else if (op === 'release') await releaseModel(vault.context, { requestId: a, requester: key, outDir: b });
  else throw new Error(`unknown op ${op}`);
} finally {
  await vault.close();
}
