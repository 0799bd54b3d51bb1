// SPDX-License-Identifier: Apache-2.0
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashKeySecret, isKeySecret, isSameToken, issueVirtualKey, toBearerToken, toKeyParts } from '../../../src/gateway/keys/virtual-key.js';
import { FUZZ_RUNS, FUZZ_TIME_MS } from '../../support/fuzz.js';

describe('virtual keys', () => {
  it('issues keys whose secret matches only their own stored hash', () => {
    const a = issueVirtualKey();
    const b = issueVirtualKey();
    const partsA = toKeyParts(a.key);
    expect(partsA?.id).toBe(a.id);
    expect(a.hash).toBe(hashKeySecret(partsA?.secret ?? ''));
    expect(isKeySecret(partsA?.secret ?? '', a.hash)).toBe(true);
    expect(isKeySecret(partsA?.secret ?? '', b.hash)).toBe(false);
    expect(a.hash).not.toContain(partsA?.secret ?? '-');
  });

  it('refuses malformed keys and never matches a random secret', () => {
    const issued = issueVirtualKey();
    for (const bad of ['', 'sk-123', `${issued.key}x`, issued.key.replace('cit-', 'cat-'), issued.key.toUpperCase()]) expect(toKeyParts(bad)).toBeUndefined();
    fc.assert(fc.property(fc.string({ minLength: 43, maxLength: 43 }), (secret) => { expect(isKeySecret(secret, issued.hash)).toBe(false); }), { numRuns: FUZZ_RUNS, interruptAfterTimeLimit: FUZZ_TIME_MS });
    expect(isKeySecret('x', 'not-hex')).toBe(false);
  });

  it('reads bearer tokens (RFC 6750) and compares tokens of any length in constant time', () => {
    expect(toBearerToken('Bearer abc')).toBe('abc');
    expect(toBearerToken('bearer   abc  ')).toBe('abc');
    expect(toBearerToken('Basic abc')).toBeUndefined();
    expect(toBearerToken(`Bearer ${'a'.repeat(9000)}`)).toBeUndefined();
    expect(isSameToken('same-token', 'same-token')).toBe(true);
    expect(isSameToken('same-token', 'same-token-longer')).toBe(false);
  });
});
