// SPDX-License-Identifier: Apache-2.0
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUZZ_RUNS, FUZZ_TIME_MS } from '../../support/fuzz.js';
import { PickleBuilder } from '../../support/pickle-builder.js';
import { scanBytes } from '../../support/scan-bytes.js';

const SEEDS = [
  new PickleBuilder().proto(2).call('os', 'system', 'echo x').stop().toBytes(),
  new PickleBuilder().proto(4).unicode('os').memoize().unicode('system').memoize().raw(0x68, 0, 0x68, 1, 0x93).unicode('id').tuple1().reduce().stop().toBytes(),
  new PickleBuilder().global('collections', 'OrderedDict').mark().raw(0x74).reduce().stop().toBytes(),
  new PickleBuilder().proto(2).emptyDict().mark().unicode('a').int(1).unicode('b').bytes(new Uint8Array(300)).setitems().stop().toBytes(),
];

/** A seed with some bytes overwritten, inserted or removed. */
const mutated = fc.tuple(fc.constantFrom(...SEEDS), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('set', 'insert', 'delete')), { maxLength: 8 }))
  .map(([seed, edits]) => {
    const bytes = [...seed];
    for (const [at, value, op] of edits) {
      const i = at % (bytes.length + 1);
      if (op === 'set' && i < bytes.length) bytes[i] = value;
      else if (op === 'insert') bytes.splice(i, 0, value);
      else bytes.splice(i, 1);
    }
    return Uint8Array.from(bytes);
  });

const opcodeSoup = fc.array(fc.constantFrom(0x28, 0x2e, 0x30, 0x31, 0x32, 0x4e, 0x52, 0x62, 0x5d, 0x7d, 0x29, 0x61, 0x65, 0x73, 0x75, 0x74, 0x85, 0x86, 0x87, 0x81, 0x92, 0x93, 0x94, 0x68, 0x00, 0x8c, 0x01, 0x61, 0x80, 0x04), { maxLength: 400 })
  .map((a) => Uint8Array.from([0x80, 4, ...a]));

async function expectBoundedScan(bytes: Uint8Array): Promise<void> {
  const started = performance.now();
  const { findings } = await scanBytes(bytes, 'fuzz.pkl', { maxTimeMs: 1000 });
  expect(performance.now() - started).toBeLessThan(1000);
  for (const f of findings) expect(typeof f.ruleId).toBe('string');
}

describe('pickle machine on hostile input', () => {
  it('never throws or hangs on random bytes', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), expectBoundedScan), { numRuns: FUZZ_RUNS, interruptAfterTimeLimit: FUZZ_TIME_MS });
  });

  it('never throws or hangs on mutated pickles', async () => {
    await fc.assert(fc.asyncProperty(mutated, expectBoundedScan), { numRuns: FUZZ_RUNS, interruptAfterTimeLimit: FUZZ_TIME_MS });
  });

  it('never throws or hangs on opcode soup', async () => {
    await fc.assert(fc.asyncProperty(opcodeSoup, expectBoundedScan), { numRuns: FUZZ_RUNS, interruptAfterTimeLimit: FUZZ_TIME_MS });
  });

  it('still reports a call in a seed whatever follows it', async () => {
    const evil = SEEDS[0] as Uint8Array;
    const callEnd = evil.lastIndexOf(0x52) + 1;
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 64 }), async (tail) => {
      const { findings } = await scanBytes(Uint8Array.from([...evil.subarray(0, callEnd), ...tail]));
      expect(findings.some((f) => f.severity === 'critical')).toBe(true);
    }), { numRuns: FUZZ_RUNS, interruptAfterTimeLimit: FUZZ_TIME_MS });
  });
});
