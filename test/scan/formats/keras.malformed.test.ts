// SPDX-License-Identifier: Apache-2.0
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCitadelError } from '../../../src/core/index.js';
import { listKerasReferences } from '../../../src/scan/formats/keras-config.js';
import { toCodeSummary } from '../../../src/scan/formats/python-marshal.js';
import { scanBytes } from '../../support/scan-bytes.js';
import { readFixture, toRules, utf8 } from './format-samples.js';

/** The marshalled lambda inside the Keras 3 fixture (Python 3.11 layout). */
function fixtureLambda(): Uint8Array {
  const zip = Buffer.from(readFixture('malicious/keras/lambda_bytecode.keras'));
  const config = zip.toString('latin1');
  const code = /"code": "([^"]+)"/.exec(config)?.[1] ?? '';
  return Buffer.from(code.replaceAll('\\n', ''), 'base64');
}

function codeOf(run: () => unknown): string {
  try {
    run();
    return 'ok';
  } catch (error) {
    if (isCitadelError(error)) return error.code;
    throw error;
  }
}

/** A CPython 3.10 code object (six leading ints) built by hand: consts ('os',), names (system,). */
function python310Code(): Uint8Array {
  const i32 = (n: number): number[] => [n & 255, (n >> 8) & 255, (n >> 16) & 255, (n >> 24) & 255];
  const short = (s: string): number[] => [0x7a, s.length, ...Buffer.from(s)];
  return Uint8Array.from([
    0xe3, ...i32(1), ...i32(0), ...i32(0), ...i32(1), ...i32(3), ...i32(0x43),
    0x73, ...i32(2), 0x64, 0x00,
    0x29, 1, ...short('os'),
    0x29, 1, ...short('system'),
    0x29, 1, ...short('x'), 0x29, 0, 0x29, 0, ...short('<f>'), ...short('<lambda>'), ...i32(1), 0x73, ...i32(0),
  ]);
}

describe('marshal reader', () => {
  it('lists names and constants of 3.11 and 3.10 code objects', () => {
    expect(toCodeSummary(fixtureLambda())).toMatchObject({ names: ['__import__', 'system'], constants: expect.arrayContaining(['os', 'echo citadel-fixture']) as unknown });
    expect(toCodeSummary(python310Code())).toEqual({ names: ['system'], constants: ['os'] });
  });

  it('raises only its own codes on every cut, and bounds nesting and lengths', () => {
    const bytes = fixtureLambda();
    for (let cut = 0; cut < bytes.length; cut++) {
      expect(['ok', 'SCAN_TRUNCATED', 'SCAN_MALFORMED', 'SCAN_LIMIT']).toContain(codeOf(() => toCodeSummary(bytes.subarray(0, cut))));
    }
    expect(codeOf(() => toCodeSummary(Uint8Array.from({ length: 2000 }, (_, i) => (i % 2 ? 1 : 0x29))))).toBe('SCAN_LIMIT');
    expect(codeOf(() => toCodeSummary(Uint8Array.from([0x75, 0xff, 0xff, 0xff, 0x7f])))).toBe('SCAN_MALFORMED');
    expect(codeOf(() => toCodeSummary(Uint8Array.from([0x3f])))).toBe('SCAN_MALFORMED');
    expect(codeOf(() => toCodeSummary(Uint8Array.from([0x63, 1, 2, 3])))).toBe('SCAN_MALFORMED');
  });
});

