// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { toBufferSource } from '../../../src/core/index.js';
import { readTar } from '../../../src/scan/containers/tar-reader.js';
import { tarFormat } from '../../../src/scan/formats/tar.js';
import { createHarness, must } from './scan-harness.js';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

interface TarMember {
  readonly name: string;
  readonly data?: Uint8Array;
  readonly type?: string;
  readonly linkName?: string;
  readonly size?: number;
  readonly base256Size?: boolean;
  readonly prefix?: string;
  readonly badChecksum?: boolean;
}

function toHeader(member: TarMember): Uint8Array {
  const block = Buffer.alloc(512);
  block.write(member.name.slice(0, 100), 0, 'utf8');
  block.write('0000644\0', 100);
  const size = member.size ?? member.data?.length ?? 0;
  if (member.base256Size) {
    block[124] = 0x80;
    block.writeUIntBE(size, 136 - 6, 6);
  } else {
    block.write(size.toString(8).padStart(11, '0') + '\0', 124);
  }
  block.write((member.type ?? '0').slice(0, 1), 156);
  block.write(member.linkName ?? '', 157);
  block.write('ustar\x0000', 257, 'latin1');
  if (member.prefix) block.write(member.prefix, 345);
  block.fill(0x20, 148, 156);
  const sum = block.reduce((a, b) => a + b, 0) + (member.badChecksum ? 1 : 0);
  block.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
  return block;
}

function toTar(members: readonly TarMember[], tail: Uint8Array = new Uint8Array(1024)): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const member of members) {
    const data = member.data ?? new Uint8Array(0);
    parts.push(toHeader(member), data, new Uint8Array((512 - (data.length % 512)) % 512));
  }
  parts.push(tail);
  return Buffer.concat(parts);
}

function toPax(records: Record<string, string>): Uint8Array {
  let body = '';
  for (const [key, value] of Object.entries(records)) {
    const rest = ` ${key}=${value}\n`;
    let length = rest.length + 1;
    while (String(length).length + rest.length !== length) length = String(length).length + rest.length;
    body += `${length}${rest}`;
  }
  return text(body);
}

async function scanTar(bytes: Uint8Array, limits = {}) {
  const harness = createHarness(limits);
  await tarFormat.scan(toBufferSource(bytes), harness.context);
  return harness;
}

