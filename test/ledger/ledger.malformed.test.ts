// SPDX-License-Identifier: Apache-2.0
// Hostile inputs to the ledger's pure verifiers and to append: checkpoints, notes, verifier keys,
// proofs, exports and entries an attacker controls. Each is refused with its code, never accepted.
import { describe, expect, it } from 'vitest';
import {
  canonicalizeJson, openSigner, toLeafHash, verifyCheckpoint, verifyConsistency, verifyExport, verifyInclusion,
} from '../../src/ledger/index.js';
import { signCheckpoint } from '../../src/ledger/checkpoint.js';
import { toKeyDir } from './support/backends.js';

const signer = await openSigner({ dir: toKeyDir(), name: 'citadel.test/malformed' });
const other = await openSigner({ dir: toKeyDir(), name: 'citadel.test/malformed' });
const ROOT = Buffer.alloc(32, 9);
const GOOD = signCheckpoint('citadel.test/malformed', { size: 5, rootHash: ROOT }, signer).text;
const [BODY, SIGNATURES] = GOOD.split('\n\n') as [string, string];

function expectCode(fn: () => unknown, code: string): void {
  expect(fn).toThrow(expect.objectContaining({ code }) as Error);
}

describe('verifyCheckpoint: malformed notes', () => {
  it('accepts the well-formed checkpoint', () => {
    expect(verifyCheckpoint(GOOD, signer.verifierKey).size).toBe(5);
  });

  it.each([
    ['no blank line', `${BODY}\n${SIGNATURES}`],
    ['no final newline', GOOD.slice(0, -1)],
    ['no signature', `${BODY}\n\n`],
    ['a control character', GOOD.replace('citadel.test', 'citadel\u0007test')],
    ['a lone surrogate', GOOD.replace('citadel.test', 'citadel\ud800test')],
    ['a signature line without the em dash', GOOD.replace('\u2014 ', '- ')],
    ['non-canonical base64', GOOD.replace(/=\n$/, '\n')],
    ['a size with a leading zero', GOOD.replace('\n5\n', '\n05\n')],
    ['a negative size', GOOD.replace('\n5\n', '\n-5\n')],
    ['a size past 2^53', GOOD.replace('\n5\n', '\n99999999999999999\n')],
    ['a short root hash', GOOD.replace(ROOT.toString('base64'), Buffer.alloc(31).toString('base64'))],
    ['an empty origin', GOOD.replace('citadel.test/malformed\n5', '\n5')],
  ])('refuses %s', (_name, note) => {
    expectCode(() => verifyCheckpoint(note, signer.verifierKey), 'LEDGER_CHECKPOINT_INVALID');
  });

  it('refuses a changed size, root or origin: the signature no longer holds', () => {
    expectCode(() => verifyCheckpoint(GOOD.replace('\n5\n', '\n6\n'), signer.verifierKey), 'LEDGER_CHECKPOINT_INVALID');
    expectCode(() => verifyCheckpoint(GOOD.replace(ROOT.toString('base64'), Buffer.alloc(32, 8).toString('base64')), signer.verifierKey), 'LEDGER_CHECKPOINT_INVALID');
  });

  it('refuses a note signed by another key of the same name', () => {
    const forged = signCheckpoint('citadel.test/malformed', { size: 5, rootHash: ROOT }, other).text;
    expectCode(() => verifyCheckpoint(forged, signer.verifierKey), 'LEDGER_CHECKPOINT_INVALID');
  });

  it('ignores unknown signers but rejects a failing signature from the known key', () => {
    const extra = `${GOOD}\u2014 someone.else AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n`;
    expect(verifyCheckpoint(extra, signer.verifierKey).size).toBe(5);
    const doubled = `${GOOD}${SIGNATURES.replace(/[A-Za-z0-9+/]{8}=\n$/, 'AAAAAAA=\n')}`;
    expectCode(() => verifyCheckpoint(doubled, signer.verifierKey), 'LEDGER_CHECKPOINT_INVALID');
  });

  it('bounds the note size and the number of signatures', () => {
    expectCode(() => verifyCheckpoint(`${BODY}${'x'.repeat(70_000)}\n\n${SIGNATURES}`, signer.verifierKey), 'LEDGER_LIMIT');
    expectCode(() => verifyCheckpoint(`${GOOD}${`\u2014 a AAAAAAAA\n`.repeat(100)}`, signer.verifierKey), 'LEDGER_LIMIT');
  });

  it.each(['', 'name', 'name+abcd1234', 'na me+abcd1234+AQ==', 'name+zzzzzzzz+AQ==', 'name+abcd1234+AQ==', `${signer.verifierKey.split('+').slice(0, 2).join('+')}+AgAA`])('refuses the verifier key %j', (key) => {
    expectCode(() => verifyCheckpoint(GOOD, key), 'LEDGER_CHECKPOINT_INVALID');
  });
});

