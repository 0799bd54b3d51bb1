// SPDX-License-Identifier: Apache-2.0
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SseReader, type SseEvent } from '../../../src/gateway/stream/sse-reader.js';
import { FUZZ_RUNS, FUZZ_TIME_MS } from '../../support/fuzz.js';

/** @returns the events of `bytes` fed in pieces cut at `cuts`. */
function readSplit(bytes: Buffer, cuts: readonly number[]): SseEvent[] {
  const reader = new SseReader(1 << 20);
  const events: SseEvent[] = [];
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    events.push(...reader.push(bytes.subarray(at, cut)));
    at = cut;
  }
  events.push(...reader.push(bytes.subarray(at)), ...reader.end());
  return events;
}

const STREAM = [
  ': keep-alive comment',
  'event: message',
  'data: {"choices":[{"delta":{"content":"héllo ☃ 😀"}}]}',
  '',
  'data: first line',
  'data:second line',
  '',
  'id: 7',
  'data: [DONE]',
  '',
  '',
].join('\n');

describe('SseReader', () => {
  it('reads events, multi-line data, comments and the [DONE] marker', () => {
    expect(readSplit(Buffer.from(STREAM), [])).toEqual([
      { event: 'message', data: '{"choices":[{"delta":{"content":"héllo ☃ 😀"}}]}' },
      { event: undefined, data: 'first line\nsecond line' },
      { event: undefined, data: '[DONE]' },
    ]);
  });

  it('keeps a last data line that has no blank line after it', () => {
    expect(readSplit(Buffer.from('data: a\n\ndata: [DONE]'), [])).toEqual([{ event: undefined, data: 'a' }, { event: undefined, data: '[DONE]' }]);
  });

  it('yields the same events for every split of the bytes, with LF, CRLF or CR line ends', () => {
    const endings = ['\n', '\r\n', '\r'];
    fc.assert(fc.property(
      fc.constantFrom(...endings),
      fc.array(fc.nat(), { maxLength: 12 }),
      (ending, rawCuts) => {
        const bytes = Buffer.from(STREAM.split('\n').join(ending));
        const cuts = rawCuts.map((c) => c % (bytes.length + 1));
        expect(readSplit(bytes, cuts)).toEqual(readSplit(Buffer.from(STREAM), []));
      },
    ), { numRuns: FUZZ_RUNS, interruptAfterTimeLimit: FUZZ_TIME_MS });
  });

  it('handles every single cut, including inside multi-byte characters and CRLF pairs', () => {
    const bytes = Buffer.from(STREAM.split('\n').join('\r\n'));
    const expected = readSplit(Buffer.from(STREAM), []);
    for (let cut = 0; cut <= bytes.length; cut++) expect(readSplit(bytes, [cut])).toEqual(expected);
  });
});
