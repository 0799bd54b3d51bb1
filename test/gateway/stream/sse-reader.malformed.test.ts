// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../src/gateway/index.js';
import { SseReader } from '../../../src/gateway/stream/sse-reader.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof GatewayError ? error.code : 'not a GatewayError';
  }
  return undefined;
}

describe('SseReader on hostile streams', () => {
  it('refuses a line that never ends past the bound', () => {
    const reader = new SseReader(1024);
    expect(codeOf(() => { for (let i = 0; i < 10; i++) reader.push(Buffer.alloc(200, 0x61)); })).toBe('GATEWAY_UPSTREAM_UNAVAILABLE');
  });

  it('refuses an event whose data lines add up past the bound', () => {
    const reader = new SseReader(1024);
    expect(codeOf(() => { for (let i = 0; i < 20; i++) reader.push(Buffer.from(`data: ${'x'.repeat(100)}\n`)); })).toBe('GATEWAY_UPSTREAM_UNAVAILABLE');
  });

  it('decodes invalid UTF-8 to replacement characters instead of failing', () => {
    const reader = new SseReader(1024);
    expect(reader.push(Buffer.from([0x64, 0x61, 0x74, 0x61, 0x3a, 0x20, 0xff, 0xfe, 0x0a, 0x0a]))).toEqual([{ event: undefined, data: '\ufffd\ufffd' }]);
  });

  it('ignores fields it does not know and lines without a colon', () => {
    const reader = new SseReader(1024);
    expect(reader.push(Buffer.from('retry: 10\nbogus\nid: 1\ndata: x\n\n'))).toEqual([{ event: undefined, data: 'x' }]);
  });
});
