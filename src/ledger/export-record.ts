// SPDX-License-Identifier: Apache-2.0
import { LedgerError } from './errors.js';
import type { ExportRecord } from './ledger.js';
import { toBase64Bytes } from './signed-note.js';

/** Longest proof path accepted from an export: 2·53 hashes (RFC 9162 trees below 2^53 leaves). */
const MAX_PATH = 106;

function fail(message: string, index?: number): never {
  throw new LedgerError('LEDGER_PROOF_INVALID', message, index === undefined ? {} : { index });
}

/** @returns the hashes of a base64 path, each checked to be 32 bytes. @throws LedgerError LEDGER_PROOF_INVALID */
export function toPathHashes(path: unknown, index?: number): Buffer[] {
  if (!Array.isArray(path) || path.length > MAX_PATH) fail(`expected a path of at most ${MAX_PATH} base64 hashes`, index);
  return path.map((item: unknown) => {
    const bytes = typeof item === 'string' ? toBase64Bytes(item) : undefined;
    if (bytes?.length !== 32) fail('expected each path hash to be 32 bytes of base64', index);
    return bytes;
  });
}

/** @returns hashes as base64 text for an export. */
export function toPathText(path: readonly Uint8Array[]): string[] {
  return path.map((hash) => Buffer.from(hash).toString('base64'));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** @returns the record after checking its shape (an export is untrusted input). @throws LedgerError LEDGER_PROOF_INVALID */
export function toExportRecord(value: unknown): ExportRecord {
  if (isRecord(value) && value['type'] === 'checkpoint' && typeof value['checkpoint'] === 'string' && typeof value['verifierKey'] === 'string') {
    const consistency = value['consistency'];
    if (consistency !== undefined && !(isRecord(consistency) && Number.isSafeInteger(consistency['fromSize']))) fail('expected consistency to hold fromSize and path');
    return value as ExportRecord;
  }
  if (isRecord(value) && value['type'] === 'entry' && Number.isSafeInteger(value['index']) && 'entry' in value && Array.isArray(value['path'])) {
    return value as ExportRecord;
  }
  return fail('expected an export record of type checkpoint or entry, got something else');
}
