// SPDX-License-Identifier: Apache-2.0
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../../src/core/index.js';

/** The generated fixture corpus (tools/fixtures/make_format_fixtures.py). */
export const FIXTURES = join(import.meta.dirname, '../../fixtures/scan');

/** @returns the bytes of a fixture, by its path under test/fixtures/scan. */
export function readFixture(file: string): Uint8Array {
  return readFileSync(join(FIXTURES, file));
}

/** @returns "severity:rule" for each finding, without the CITADEL- prefix. */
export function toRules(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.severity}:${f.ruleId.replace('CITADEL-', '')}`);
}

/** Patches a little-endian u64 at `at`, returning a copy. */
export function withU64(bytes: Uint8Array, at: number, value: bigint): Uint8Array {
  const copy = Buffer.from(bytes);
  copy.writeBigUInt64LE(value, at);
  return copy;
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
