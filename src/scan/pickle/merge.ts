// SPDX-License-Identifier: Apache-2.0
import type { PickleDescription } from './description.js';

/** Folds an inline pickle's description (joblib object arrays) into the enclosing stream's. */
export function mergeDescription(into: PickleDescription, from: PickleDescription): void {
  for (const [key, use] of from.names) {
    const mine = into.names.get(key);
    if (!mine) {
      into.names.set(key, { ...use });
      continue;
    }
    mine.uses |= use.uses;
    mine.count += use.count;
    if (mine.callOffset === undefined && use.callOffset !== undefined) {
      mine.callOffset = use.callOffset;
      if (use.firstArgs !== undefined) mine.firstArgs = use.firstArgs;
    }
  }
  into.anomalies.push(...from.anomalies);
  into.nested.push(...from.nested);
  into.called ||= from.called;
}
