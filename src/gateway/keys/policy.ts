// SPDX-License-Identifier: Apache-2.0
import { ATTACK_CATEGORIES, LEAK_CATEGORIES, type LeakCategory } from '../../detect/index.js';
import type { Action, Policy } from '../config/schema.js';

/**
 * Actions for categories a policy does not name. Attacks are blocked; secrets are redacted;
 * exfiltration links are redacted so a client never fetches them; hidden characters are stripped;
 * PII is only counted, since callers send their own contact details all the time.
 */
export const DEFAULT_ACTIONS: Readonly<Record<string, Action>> = {
  injection: 'block',
  jailbreak: 'block',
  hidden: 'redact',
  secret: 'redact',
  pii: 'monitor',
  canary: 'block',
  exfil: 'redact',
};

/** Categories whose matches can be cut out of the text; an injection cannot be redacted away. */
const REDACTABLE = new Set<string>([...LEAK_CATEGORIES, 'hidden']);
const LEAKS = new Set<string>(LEAK_CATEGORIES);
const KNOWN = new Set<string>([...ATTACK_CATEGORIES, ...LEAK_CATEGORIES, 'default']);

/** @returns the action `policy` takes for a detection of `category`. */
export function toAction(policy: Policy, category: string): Action {
  return policy.actions[category] ?? DEFAULT_ACTIONS[category] ?? policy.actions['default'] ?? 'monitor';
}

/**
 * @returns the action taken on one detection: the category's action at or above the policy's
 * threshold; below it, leaks are still redacted (never blocked) and attacks only counted.
 */
export function toDetectionAction(policy: Policy, detection: { readonly category: string; readonly score: number }): Action {
  const action = toAction(policy, detection.category);
  if (detection.score >= policy.threshold || action === 'monitor') return action;
  return LEAKS.has(detection.category) ? 'redact' : 'monitor';
}

/** @returns one problem per bad action entry ("actions.injection: ..."); empty when the policy is sound. */
export function toPolicyProblems(policy: Policy): string[] {
  const problems: string[] = [];
  for (const [category, action] of Object.entries(policy.actions)) {
    if (!KNOWN.has(category)) problems.push(`actions.${category}: expected one of ${[...KNOWN].join(', ')}, got ${JSON.stringify(category)}`);
    else if (action === 'redact' && category !== 'default' && !REDACTABLE.has(category)) problems.push(`actions.${category}: expected monitor or block (an attack cannot be redacted), got redact`);
  }
  return problems;
}

/** @returns the leak categories the output scanner must redact or block under `policy`. */
export function toGuardedLeakCategories(policy: Policy): LeakCategory[] {
  return (LEAK_CATEGORIES as readonly LeakCategory[]).filter((c) => toAction(policy, c) !== 'monitor');
}

/** @returns the leak categories only counted under `policy`. */
export function toMonitoredLeakCategories(policy: Policy): LeakCategory[] {
  return (LEAK_CATEGORIES as readonly LeakCategory[]).filter((c) => toAction(policy, c) === 'monitor');
}
