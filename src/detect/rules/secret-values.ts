// SPDX-License-Identifier: Apache-2.0
import { toEntropy } from './checksums.js';

/** Values that documentation and templates put where a secret goes. */
const PLACEHOLDER = /^(?:<[^>]*>|\$\{[^}]*\}|\{\{[^}]*\}\}|%\(?[A-Za-z_]+\)?s?|\$[A-Z_][A-Z0-9_]*|[*xX•.#-]+|(?:your|my|the|some|example|sample|dummy|fake|test|placeholder|changeme|change[_-]?me|redacted|secret|password|passwd|token|api[_-]?key|xxx+|todo|none|null|undefined|env)(?:[_-]?[A-Za-z0-9]{0,24})?|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)$/i;

/** @returns true when `value` is a template, a mask or a name standing in for a secret. */
export function isPlaceholder(value: string): boolean {
  return value.length === 0 || PLACEHOLDER.test(value) || /^(.)\1+$/.test(value);
}

/** Identifiers, member accesses and calls: code that reads a secret rather than the secret itself. */
const CODE_REFERENCE = /^[A-Za-z_$][\w$]*(?:(?:\.|::|->)[A-Za-z_$][\w$]*)+[([]?$|^[A-Za-z_$][\w$.]*[([]/;

/**
 * @returns true when `value` looks like key material: at least two character classes, no code
 * reference, and Shannon entropy of at least `minEntropy` bits per character.
 */
export function isSecretLike(value: string, minEntropy: number): boolean {
  if (value.length < 8 || CODE_REFERENCE.test(value)) return false;
  let classes = 0;
  if (/[a-z]/.test(value)) classes++;
  if (/[A-Z]/.test(value)) classes++;
  if (/[0-9]/.test(value)) classes++;
  if (/[^A-Za-z0-9]/.test(value)) classes++;
  return classes >= 2 && toEntropy(value, 0, value.length) >= minEntropy;
}
