// SPDX-License-Identifier: Apache-2.0
import SevenZipFactory from '7z-wasm';
import type { SevenZipModule, SevenZipModuleFactory } from '7z-wasm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { toBufferSource } from '../../../src/core/index.js';
import { sevenZipFormat } from '../../../src/scan/formats/sevenzip.js';
import { createHarness, must } from './scan-harness.js';

let maker: SevenZipModule;
let archiveCount = 0;

/** Builds a 7z archive with a separate 7-Zip instance, so the code under test starts cold. */
function toSevenZip(files: Record<string, Uint8Array>, switches: string[] = []): Uint8Array {
  const dir = `/build${archiveCount++}`;
  maker.FS.mkdir(dir);
  for (const [name, data] of Object.entries(files)) {
    const parts = name.split('/');
    for (let i = 1; i < parts.length; i++) {
      try {
        maker.FS.mkdir(`${dir}/${parts.slice(0, i).join('/')}`);
      } catch {
        // exists already
      }
    }
    maker.FS.writeFile(`${dir}/${name}`, data);
  }
  maker.FS.chdir(dir);
  maker.callMain(['a', '-t7z', ...switches, `${dir}.7z`, ...Object.keys(files).map((n) => n.split('/')[0] as string)]);
  maker.FS.chdir('/');
  return maker.FS.readFile(`${dir}.7z`);
}

async function scanSevenZip(bytes: Uint8Array, limits = {}) {
  const harness = createHarness(limits);
  await sevenZipFormat.scan(toBufferSource(bytes), harness.context);
  return harness;
}

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

beforeAll(async () => {
  const factory = SevenZipFactory as unknown as SevenZipModuleFactory;
  maker = await factory({ print: () => undefined, printErr: () => undefined });
});

describe('7z format handler', () => {
  it('extracts every file within bounds and hands it to the dispatcher', async () => {
    const archive = toSevenZip({ 'a.pkl': text('first'), 'sub/b.bin': new Uint8Array(5000) });
    expect(sevenZipFormat.sniff(archive, toBufferSource(archive))).toBe(true);
    const write = vi.spyOn(process.stdout, 'write');
    const harness = await scanSevenZip(archive);
    expect(write).not.toHaveBeenCalled();
    write.mockRestore();
    expect(harness.findings).toEqual([]);
    expect(harness.childNames().sort()).toEqual(['a.pkl', 'sub/b.bin']);
    const first = harness.children.find((c) => c.entry[0] === 'a.pkl');
    expect(Buffer.from(must(first).bytes()).toString()).toBe('first');
    expect(harness.budget.inflatedBytes).toBe(5005);
  });

  it('reports encrypted contents as unscannable without extracting', async () => {
    const harness = await scanSevenZip(toSevenZip({ 'a.pkl': text('secret') }, ['-psecret']));
    expect(harness.ruleIds()).toEqual(['CITADEL-UNSCANNABLE']);
    expect(harness.children).toEqual([]);
  });

  it('refuses archives whose headers are encrypted, and keeps working afterwards', async () => {
    await expect(scanSevenZip(toSevenZip({ 'a.pkl': text('secret') }, ['-psecret', '-mhe=on']))).rejects.toMatchObject({ code: 'SCAN_MALFORMED' });
    const harness = await scanSevenZip(toSevenZip({ 'ok.txt': text('fine') }));
    expect(harness.childNames()).toEqual(['ok.txt']);
  });

  it('reports a bomb from the declared sizes before extracting', async () => {
    const harness = await scanSevenZip(toSevenZip({ 'zeros.bin': new Uint8Array(200_000) }), { maxBufferBytes: 100_000 });
    expect(harness.ruleIds()).toEqual(['CITADEL-ARCHIVE-BOMB']);
    expect(harness.children).toEqual([]);
  });

  it('refuses archives past the buffer limit and damaged archives', async () => {
    const archive = toSevenZip({ 'a': text('x') });
    expect((await scanSevenZip(archive, { maxBufferBytes: 10 })).ruleIds()).toEqual(['CITADEL-SCAN-LIMIT']);
    const damaged = Uint8Array.from([...archive.subarray(0, 6), ...new Uint8Array(40).fill(7)]);
    await expect(scanSevenZip(damaged)).rejects.toMatchObject({ code: 'SCAN_MALFORMED' });
  });

  it('stops at maxEntries', async () => {
    const harness = await scanSevenZip(toSevenZip({ a: text('1'), b: text('2'), c: text('3') }), { maxEntries: 2 });
    expect(harness.ruleIds()).toEqual(['CITADEL-SCAN-LIMIT']);
  });

  it('stops 7-Zip when it outlives the input\'s time, and the next archive still opens', async () => {
    const big = toSevenZip({ 'zeros.bin': new Uint8Array(48 << 20) });
    await scanSevenZip(toSevenZip({ 'warm.txt': text('thread and module ready') }));
    const started = performance.now();
    const stopped: unknown = await scanSevenZip(big, { maxRatio: 1e9, maxTimeMs: 5 }).then(() => undefined, (error: unknown) => error);
    expect(stopped).toMatchObject({ code: 'SCAN_TIMEOUT' });
    expect(String(stopped)).toContain('7-zip did not finish');
    expect(performance.now() - started).toBeLessThan(2000);
    const harness = await scanSevenZip(toSevenZip({ 'after.txt': text('still works') }));
    expect(harness.childNames()).toEqual(['after.txt']);
  });
});

