// SPDX-License-Identifier: Apache-2.0
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withLimits } from '../../src/core/index.js';

// Worker threads run compiled JavaScript only, so this drives the pool as built by `npm test`'s pretest.
const { scanInPool } = (await import(join(import.meta.dirname, '../../dist/scan/scan-pool.js'))) as typeof import('../../src/scan/scan-pool.js');

const dir = mkdtempSync(join(tmpdir(), 'citadel-pool-'));
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

/** Protocol-2 pickles of one small int each: `\x80\x02K<n>.` */
const files = Array.from({ length: 40 }, (_, n) => {
  const path = join(dir, `f${String(n).padStart(2, '0')}.pkl`);
  writeFileSync(path, Buffer.from([0x80, 0x02, 0x4b, n, 0x2e]));
  return path;
});

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * @returns a substitute scan worker that speaks the pool's protocol (claims from the shared counter,
 * names its claim in its slot) and dies on the first file it claims, as a thread out of memory would.
 */
function toFailingWorker(death: string): URL {
  const source = `import { workerData } from 'node:worker_threads';
    const { files, shared, slot } = workerData;
    const i = Atomics.add(shared, 0, 1);
    if (i < files.length) { Atomics.store(shared, slot, i); ${death} }`;
  return new URL(`data:text/javascript,${encodeURIComponent(source)}`);
}

async function scanWithFailingWorker(workerScript: URL): Promise<Awaited<ReturnType<typeof scanInPool>>> {
  return scanInPool({
    files, codeFiles: new Set(), limits: withLimits({}), jobs: 2,
    workerScript,
    // This thread waits before its first file, so the worker has started and claimed one.
    onStart: (i) => { if (i === 0) Atomics.wait(pause, 0, 0, 1000); return undefined; },
    onResult: () => undefined,
  });
}

describe('scan pool', () => {
  const deaths = [['exits', 'process.exit(3);', /exited with code 3/], ['throws', "throw new Error('test worker failed');", /test worker failed/]] as const;
  for (const [name, death, why] of deaths) {
    it(`reports the file a worker was on when it ${name} as unscannable, and scans the rest`, async () => {
      const results = await scanWithFailingWorker(toFailingWorker(death));
      expect(results).toHaveLength(files.length);
      const lost = results.filter((r) => r.findings.some((f) => f.ruleId === 'CITADEL-UNSCANNABLE'));
      expect(lost).toHaveLength(1);
      expect(lost[0]?.findings[0]?.message).toMatch(why);
      expect(lost[0]?.target.path).not.toBe(files[0]);
      const scanned = results.filter((r) => r !== lost[0]);
      expect(scanned.every((r) => r.target.format === 'pickle' && r.findings.length === 0)).toBe(true);
      expect(results.map((r) => r.target.path)).toEqual(files);
    });
  }
});
