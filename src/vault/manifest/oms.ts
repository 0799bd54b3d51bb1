// SPDX-License-Identifier: Apache-2.0
import { createHash, sign, verify } from 'node:crypto';
import { toPublicKey } from '../age/keys.js';
import { VaultError } from '../errors.js';
import type { Principal, UnlockedPrincipal } from '../keys/principal.js';
import { arrayOf, integer, literal, objectOf, text, type Rule } from '../shape.js';

/**
 * Manifests in the OpenSSF model-signing (OMS) v1.0 layout: an in-toto Statement v1 whose predicate
 * lists every shard's SHA-256 and whose subject digest is SHA-256 over those digests in order,
 * wrapped in a DSSE envelope inside a Sigstore bundle (v0.3, key-based: no transparency entries).
 */
export const OMS_PREDICATE_TYPE = 'https://model_signing/signature/v1.0';
const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
const PAYLOAD_TYPE = 'application/vnd.in-toto+json';
const BUNDLE_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
/** OMS's default shard size for sharded serialisation (1 GB). */
export const DEFAULT_SHARD_BYTES = 1_000_000_000;
/** Largest bundle accepted (64 MiB of JSON is ~400,000 shards: far past any model). */
export const MAX_BUNDLE_BYTES = 64 * 1024 * 1024;

/** One shard of one file: `path` is POSIX and relative to the model root; `end` is exclusive. */
export interface ShardDigest {
  readonly path: string;
  readonly start: number;
  readonly end: number;
  readonly digest: string;
}

const HEX64 = text(/^[0-9a-f]{64}$/);
const RESOURCE = objectOf({ name: text(/^[^\n]{1,4096}$/), algorithm: literal('sha256'), digest: HEX64 });
const STATEMENT: Rule = objectOf({
  _type: literal(STATEMENT_TYPE),
  subject: arrayOf(objectOf({ name: text(/^[^\n]{0,256}$/), digest: objectOf({ sha256: HEX64 }) }), { min: 1, max: 1 }),
  predicateType: literal(OMS_PREDICATE_TYPE),
  // v1.0 verifiers ignore other predicate fields, hence loose.
  predicate: objectOf({
    serialization: objectOf({ method: literal('shards'), hash_type: literal('sha256'), shard_size: integer(1, Number.MAX_SAFE_INTEGER), allow_symlinks: literal(false), ignore_paths: arrayOf(text(/^[^\n]{1,4096}$/), { min: 0, max: 64 }) }),
    resources: arrayOf(RESOURCE, { min: 0, max: 1_000_000 }),
  }, true),
});
const BUNDLE: Rule = objectOf({
  mediaType: literal(BUNDLE_MEDIA_TYPE),
  verificationMaterial: objectOf({ publicKey: objectOf({ hint: text(/^.{0,128}$/) }), tlogEntries: arrayOf(() => '', { min: 0, max: 0 }) }),
  dsseEnvelope: objectOf({
    payload: text(/^[A-Za-z0-9+/]*={0,2}$/),
    payloadType: literal(PAYLOAD_TYPE),
    signatures: arrayOf(objectOf({ sig: text(/^[A-Za-z0-9+/]{1,200}={0,2}$/), keyid: text(/^.{0,128}$/) }), { min: 1, max: 8 }),
  }),
});

interface Resource {
  readonly name: string;
  readonly algorithm: 'sha256';
  readonly digest: string;
}

/** The in-toto statement of an OMS v1.0 manifest. */
export interface Statement {
  readonly _type: string;
  readonly subject: readonly { readonly name: string; readonly digest: { readonly sha256: string } }[];
  readonly predicateType: string;
  readonly predicate: {
    readonly serialization: { readonly method: 'shards'; readonly hash_type: 'sha256'; readonly shard_size: number; readonly allow_symlinks: false; readonly ignore_paths: readonly string[] };
    readonly resources: readonly Resource[];
  };
}

interface Bundle {
  readonly dsseEnvelope: { readonly payload: string; readonly signatures: readonly { readonly sig: string; readonly keyid: string }[] };
}