describe('keras configs and hdf5 files on hostile input', () => {
  it('stops a config nested past its bound with a limit finding', async () => {
    let deep: unknown = { class_name: 'Dense', config: {} };
    for (let i = 0; i < 300; i++) deep = { class_name: 'Wrapper', config: { layer: deep } };
    expect(codeOf(() => listKerasReferences(deep))).toBe('SCAN_LIMIT');
    const { findings } = await scanBytes(utf8(JSON.stringify(deep)));
    expect(toRules(findings)).toEqual(['medium:SCAN-LIMIT']);
  });

  it('ignores fields of the wrong type instead of failing', () => {
    const odd = { class_name: 7, config: [1, 'x', null], module: 3, layers: [{ class_name: 'Lambda', config: { function: 42 } }, { class_name: 'Lambda', config: null }] };
    expect(listKerasReferences(odd).map((r) => r.className)).toEqual(['Lambda', 'Lambda']);
  });

  it('turns a truncated or garbled .h5 into an unscannable finding', async () => {
    const bytes = readFixture('benign/keras/sequential.h5');
    for (const cut of [16, 600, Math.floor(bytes.length / 2), bytes.length - 1]) {
      const { findings } = await scanBytes(bytes.subarray(0, cut), 'cut.h5');
      expect(toRules(findings)).toEqual(['medium:UNSCANNABLE']);
    }
    const garbled = Buffer.from(bytes);
    garbled.fill(0xff, 8, 64);
    expect(toRules((await scanBytes(garbled, 'garbled.h5')).findings)).toEqual(['medium:UNSCANNABLE']);
  });

  it('stops the hdf5 library when a crafted file loops it, and the next file still scans', async () => {
    const bytes = Buffer.from(readFixture('benign/keras/sequential.h5'));
    // An object-header address inside the root group's metadata, found by fuzzing: pointing it
    // 0x42 bytes lower sends HDF5 1.14 into an endless loop. The guard says so if the fixture moves.
    const at = 0x918;
    expect(bytes.readBigUInt64LE(at), 'fixture layout changed: find a new looping input').toBe(0xa70n);
    bytes[at] = 0x2e;
    const started = performance.now();
    const { findings } = await scanBytes(bytes, 'loop.h5', { maxTimeMs: 1500 });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(toRules(findings)).toEqual(['medium:SCAN-LIMIT']);
    expect(findings[0]?.message).toContain('hdf5 library did not finish');
    const next = await scanBytes(readFixture('benign/keras/sequential.h5'), 'next.h5');
    expect(next.formats).toContain('keras-h5');
    expect(toRules(next.findings)).toEqual([]);
  });

  it('replaces the hdf5 library after a crafted file aborts it, so later files are still checked', async () => {
    const bytes = Buffer.from(readFixture('benign/keras/sequential.h5'));
    // The length of a global-heap string ("tensorflow"): 0xff makes HDF5 abort(), after which
    // that WebAssembly instance fails every call. Found by fuzzing; the guard says if the fixture moves.
    const at = 0x398;
    expect(bytes.readBigUInt64LE(at), 'fixture layout changed: find a new aborting input').toBe(10n);
    bytes[at] = 0xff;
    const { findings } = await scanBytes(bytes, 'abort.h5');
    expect(toRules(findings)).toEqual(['medium:UNSCANNABLE']);
    expect(findings[0]?.message).toContain('hdf5 library aborted');
    const next = await scanBytes(readFixture('malicious/keras/lambda_bytecode.h5'), 'lambda.h5');
    expect(toRules(next.findings)).toEqual(['critical:KERAS-LAMBDA']);
  });

  it('bounds the hdf5 library heap by maxBufferBytes: a huge variable-length attribute fails, it does not grow memory', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'citadel-test-'));
    try {
      const path = join(folder, 'big.h5');
      await writeRootAttribute(path, 'model_config', JSON.stringify({ padding: 'x'.repeat(24 << 20) }));
      const capped = await scanBytes(readFileSync(path), 'big.h5', { maxBufferBytes: 32 << 20 });
      expect(toRules(capped.findings)).toEqual(['medium:UNSCANNABLE']);
      expect(capped.findings[0]?.message).toContain('hdf5 library cannot read the root attributes');
      const roomy = await scanBytes(readFileSync(path), 'big.h5');
      expect(toRules(roomy.findings)).toEqual([]);
      expect(roomy.formats).toEqual(['hdf5']);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

/** Writes an HDF5 file whose root has one string attribute, with the HDF5 library itself. */
async function writeRootAttribute(path: string, name: string, text: string): Promise<void> {
  const { default: h5 } = await import('h5wasm/node');
  await h5.ready;
  const file = new h5.File(path, 'w');
  file.create_attribute(name, text);
  file.close();
}
