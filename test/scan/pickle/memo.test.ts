// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { Memo } from '../../../src/scan/pickle/memo.js';
import { Kind, type ContainerValue, type Value } from '../../../src/scan/pickle/values.js';

const dict = (): ContainerValue => ({ k: Kind.Dict, items: null, count: 0 });

/** @returns a memo past several compactions: 10,000 empty dicts, none on the stack. */
function toCompactedMemo(): Memo {
  const memo = new Memo();
  for (let i = 0; i < 10_000; i++) memo.put(i, dict(), []);
  return memo;
}

describe('pickle memo', () => {
  it('gives each compacted entry an object of its own, so filling one fills no other', () => {
    const memo = toCompactedMemo();
    const first = memo.get(0) as ContainerValue;
    expect(first.k).toBe(Kind.Dict);
    const name: Value = { k: Kind.Global, module: 'os', name: 'system', offset: 1 };
    first.items = ['k', name];
    expect(memo.get(0)).toBe(first);
    expect((memo.get(1) as ContainerValue).items).toBeNull();
  });

  it('keeps a container that was on the stack at a compaction until it is off it', () => {
    const memo = new Memo();
    const held = dict();
    held.count = 7;
    memo.put(0, held, []);
    const stack: Value[] = [held];
    for (let i = 1; i < 5_000; i++) memo.put(i, dict(), stack);
    expect(memo.get(0)).toBe(held);
    stack.pop();
    for (let i = 5_000; i < 10_000; i++) memo.put(i, dict(), stack);
    expect(memo.get(0)).not.toBe(held);
    expect((memo.get(0) as ContainerValue).k).toBe(Kind.Dict);
  });

  it('returns strings packed in its arena as they were stored', () => {
    const memo = new Memo();
    for (let i = 0; i < 3_000; i++) memo.put(i, `item_${i}`, []);
    expect(memo.get(2_999)).toBe('item_2999');
    expect(memo.get(17)).toBe('item_17');
  });
});
