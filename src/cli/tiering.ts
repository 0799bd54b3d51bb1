// SPDX-License-Identifier: Apache-2.0
import { setFlagsFromString } from 'node:v8';

/**
 * V8 optimises a function once it has run a budget of bytecode (67,584 bytes by default, tuned for
 * long-lived pages). A CLI run touches a wide surface briefly: a scan of 1,250 small model files
 * spent about half of its instructions in the optimising compiler, on functions it then ran a few
 * hundred times. Four times the budget cut that run by about a tenth (interleaved A/B, bench/scan
 * corpus) and left long scans, whose hot loops still reach the optimiser within milliseconds, as
 * they were.
 */
const INTERRUPT_BUDGET = 4 * 67_584;

/** Verbs that serve until stopped: they keep V8's defaults. */
const LONG_RUNNING = new Set(['gateway']);

/** Sets V8's tiering for a run of `verb`; call before its modules load (flags bind as functions are created). */
export function tuneForShortRun(verb: string | undefined): void {
  if (verb !== undefined && LONG_RUNNING.has(verb)) return;
  setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
}
