// SPDX-License-Identifier: Apache-2.0
import type { Finding, Severity } from '../../core/index.js';
import type { DuplicateGroup, TriggerSignal } from './poisoning.js';
import type { RowCategory, RowSignal } from './row-rules.js';

/** A row at least one rule or detector flagged. */
export interface FlaggedRow {
  readonly line: number;
  readonly signals: readonly RowSignal[];
  /** The start of the flagged side, for people; never shown for secrets or PII. */
  readonly excerpt: string;
}

export interface DatasetSummary {
  readonly path: string;
  readonly rows: number;
  readonly flagged: readonly FlaggedRow[];
  readonly duplicates: readonly DuplicateGroup[];
  readonly triggers: readonly TriggerSignal[];
}

const RULES: Readonly<Record<RowCategory, { id: string; severity: Severity; what: string }>> = {
  obedience: { id: 'CITADEL-DATA-OBEDIENCE', severity: 'high', what: 'teach unconditional obedience or dropping instructions and safety rules' },
  injection: { id: 'CITADEL-DATA-INJECTION', severity: 'high', what: 'carry prompt injections or jailbreaks' },
  secret: { id: 'CITADEL-DATA-SECRET', severity: 'high', what: 'contain credentials or keys' },
  pii: { id: 'CITADEL-DATA-PII', severity: 'medium', what: 'contain personal data' },
};
/** Worst rows shown one by one per category; the summary lists every line. */
const WORST_ROWS = 20;
const MAX_LISTED_LINES = 1_000_000;

function toRowMessage(category: RowCategory, row: FlaggedRow, signal: RowSignal): string {
  const quoted = category === 'secret' || category === 'pii' ? '' : `: ${JSON.stringify(row.excerpt.replace(/\s+/g, ' ').slice(0, 120))}`;
  return `line ${row.line} ${signal.reason} (${signal.side}, score ${signal.score.toFixed(2)})${quoted}`;
}

function toCategoryFindings(summary: DatasetSummary, category: RowCategory): Finding[] {
  const rule = RULES[category];
  const rows = summary.flagged
    .map((row) => ({ row, signal: row.signals.filter((s) => s.category === category).sort((a, b) => b.score - a.score)[0] }))
    .filter((r): r is { row: FlaggedRow; signal: RowSignal } => r.signal !== undefined);
  if (!rows.length) return [];
  const worst = [...rows].sort((a, b) => b.signal.score - a.signal.score || a.row.line - b.row.line).slice(0, WORST_ROWS);
  const share = ((100 * rows.length) / Math.max(1, summary.rows)).toFixed(2);
  const lines = rows.map((r) => r.row.line);
  return [
    {
      ruleId: rule.id, severity: rule.severity, location: { path: summary.path },
      message: `${rows.length} of ${summary.rows} rows (${share}%) ${rule.what}; worst at lines ${worst.slice(0, 8).map((w) => w.row.line).join(', ')}`,
      detail: { count: rows.length, rows: summary.rows, lines: lines.slice(0, MAX_LISTED_LINES) },
    },
    ...worst.map(({ row, signal }) => ({
      ruleId: rule.id, severity: rule.severity, location: { path: summary.path, entry: [`line ${row.line}`] },
      message: toRowMessage(category, row, signal), detail: { line: row.line, score: signal.score, side: signal.side },
    })),
  ];
}

function toDuplicateFindings(summary: DatasetSummary): Finding[] {
  return summary.duplicates.slice(0, 10).map((group) => ({
    ruleId: 'CITADEL-DATA-DUPLICATES', severity: 'medium' as const, location: { path: summary.path },
    message: `${group.kind} duplicate repeated ${group.count} times (99% of examples appear at most ${group.typical} time${group.typical === 1 ? '' : 's'}), first at lines ${group.lines.slice(0, 8).join(', ')}`,
    detail: { kind: group.kind, count: group.count, lines: group.lines },
  }));
}

function toTriggerFindings(summary: DatasetSummary): Finding[] {
  return summary.triggers.slice(0, 20).map((t) => ({
    ruleId: 'CITADEL-DATA-TRIGGER', severity: t.kind === 'label' ? 'medium' as const : 'high' as const, location: { path: summary.path },
    message: `possible backdoor trigger ${JSON.stringify(t.trigger)}: in ${t.support} of its ${t.rows} rows it comes with ${t.tiedTo}, which is rare without it; lines ${t.lines.slice(0, 8).join(', ')}${t.lines.length > 8 ? ', ...' : ''}`,
    detail: { trigger: t.trigger, tiedTo: t.tiedTo, support: t.support, rows: t.rows, lines: t.lines.slice(0, MAX_LISTED_LINES) },
  }));
}

/**
 * Turns a scanned dataset into findings: per category one summary (count, share, every line)
 * and the worst rows one by one; then repeated examples and possible triggers.
 * @returns the findings, located at the dataset file (rows as `line N` entries).
 */
export function toDatasetFindings(summary: DatasetSummary): Finding[] {
  const categories: RowCategory[] = ['obedience', 'injection', 'secret', 'pii'];
  return [...categories.flatMap((c) => toCategoryFindings(summary, c)), ...toTriggerFindings(summary), ...toDuplicateFindings(summary)];
}
