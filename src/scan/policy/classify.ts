// SPDX-License-Identifier: Apache-2.0
import type { Severity } from '../../core/index.js';
import type { FindingInput } from '../context.js';
import { Use, type NameUse, type PickleDescription } from '../pickle/description.js';
import { judgeName } from './verdict.js';

function toUseWords(uses: number): string[] {
  const words: string[] = [];
  if (uses & Use.Call) words.push('call');
  if (uses & Use.Construct) words.push('construct');
  if (uses & Use.Rewrite) words.push('rewrite');
  if (uses & Use.Reference) words.push('import');
  return words;
}

function toLabel(use: NameUse): string {
  return use.ext === undefined ? `${use.module}.${use.name}` : `extension code ${use.ext}`;
}

function toVerb(use: NameUse): string {
  if (use.uses & Use.Call) return 'calls';
  if (use.uses & Use.Rewrite) return 'rewrites';
  if (use.uses & Use.Construct) return 'instantiates';
  return 'imports';
}

function toArgs(use: NameUse): string {
  return use.uses & Use.Call && use.firstArgs ? ` with ${use.firstArgs.length > 120 ? `${use.firstArgs.slice(0, 117)}...` : use.firstArgs}` : '';
}

/** Grades one imported name: denied is critical; unknown is high when called, else medium. */
function classifyName(use: NameUse): FindingInput | undefined {
  const verdict = judgeName(use.module, use.name);
  if (verdict.kind === 'allowed') return undefined;
  const called = (use.uses & (Use.Call | Use.Rewrite)) !== 0;
  if (verdict.kind === 'constructible' && !called) return undefined;
  const offset = use.callOffset ?? use.offset;
  const detail = { module: use.module, name: use.name, uses: toUseWords(use.uses), references: use.count, ...(use.ext === undefined ? {} : { ext: use.ext }) };
  const label = toLabel(use);
  if (verdict.kind === 'denied') {
    return { ruleId: 'CITADEL-PICKLE-DANGEROUS-CALL', severity: 'critical', offset, detail, message: `${toVerb(use)} ${label}${toArgs(use)}: ${verdict.reason}` };
  }
  if (called) {
    return { ruleId: 'CITADEL-PICKLE-UNKNOWN-CALL', severity: 'high', offset, detail, message: `${toVerb(use)} ${label}${toArgs(use)}, which is not on the allowlist of safe callables` };
  }
  return { ruleId: 'CITADEL-PICKLE-UNKNOWN-IMPORT', severity: 'medium', offset, detail, message: `${toVerb(use)} ${label}, which is not on the allowlist; importing it runs its module's code` };
}

/** Grades a stream that ended before STOP, by what the loader ran before raising. */
function classifyError(d: PickleDescription): FindingInput | undefined {
  const error = d.error;
  if (!error) return undefined;
  if (error.limit) return { ruleId: 'CITADEL-SCAN-LIMIT', severity: 'medium', offset: error.offset, message: `pickle not scanned to the end: ${error.message}` };
  const imported = d.names.size > 0;
  const severity: Severity = d.called ? 'high' : imported ? 'medium' : 'low';
  const ran = d.called ? 'after a call the loader would already have made' : imported ? 'after imports the loader would already have made' : 'before any import or call';
  return { ruleId: 'CITADEL-PICKLE-MALFORMED', severity, offset: error.offset, message: `the pickle breaks ${ran}: ${error.message}` };
}

/** @returns findings for one pickle stream, worst per name first. */
export function classifyPickle(d: PickleDescription): FindingInput[] {
  const findings: FindingInput[] = [];
  for (const use of d.names.values()) {
    const f = classifyName(use);
    if (f) findings.push(f);
  }
  for (const a of d.anomalies) {
    if (a.kind === 'unresolved-ext') continue;
    findings.push({ ruleId: 'CITADEL-PICKLE-UNKNOWN-CALL', severity: 'high', offset: a.offset, message: a.message, detail: { anomaly: a.kind } });
  }
  const error = classifyError(d);
  if (error) findings.push(error);
  return findings;
}
