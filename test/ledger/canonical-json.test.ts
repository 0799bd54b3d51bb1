// SPDX-License-Identifier: Apache-2.0
// RFC 8785 (JSON Canonicalization Scheme) examples: §3.2.2's sample, §3.2.3's sorting sample and
// Appendix B's number serialisations (IEEE 754 bit patterns to text).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalizeJson } from '../../src/ledger/index.js';
import { FUZZ_RUNS, FUZZ_TIME_MS } from '../support/fuzz.js';

/** @returns the double with the given IEEE 754 bit pattern. */
function toDouble(hex: string): number {
  return Buffer.from(hex, 'hex').readDoubleBE(0);
}

const APPENDIX_B: readonly [string, string][] = [
  ['0000000000000000', '0'],
  ['8000000000000000', '0'],
  ['0000000000000001', '5e-324'],
  ['8000000000000001', '-5e-324'],
  ['7fefffffffffffff', '1.7976931348623157e+308'],
  ['ffefffffffffffff', '-1.7976931348623157e+308'],
  ['4340000000000000', '9007199254740992'],
  ['c340000000000000', '-9007199254740992'],
  ['4430000000000000', '295147905179352830000'],
  ['44b52d02c7e14af5', '9.999999999999997e+22'],
  ['44b52d02c7e14af6', '1e+23'],
  ['44b52d02c7e14af7', '1.0000000000000001e+23'],
  ['444b1ae4d6e2ef4e', '999999999999999700000'],
  ['444b1ae4d6e2ef4f', '999999999999999900000'],
  ['444b1ae4d6e2ef50', '1e+21'],
  ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
  ['3eb0c6f7a0b5ed8d', '0.000001'],
  ['41b3de4355555553', '333333333.3333332'],
  ['41b3de4355555554', '333333333.33333325'],
  ['41b3de4355555555', '333333333.3333333'],
  ['41b3de4355555556', '333333333.3333334'],
  ['41b3de4355555557', '333333333.33333343'],
  ['becbf647612f3696', '-0.0000033333333333333333'],
  ['43143ff3c1cb0959', '1424953923781206.2'],
];

describe('canonicalizeJson (RFC 8785)', () => {
  it('reproduces the §3.2.2 sample', () => {
    const input = JSON.parse('{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001], "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}') as unknown;
    expect(canonicalizeJson(input)).toBe('{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}');
  });

  it('sorts members by UTF-16 code units as in §3.2.3', () => {
    const input = JSON.parse('{"\\u20ac": "Euro Sign", "\\r": "Carriage Return", "\\ufb33": "Hebrew Letter Dalet With Dagesh", "1": "One", "\\ud83d\\ude00": "Emoji: Grinning Face", "\\u0080": "Control", "\\u00f6": "Latin Small Letter O With Diaeresis"}') as Record<string, string>;
    // Compared as text: parsing it back would let JavaScript move the integer-like key "1" first.
    expect(canonicalizeJson(input)).toBe('{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}');
  });

  it.each(APPENDIX_B)('serialises the double %s as %s (Appendix B)', (bits, text) => {
    expect(canonicalizeJson(toDouble(bits))).toBe(text);
  });

  it.each(['7fffffffffffffff', '7ff0000000000000', 'fff0000000000000'])('refuses the non-finite double %s', (bits) => {
    expect(() => canonicalizeJson(toDouble(bits))).toThrow(expect.objectContaining({ code: 'LEDGER_ENTRY_INVALID' }) as Error);
  });

  it('is independent of member insertion order and drops undefined members', () => {
    expect(canonicalizeJson({ b: 1, a: [1, { d: null, c: 'x' }], u: undefined })).toBe(canonicalizeJson({ a: [1, { c: 'x', d: null }], b: 1 }));
    expect(canonicalizeJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it('refuses a lone surrogate in a written member name, also once that shape was seen, and drops it with an undefined value', () => {
    const lone = { a: 1, '\ud800': 2 };
    for (let round = 0; round < 2; round += 1) {
      expect(() => canonicalizeJson(lone)).toThrow(expect.objectContaining({ code: 'LEDGER_ENTRY_INVALID' }) as Error);
      expect(canonicalizeJson({ a: 1, '\ud800': undefined })).toBe('{"a":1}');
    }
  });
});

/** Characters that take every path of string quoting: escapes, surrogate pairs, integer-like names. */
const UNIT = fc.oneof(
  fc.constantFrom('"', '\\', '\n', '\u0000', '\u001f', '\u007f', '\u2028', '\u00e9', '\ud83d\ude00', 'a', 'b', '1', '9', '0'),
  fc.integer({ min: 0, max: 0x10ffff }).filter((c) => c < 0xd800 || c > 0xdfff).map((c) => String.fromCodePoint(c)),
);
const NAME = fc.string({ unit: UNIT, maxLength: 4 });

/** RFC 8785 spelled out with JSON.stringify alone: the slow, obviously right form. */
function toReferenceText(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item: unknown) => toReferenceText(item ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const members = Object.keys(record).sort().filter((key) => record[key] !== undefined);
    return `{${members.map((key) => `${JSON.stringify(key)}:${toReferenceText(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

describe('canonicalizeJson against a reference (property)', () => {
  it('matches sorted-member JSON.stringify for any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue({ stringUnit: UNIT }), (value) => {
      expect(canonicalizeJson(value)).toBe(toReferenceText(value));
    }), { numRuns: FUZZ_RUNS, interruptAfterTimeLimit: FUZZ_TIME_MS });
  });

  it('matches it for many objects sharing member names in any order, with undefined members', () => {
    const value = fc.oneof(fc.constant(undefined), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.string({ unit: UNIT, maxLength: 6 }), fc.constant(null), fc.boolean());
    const records = fc.uniqueArray(NAME, { minLength: 1, maxLength: 12 }).chain((names) => fc.array(
      fc.shuffledSubarray(names).chain((order) => fc.tuple(...order.map(() => value)).map((values) => Object.fromEntries(order.map((name, i) => [name, values[i]])))),
      { minLength: 1, maxLength: 20 },
    ));
    fc.assert(fc.property(records, (objects) => {
      for (const object of objects) expect(canonicalizeJson(object)).toBe(toReferenceText(object));
      expect(canonicalizeJson(objects)).toBe(toReferenceText(objects));
    }), { numRuns: FUZZ_RUNS, interruptAfterTimeLimit: FUZZ_TIME_MS });
  });
});
