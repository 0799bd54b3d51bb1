// SPDX-License-Identifier: Apache-2.0

/**
 * A few structural checks for the JSON the vault reads back (key files, stored records, bundles).
 * Hand-written rather than zod: the vault must release an 8 GB model in 128 MB, and zod alone
 * costs about 14 MB of resident memory in a process that loads nothing else of it.
 * A rule returns undefined when the value fits, else the dotted path of the first misfit.
 */
export type Rule = (value: unknown) => string | undefined;

function at(key: string | number, inner: string): string {
  return inner === '' ? String(key) : `${String(key)}.${inner}`;
}

/** @returns a rule for a string matching `pattern`. */
export function text(pattern: RegExp): Rule {
  return (v) => (typeof v === 'string' && pattern.test(v) ? undefined : '');
}

/** @returns a rule for exactly `expected`. */
export function literal(expected: string | number | boolean): Rule {
  return (v) => (v === expected ? undefined : '');
}

/** @returns a rule for an integer in [min, max]. */
export function integer(min: number, max: number): Rule {
  return (v) => (Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? undefined : '');
}

/** Anything at all (checked later by its own parser). */
export const anything: Rule = () => undefined;

/** @returns a rule for an array of `min` to `max` items that each fit `item`. */
export function arrayOf(item: Rule, bounds: { min: number; max: number }): Rule {
  return (v) => {
    if (!Array.isArray(v) || v.length < bounds.min || v.length > bounds.max) return '';
    for (const [i, x] of v.entries()) {
      const fault = item(x);
      if (fault !== undefined) return at(i, fault);
    }
    return undefined;
  };
}

/** @returns a rule for a plain object with exactly these fields (more allowed when `loose`). */
export function objectOf(fields: Readonly<Record<string, Rule>>, loose = false): Rule {
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return '';
    const record = v as Record<string, unknown>;
    if (!loose) for (const key of Object.keys(record)) if (!Object.hasOwn(fields, key)) return key;
    for (const [key, rule] of Object.entries(fields)) {
      const fault = rule(record[key]);
      if (fault !== undefined) return at(key, fault);
    }
    return undefined;
  };
}
