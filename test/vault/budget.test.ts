// SPDX-License-Identifier: Apache-2.0
import { describe, expect, it } from 'vitest';
import { checkBudget, toDurationMs, toLimitBytes } from '../../src/vault/release/budget.js';

describe('egress budgets', () => {
  it('reads multiples, sizes and none', () => {
    expect(toLimitBytes('2x', 1000)).toBe(2000);
    expect(toLimitBytes('1.5GiB', 1)).toBe(1.5 * 1024 ** 3);
    expect(toLimitBytes('20GB', 1)).toBe(20e9);
    expect(toLimitBytes('none', 1)).toBe(Infinity);
    expect(() => toLimitBytes('lots', 1)).toThrow(expect.objectContaining({ code: 'VAULT_USAGE' }));
    expect(toDurationMs('24h')).toBe(86_400_000);
    expect(() => toDurationMs('0h')).toThrow(expect.objectContaining({ code: 'VAULT_USAGE' }));
  });

  it('refuses a release that would pass the vault or the requester limit', () => {
    const budget = { windowMs: 1, vault: '2x', requester: '1x' };
    expect(() => { checkBudget(budget, { vault: 0, requester: 0 }, 100); }).not.toThrow();
    expect(() => { checkBudget(budget, { vault: 0, requester: 1 }, 100); }).toThrow(expect.objectContaining({ code: 'VAULT_BUDGET_EXCEEDED' }));
    expect(() => { checkBudget(budget, { vault: 101, requester: 0 }, 100); }).toThrow(expect.objectContaining({ code: 'VAULT_BUDGET_EXCEEDED' }));
  });
});
