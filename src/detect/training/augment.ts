// SPDX-License-Identifier: Apache-2.0
import type { CorpusRow } from './corpus.js';

/** How many synthetic rows to add, per kind. */
export interface AugmentOptions {
  readonly embedded: number;
  readonly longBenign: number;
}

const MIN_CONTENT = 300;
const MAX_INSERT = 600;

function pick<T>(items: readonly T[], random: () => number): T | undefined {
  return items[Math.floor(random() * items.length)];
}

/** @returns `content` with `insert` placed at its start, end, or a line or sentence break inside it. */
function toInserted(content: string, insert: string, random: () => number): string {
  const where = random();
  if (where < 0.3) return `${insert}\n${content}`;
  if (where < 0.6) return `${content}\n${insert}`;
  const target = Math.floor(content.length * (0.2 + 0.6 * random()));
  const breakAt = content.slice(target).search(/[.!?]\s|\n/);
  const at = breakAt < 0 ? content.length : target + breakAt + 1;
  return `${content.slice(0, at)} ${insert} ${content.slice(at)}`;
}

/**
 * Synthetic rows built only from the training rows, against the two shortcuts the corpus offers:
 * short attacks planted inside long benign content (labelled with the attack's label), so that an
 * attack counts wherever it sits; and long benign texts made by joining benign rows of one family,
 * so that length alone never means attack. Their family is `synthetic`.
 * @returns the synthetic rows, deterministic for a given `random`.
 */
export function toAugmented(rows: readonly CorpusRow[], options: AugmentOptions, random: () => number): CorpusRow[] {
  const benign = rows.filter((r) => r.label === 'benign');
  const content = benign.filter((r) => r.text.length >= MIN_CONTENT);
  const attacks = rows.filter((r) => r.label !== 'benign' && r.text.length <= MAX_INSERT);
  const out: CorpusRow[] = [];
  for (let i = 0; i < options.embedded && content.length > 0 && attacks.length > 0; i++) {
    const host = pick(content, random);
    const attack = pick(attacks, random);
    if (host === undefined || attack === undefined) continue;
    out.push({ text: toInserted(host.text, attack.text, random), label: attack.label, source: 'synthetic:embedded', family: 'synthetic', file: 'synthetic' });
  }
  const byFamily = new Map<string, CorpusRow[]>();
  for (const r of benign) byFamily.set(r.family, [...(byFamily.get(r.family) ?? []), r]);
  const families = [...byFamily.keys()].sort();
  for (let i = 0; i < options.longBenign && families.length > 0; i++) {
    const family = byFamily.get(families[i % families.length] ?? '') ?? [];
    const target = 400 + Math.floor(random() * 2600);
    let text = '';
    for (let guard = 0; text.length < target && guard < 64; guard++) text += `${pick(family, random)?.text ?? ''}\n`;
    out.push({ text: text.trimEnd(), label: 'benign', source: 'synthetic:long-benign', family: 'synthetic', file: 'synthetic' });
  }
  return out;
}
