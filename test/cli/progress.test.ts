// SPDX-License-Identifier: Apache-2.0
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createProgress } from '../../src/cli/progress.js';

function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; written: string[] } {
  const written: string[] = [];
  const stream = { isTTY, columns: 80, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

describe('progress line', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('stays quiet for the first second, then shows the file in progress on a terminal', () => {
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const { stream, written } = fakeStream(true);
    const progress = createProgress(stream);
    progress.update(0, 3, 'a.pt');
    expect(written).toEqual([]);
    now = 1500;
    progress.update(1, 3, 'b.pt');
    expect(written.join('')).toContain('scanning 1/3 b.pt');
    progress.done();
    expect(written.at(-1)).toBe('\r\x1b[K');
  });

  it('prints nothing when stderr is not a terminal', () => {
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (now += 5000));
    const { stream, written } = fakeStream(false);
    const progress = createProgress(stream);
    progress.update(1, 2, 'a.pt');
    progress.done();
    expect(written).toEqual([]);
  });
});
