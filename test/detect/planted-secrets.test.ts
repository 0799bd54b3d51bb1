// SPDX-License-Identifier: Apache-2.0
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanLeaks } from '../../src/detect/index.js';

/**
 * The planted corpus (tools/fixtures/planted-secrets.mjs): real key formats with valid checksums
 * and PII with valid check digits planted in sentences, config and code, beside look-alikes
 * (UUIDs, digests, git SHAs, versions, dates, numbers in code, Luhn- and mod-97-invalid numbers,
 * placeholders). Targets: recall >= 99%, false-positive rate <= 0.1%.
 */
interface Row { text: string; planted: { category: string; kind: string; start: number; end: number }[]; lookalike?: string }

const rows = readFileSync(join(import.meta.dirname, '../fixtures/detect/planted-secrets.jsonl'), 'utf8')
  .trim().split('\n').map((line) => JSON.parse(line) as Row);

describe('planted secrets and PII', () => {
  const results = rows.map((row) => ({ row, found: scanLeaks(row.text, { categories: ['secret', 'pii'] }).filter((d) => d.score >= 0.5) }));

  it('finds at least 99% of planted values under the right category', () => {
    const planted = results.flatMap(({ row, found }) => row.planted.map((p) => found.some((d) => d.category === p.category && d.span.start < p.end && d.span.end > p.start)));
    expect(planted.length).toBeGreaterThanOrEqual(2000);
    expect(planted.filter(Boolean).length / planted.length).toBeGreaterThanOrEqual(0.99);
  });

  it('reports at most 0.1% of look-alike rows', () => {
    const negatives = results.filter(({ row }) => row.planted.length === 0);
    expect(negatives.length).toBeGreaterThanOrEqual(2000);
    const flagged = negatives.filter(({ found }) => found.length > 0);
    expect(flagged.length / negatives.length, JSON.stringify(flagged.slice(0, 3).map(({ row }) => row.text))).toBeLessThanOrEqual(0.001);
  });

  it('covers every secret and PII kind of the generator', () => {
    const kinds = new Set(rows.flatMap((r) => r.planted.map((p) => p.kind)));
    expect(kinds.size).toBeGreaterThanOrEqual(24);
  });
});
