// SPDX-License-Identifier: Apache-2.0
/** Property-test sizes: short by default, long with SLOW=1 (DESIGN.md). */
export const FUZZ_RUNS = process.env['SLOW'] === '1' ? 5000 : 300;
/** Wall-clock cap for one property, so a fuzz job never outlives CI's budget. */
export const FUZZ_TIME_MS = process.env['SLOW'] === '1' ? 120_000 : 20_000;