describe('readTar', () => {
  it('lists ustar members as windows on the archive', () => {
    const bytes = toTar([{ name: 'a.pkl', data: text('abc') }, { name: 'dir/', type: '5' }, { name: 'b', data: text('x'.repeat(600)), prefix: 'deep/path' }]);
    const listing = readTar(toBufferSource(bytes), { maxEntries: 10 });
    expect(listing.entries.map((e) => [e.name, e.type, e.size, e.dataOffset, e.isFile])).toEqual([
      ['a.pkl', '0', 3, 512, true],
      ['dir/', '5', 0, 1536, false],
      ['deep/path/b', '0', 600, 2048, true],
    ]);
    expect(listing.stop).toBeUndefined();
  });

  it('applies pax path and size, global headers and GNU long names', () => {
    const long = `${'n'.repeat(150)}.pkl`;
    const bytes = toTar([
      { name: 'pax', type: 'g', data: toPax({ comment: 'x' }) },
      { name: 'PaxHeader', type: 'x', data: toPax({ path: long, size: '5' }) },
      { name: 'short', size: 0, data: text('12345') },
      { name: '././@LongLink', type: 'L', data: text('gnu/long/name.pkl\0') },
      { name: 'trunc', data: text('g') },
    ]);
    const listing = readTar(toBufferSource(bytes), { maxEntries: 10 });
    expect(listing.entries.map((e) => [e.name, e.size])).toEqual([[long, 5], ['gnu/long/name.pkl', 1]]);
  });

  it('reads GNU base-256 sizes', () => {
    const listing = readTar(toBufferSource(toTar([{ name: 'a', data: text('abcd'), base256Size: true }])), { maxEntries: 10 });
    expect(must(listing.entries[0]).size).toBe(4);
  });

  it('stops at a bad checksum and reports what follows as unscanned', async () => {
    const bytes = toTar([{ name: 'a', data: text('1') }, { name: 'b', data: text('2'), badChecksum: true }, { name: 'c', data: text('3') }]);
    const listing = readTar(toBufferSource(bytes), { maxEntries: 10 });
    expect(listing.entries.map((e) => e.name)).toEqual(['a']);
    expect(listing.stop).toMatchObject({ reason: 'checksum', offset: 1024 });
    const harness = await scanTar(bytes);
    expect(harness.childNames()).toEqual(['a']);
    expect(harness.ruleIds()).toEqual(['CITADEL-ARCHIVE-DIVERGENCE']);
  });

  it('reports a header hidden after the end-of-archive block', async () => {
    const hidden = toTar([{ name: 'evil.pkl', data: text('x') }], new Uint8Array(0));
    const bytes = Buffer.concat([toTar([{ name: 'a', data: text('1') }], new Uint8Array(512)), hidden, new Uint8Array(1024)]);
    expect(readTar(toBufferSource(bytes), { maxEntries: 10 }).hiddenHeaderAt).toBe(1536);
    expect((await scanTar(bytes)).ruleIds()).toEqual(['CITADEL-ARCHIVE-DIVERGENCE']);
  });

  it('stops at truncation, bad numbers, oversized extensions and the entry bound', () => {
    const one = toTar([{ name: 'a', data: text('x'.repeat(600)) }]);
    expect(readTar(toBufferSource(one.subarray(0, 700)), { maxEntries: 10 }).stop?.reason).toBe('truncated');
    expect(readTar(toBufferSource(one.subarray(0, 300)), { maxEntries: 10 }).stop?.reason).toBe('truncated');
    const badSize = Buffer.from(toHeader({ name: 'a', size: 1 }));
    badSize.write('zzzzzzzzzzz', 124);
    expect(readTar(toBufferSource(badSize), { maxEntries: 10 }).stop?.reason).toBe('checksum');
    const huge = toTar([{ name: 'x', type: 'x', size: 2 << 20 }]);
    const padded = Buffer.concat([huge, new Uint8Array(2 << 20)]);
    expect(readTar(toBufferSource(padded), { maxEntries: 10 }).stop?.reason).toBe('malformed');
    const many = toTar([{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
    expect(readTar(toBufferSource(many), { maxEntries: 2 }).stop?.reason).toBe('limit');
  });

  it('ends cleanly at end of file without end blocks, as CPython does', () => {
    const listing = readTar(toBufferSource(toTar([{ name: 'a', data: text('x') }], new Uint8Array(0))), { maxEntries: 10 });
    expect(listing.entries).toHaveLength(1);
    expect(listing.stop).toBeUndefined();
  });
});

describe('tar format handler', () => {
  it('scans regular members only and reports unsafe names and link targets', async () => {
    const bytes = toTar([
      { name: 'ok.pkl', data: text('abc') },
      { name: '../escape.pkl', data: text('x') },
      { name: 'link', type: '2', linkName: '/etc/passwd' },
      { name: 'sparse', type: 'S', data: text('s') },
    ]);
    const harness = await scanTar(bytes);
    expect(harness.childNames()).toEqual(['ok.pkl', '../escape.pkl']);
    expect(harness.ruleIds()).toEqual(['CITADEL-ARCHIVE-PATH', 'CITADEL-ARCHIVE-PATH', 'CITADEL-UNSCANNABLE']);
    expect(Uint8Array.from(must(harness.children[0]).source.read(0, 10))).toEqual(text('abc'));
  });

  it('sniffs by header checksum', () => {
    const bytes = toTar([{ name: 'a', data: text('x') }]);
    expect(tarFormat.sniff(bytes.subarray(0, 512), toBufferSource(bytes))).toBe(true);
    expect(tarFormat.sniff(new Uint8Array(512), toBufferSource(new Uint8Array(512)))).toBe(false);
    expect(tarFormat.sniff(text('not a tar'), toBufferSource(text('not a tar')))).toBe(false);
  });
});