function comparePaths(a: string, b: string): number {
  // OMS sorts by pathlib.PurePosixPath, which compares component by component.
  const pa = a.split('/');
  const pb = b.split('/');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

/** @returns shards in OMS order: by path, then by start. */
export function toSortedShards(shards: readonly ShardDigest[]): ShardDigest[] {
  return [...shards].sort((a, b) => comparePaths(a.path, b.path) || a.start - b.start || a.end - b.end);
}

/** @returns the in-toto statement describing `shards` of model `name`. */
export function toStatement(name: string, shards: readonly ShardDigest[], shardBytes: number): Statement {
  const sorted = toSortedShards(shards);
  const root = createHash('sha256');
  for (const s of sorted) root.update(Buffer.from(s.digest, 'hex'));
  return {
    _type: STATEMENT_TYPE,
    subject: [{ name, digest: { sha256: root.digest('hex') } }],
    predicateType: OMS_PREDICATE_TYPE,
    predicate: {
      serialization: { method: 'shards', hash_type: 'sha256', shard_size: shardBytes, allow_symlinks: false, ignore_paths: ['model.sig'] },
      resources: sorted.map((s) => ({ name: `${s.path}:${s.start}:${s.end}`, algorithm: 'sha256' as const, digest: s.digest })),
    },
  };
}

/** DSSE pre-authentication encoding (DSSE v1 protocol). */
function toPae(type: string, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`DSSEv1 ${Buffer.byteLength(type)} ${type} ${body.length} `), body]);
}

/** @returns the Sigstore bundle JSON text of `statement`, signed with `signer`'s Ed25519 key. */
export function signStatement(statement: Statement, signer: UnlockedPrincipal): string {
  const payload = Buffer.from(JSON.stringify(statement));
  const sig = sign(null, toPae(PAYLOAD_TYPE, payload), signer.signing).toString('base64');
  const bundle = {
    mediaType: BUNDLE_MEDIA_TYPE,
    verificationMaterial: { publicKey: { hint: signer.principal.id }, tlogEntries: [] },
    dsseEnvelope: { payload: payload.toString('base64'), payloadType: PAYLOAD_TYPE, signatures: [{ sig, keyid: signer.principal.id }] },
  };
  return `${JSON.stringify(bundle, null, 2)}\n`;
}

function fail(message: string, cause?: unknown): never {
  throw new VaultError('VAULT_MANIFEST_INVALID', message, { cause });
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    return fail(`expected ${what} in JSON, got something else`, error);
  }
}

/**
 * Checks a bundle's signature under `signer` and the statement's own consistency (subject digest
 * over the resources, well-formed shard names).
 * @throws VaultError VAULT_MANIFEST_INVALID on any failure, VAULT_LIMIT past MAX_BUNDLE_BYTES.
 * @returns the statement and its shards.
 */
export function verifyBundle(text: string, signer: Principal): { statement: Statement; shards: ShardDigest[] } {
  if (text.length > MAX_BUNDLE_BYTES) throw new VaultError('VAULT_LIMIT', `expected a manifest under ${MAX_BUNDLE_BYTES} bytes, got ${text.length}`);
  const json = parseJson(text, 'a bundle');
  const bundleFault = BUNDLE(json);
  if (bundleFault !== undefined) fail(`expected a sigstore bundle with a dsse envelope, got ${bundleFault || 'another shape'} wrong`);
  const bundle = json as Bundle;
  const payload = Buffer.from(bundle.dsseEnvelope.payload, 'base64');
  const key = toPublicKey(Buffer.from(signer.signingKey, 'base64'), 'ed25519');
  const signed = bundle.dsseEnvelope.signatures.some((s) => s.keyid === signer.id && verify(null, toPae(PAYLOAD_TYPE, payload), key, Buffer.from(s.sig, 'base64')));
  if (!signed) fail(`expected a signature by the vault key ${signer.id}, got none that verifies`);
  const parsed = parseJson(payload.toString('utf8'), 'an in-toto statement');
  const fault = STATEMENT(parsed);
  if (fault !== undefined) fail(`expected an OMS v1.0 statement, got ${fault || 'another shape'} wrong`);
  const statement = parsed as Statement;
  const shards = statement.predicate.resources.map(toShard);
  const expected = toStatement(statement.subject[0]?.name ?? '', shards, statement.predicate.serialization.shard_size);
  if (expected.subject[0]?.digest.sha256 !== statement.subject[0]?.digest.sha256) fail('expected the subject digest to cover the resources, got a mismatch');
  return { statement, shards };
}

function toShard(resource: Resource): ShardDigest {
  const match = /^(.+):(\d{1,16}):(\d{1,16})$/.exec(resource.name);
  const start = Number(match?.[2]);
  const end = Number(match?.[3]);
  if (!match?.[1] || !(end >= start)) fail(`expected a shard name path:start:end, got ${JSON.stringify(resource.name.slice(0, 80))}`);
  return { path: match[1], start, end, digest: resource.digest };
}
