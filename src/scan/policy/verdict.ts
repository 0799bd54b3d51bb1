// SPDX-License-Identifier: Apache-2.0
import { ALLOWED, CONSTRUCT_PREFIXES } from './allowlist.js';
import { DENIED_MODULES, DENIED_NAMES, ESCAPE_ATTRIBUTES } from './denylist.js';

/** The policy's view of one imported name. */
export type NameVerdict =
  | { readonly kind: 'allowed' }
  | { readonly kind: 'constructible' }
  | { readonly kind: 'denied'; readonly reason: string }
  | { readonly kind: 'unknown' };

function toDeniedModule(module: string): string | undefined {
  for (let m = module; m; m = m.slice(0, Math.max(0, m.lastIndexOf('.')))) {
    const reason = DENIED_MODULES[m];
    if (reason !== undefined) return reason;
    if (!m.includes('.')) break;
  }
  return undefined;
}

/**
 * Judges `module`.`name` as CPython's find_class would resolve it (dotted names walk attributes).
 * Order: escape attributes, denied names, allowlist, denied modules, constructible prefixes.
 */
export function judgeName(module: string, name: string): NameVerdict {
  const qualified = `${module}.${name}`;
  const parts = qualified.split('.');
  const escape = parts.find((p) => ESCAPE_ATTRIBUTES.has(p));
  if (escape) return { kind: 'denied', reason: `reaches ${escape}, a path from any object to the interpreter` };
  for (let i = parts.length; i > 1; i--) {
    const reason = DENIED_NAMES[parts.slice(0, i).join('.')];
    if (reason !== undefined) return { kind: 'denied', reason };
  }
  if (ALLOWED.has(qualified)) return { kind: 'allowed' };
  const moduleReason = toDeniedModule(module) ?? toDeniedModule(qualified.slice(0, qualified.lastIndexOf('.')));
  if (moduleReason !== undefined) return { kind: 'denied', reason: moduleReason };
  if (CONSTRUCT_PREFIXES.some((p) => qualified.startsWith(p))) return { kind: 'constructible' };
  return { kind: 'unknown' };
}
