// SPDX-License-Identifier: Apache-2.0
import { parentPort, workerData } from 'node:worker_threads';
import type { Limits } from '../core/index.js';
import { scanFile } from './scan-file.js';

/** What the pool hands each worker; see scan-pool.ts. */
interface WorkerPlan {
  readonly files: readonly string[];
  readonly codeIndices: readonly number[];
  readonly limits: Limits;
  /** [0]: the next unclaimed file index, shared by every scanner; [slot]: the file this one is on. */
  readonly shared: Int32Array;
  readonly slot: number;
}

const plan = workerData as WorkerPlan;
const code = new Set(plan.codeIndices);
for (;;) {
  const i = Atomics.add(plan.shared, 0, 1);
  if (i >= plan.files.length) break;
  Atomics.store(plan.shared, plan.slot, i);
  const result = await scanFile(plan.files[i] as string, { limits: plan.limits, isCode: code.has(i) });
  parentPort?.postMessage({ i, result });
}
Atomics.store(plan.shared, plan.slot, -1);