describe('proof verifiers: malformed proofs', () => {
  const leaf = toLeafHash({ a: 1 });
  it.each([
    ['an index at the size', { index: 3, size: 3, path: [] }],
    ['a negative index', { index: -1, size: 3, path: [] }],
    ['a fractional size', { index: 0, size: 2.5, path: [] }],
    ['a NaN size', { index: 0, size: Number.NaN, path: [] }],
    ['a size past 2^53', { index: 0, size: 2 ** 60, path: [] }],
    ['a path of 107 hashes', { index: 0, size: 4, path: Array.from({ length: 107 }, () => ROOT) }],
    ['a short path hash', { index: 0, size: 2, path: [Buffer.alloc(31)] }],
  ])('verifyInclusion refuses %s', (_name, proof) => {
    expectCode(() => { verifyInclusion(leaf, proof, ROOT); }, 'LEDGER_PROOF_INVALID');
  });

  it('verifyInclusion refuses leaf and root hashes of the wrong length', () => {
    expectCode(() => { verifyInclusion(Buffer.alloc(0), { index: 0, size: 1, path: [] }, ROOT); }, 'LEDGER_PROOF_INVALID');
    expectCode(() => { verifyInclusion(leaf, { index: 0, size: 1, path: [] }, Buffer.alloc(33)); }, 'LEDGER_PROOF_INVALID');
  });

  it.each([
    ['fromSize above toSize', { fromSize: 5, toSize: 4, path: [ROOT] }],
    ['equal sizes with a path', { fromSize: 4, toSize: 4, path: [ROOT] }],
    ['an empty path', { fromSize: 3, toSize: 4, path: [] }],
    ['a path of 107 hashes', { fromSize: 3, toSize: 4, path: Array.from({ length: 107 }, () => ROOT) }],
  ])('verifyConsistency refuses %s', (_name, proof) => {
    expectCode(() => { verifyConsistency(proof, ROOT, ROOT); }, 'LEDGER_PROOF_INVALID');
  });
});

describe('entries: values JSON cannot hold', () => {
  const cyclic: Record<string, unknown> = {};
  cyclic['self'] = cyclic;
  let deep: unknown = 1;
  for (let i = 0; i < 70; i += 1) deep = [deep];
  it.each([
    ['undefined', undefined, 'LEDGER_ENTRY_INVALID'],
    ['a function', () => 1, 'LEDGER_ENTRY_INVALID'],
    ['a bigint', 1n, 'LEDGER_ENTRY_INVALID'],
    ['NaN', Number.NaN, 'LEDGER_ENTRY_INVALID'],
    ['a Date', new Date(0), 'LEDGER_ENTRY_INVALID'],
    ['a Map', new Map(), 'LEDGER_ENTRY_INVALID'],
    ['a lone surrogate', 'a\udc00b', 'LEDGER_ENTRY_INVALID'],
    ['a lone surrogate in a key', { 'a\ud800': 1 }, 'LEDGER_ENTRY_INVALID'],
    ['a cycle', cyclic, 'LEDGER_LIMIT'],
    ['70 levels of nesting', deep, 'LEDGER_LIMIT'],
  ])('refuses %s', (_name, value, code) => {
    expectCode(() => canonicalizeJson(value), code);
  });

  it('refuses an entry over 1 MiB', () => {
    expectCode(() => toLeafHash({ blob: 'x'.repeat(1024 * 1024) }), 'LEDGER_LIMIT');
  });
});

describe('verifyExport: malformed exports', () => {
  const head = { type: 'checkpoint', checkpoint: signCheckpoint('citadel.test/malformed', { size: 1, rootHash: toLeafHash('only') }, signer).text, verifierKey: signer.verifierKey };
  const entry = { type: 'entry', index: 0, entry: 'only', path: [] };
  const trust = { verifierKey: signer.verifierKey };

  it('accepts the well-formed export', async () => {
    await expect(verifyExport([head, entry], trust)).resolves.toMatchObject({ entries: 1 });
  });

  it.each([
    ['nothing', [], 'LEDGER_CHECKPOINT_INVALID'],
    ['an entry first', [entry, head], 'LEDGER_CHECKPOINT_INVALID'],
    ['a record of another type', [head, { type: 'note' }], 'LEDGER_PROOF_INVALID'],
    ['a changed entry', [head, { ...entry, entry: 'other' }], 'LEDGER_PROOF_INVALID'],
    ['a missing entry', [head], 'LEDGER_INCONSISTENT'],
    ['an extra entry', [head, entry, { ...entry, index: 1 }], 'LEDGER_PROOF_INVALID'],
    ['a wrong index', [head, { ...entry, index: 1 }], 'LEDGER_PROOF_INVALID'],
    ['a path hash that is not base64', [head, { ...entry, path: ['!!'] }], 'LEDGER_PROOF_INVALID'],
    ['a path that is not an array', [head, { ...entry, path: 'x' }], 'LEDGER_PROOF_INVALID'],
    ['a head with a forged signature', [{ ...head, checkpoint: head.checkpoint.replace('\n1\n', '\n2\n') }, entry], 'LEDGER_CHECKPOINT_INVALID'],
  ])('refuses %s', async (_name, records, code) => {
    await expect(verifyExport(records, trust)).rejects.toMatchObject({ code });
  });

  it('names the index of the first entry whose proof fails', async () => {
    await expect(verifyExport([head, { ...entry, entry: 'other' }], trust)).rejects.toMatchObject({ code: 'LEDGER_PROOF_INVALID', index: 0 });
  });
});
