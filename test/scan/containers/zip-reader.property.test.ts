// SPDX-License-Identifier: Apache-2.0
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCitadelError, toBufferSource } from '../../../src/core/index.js';
import { openZipEntry, readZip } from '../../../src/scan/containers/zip-reader.js';
import { zipFormat } from '../../../src/scan/formats/zip.js';
import { FUZZ_RUNS } from '../../support/fuzz.js';
import { createHarness } from './scan-harness.js';
import { toZipBytes } from './zip-builder.js';

const RUNS = process.env['SLOW'] === '1' ? FUZZ_RUNS : 200;
const CASE_MS = 1000;
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

const SEEDS: readonly Uint8Array[] = [
  toZipBytes({ entries: [{ name: 'archive/data.pkl', data: Uint8Array.from([0x80, 2, 0x4e, 0x2e]) }, { name: 'archive/data/0', data: new Uint8Array(40) }] }),
  toZipBytes({ entries: [{ name: 'a.txt', data: text('hello '.repeat(40)), method: 8 }, { name: 'b', data: text('x'), descriptor: true }] }),
  toZipBytes({ zip64: true, entries: [{ name: 'z', data: text('zip64 data'), zip64: true }], comment: text('c') }),
  toZipBytes({ entries: [{ name: 'hidden', data: text('h'), localOnly: true, method: 8, descriptor: true }, { name: 'shown', data: text('s') }] }),
];

/** Scans `bytes` every way the reader can be driven; only CitadelErrors may escape. */
async function driveReader(bytes: Uint8Array): Promise<void> {
  const source = toBufferSource(bytes);
  try {
    const listing = readZip(source, { maxEntries: 64 });
    const harness = createHarness({ maxBufferBytes: 1 << 20, maxEntries: 64 });
    for (const entry of [...listing.entries, ...listing.localOnly]) openZipEntry(source, entry, harness.context)?.read(0, 64);
    await zipFormat.scan(source, createHarness({ maxBufferBytes: 1 << 20, maxEntries: 64 }).context);
  } catch (error) {
    if (!isCitadelError(error)) throw error;
  }
}

async function expectBounded(bytes: Uint8Array): Promise<void> {
  const started = performance.now();
  await driveReader(bytes);
  expect(performance.now() - started).toBeLessThan(CASE_MS);
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('byte' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('word' as const), at: fc.nat(), value: fc.constantFrom(0, 1, 0xffff, 0xffffffff, 0x7fffffff, 0x04034b50, 0x02014b50, 0x06054b50) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), value: fc.constant(0) }),
);

type Mutation = { kind: 'byte' | 'word' | 'cut'; at: number; value: number };

function applyMutations(seed: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let bytes = Buffer.from(seed);
  for (const m of mutations) {
    if (bytes.length === 0) break;
    const at = m.at % bytes.length;
    if (m.kind === 'byte') bytes[at] = m.value;
    else if (m.kind === 'cut') bytes = bytes.subarray(0, at);
    else if (at + 4 <= bytes.length) bytes.writeUInt32LE(m.value >>> 0, at);
  }
  return bytes;
}

describe('zip reader property', () => {
  it('random bytes never throw anything but CitadelError and finish quickly', async () => {
    const head = fc.constantFrom(new Uint8Array(0), text('PK\x03\x04'), text('PK\x05\x06'));
    await fc.assert(
      fc.asyncProperty(head, fc.uint8Array({ maxLength: 2048 }), async (prefix, body) => expectBounded(Buffer.concat([prefix, body, text('PK\x05\x06')]))),
      { numRuns: RUNS },
    );
  });

  it('mutated valid archives never throw anything but CitadelError and finish quickly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...SEEDS), fc.array(mutation, { minLength: 1, maxLength: 6 }), async (seed, mutations) => expectBounded(applyMutations(seed, mutations))),
      { numRuns: RUNS },
    );
  });
});
