// SPDX-License-Identifier: Apache-2.0
import type { FindingInput } from '../context.js';
import type { TemplateDescription, TemplateHit } from '../formats/chat-template.js';

const WHY: Readonly<Record<TemplateHit['kind'], string>> = {
  dunder: 'dunder attributes',
  'escape-attribute': 'frame, code or class-hierarchy attributes',
  'escape-global': 'globals that lead to python internals',
  'import-name': 'functions that import modules or run commands',
  'attr-filter': 'the attr filter',
  'dunder-string': 'dunder names built as strings',
  'escaped-underscore': 'underscores spelled as escape sequences',
  'import-statement': 'template imports or includes',
};

/**
 * Grades a chat template: any escape shape is critical (a server rendering it with jinja2 runs
 * what it reaches), the attr filter alone is high, and a template that could only be checked
 * lexically is medium, because an unparsed template is unchecked logic. One finding per template,
 * listing every shape found and quoting the first.
 * @returns at most one finding for the template named `label` (`tokenizer.chat_template`, ...).
 */
export function classifyTemplate(description: TemplateDescription, label: string): FindingInput[] {
  const hits = description.hits;
  const first = hits[0];
  if (first) {
    const kinds = [...new Set(hits.map((h) => h.kind))];
    const names = hits.map((h) => h.name).slice(0, 12);
    return [{
      ruleId: 'CITADEL-TEMPLATE-INJECTION',
      severity: kinds.length === 1 && kinds[0] === 'attr-filter' ? 'high' : 'critical',
      message: `chat template ${label} reaches python internals a chat template never needs (${kinds.map((k) => WHY[k]).join('; ')}: ${names.join(', ')}), a server-side template injection: ${first.excerpt}`,
      detail: { template: label, kinds, names, excerpt: first.excerpt },
    }];
  }
  if (description.unparsed === undefined) return [];
  return [{
    ruleId: 'CITADEL-UNSCANNABLE',
    severity: 'medium',
    message: `chat template ${label} checked by text only: ${description.unparsed}`,
    detail: { template: label },
  }];
}
