// SPDX-License-Identifier: Apache-2.0
import { createHash, sign, verify } from 'node:crypto';
import { z } from 'zod';
import { toPublicKey } from '../age/keys.js';
import { VaultError } from '../errors.js';
import type { Principal, UnlockedPrincipal } from '../keys/principal.js';

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

const ResourceSchema = z.object({ name: z.string().max(4096), algorithm: z.literal('sha256'), digest: z.string().regex(/^[0-9a-f]{64}$/) }).strict();
const StatementSchema = z.object({
  _type: z.literal(STATEMENT_TYPE),
  subject: z.array(z.object({ name: z.string().max(256), digest: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict() }).strict()).length(1),
  predicateType: z.literal(OMS_PREDICATE_TYPE),
  predicate: z.object({
    serialization: z.object({ method: z.literal('shards'), hash_type: z.literal('sha256'), shard_size: z.number().int().positive(), allow_symlinks: z.literal(false), ignore_paths: z.array(z.string()).max(64) }).strict(),
    resources: z.array(ResourceSchema).max(1_000_000),
  }).loose(),
}).strict();
const BundleSchema = z.object({
  mediaType: z.literal(BUNDLE_MEDIA_TYPE),
  verificationMaterial: z.object({ publicKey: z.object({ hint: z.string().max(128) }).strict(), tlogEntries: z.array(z.unknown()).max(0) }).strict(),
  dsseEnvelope: z.object({
    payload: z.string(),
    payloadType: z.literal(PAYLOAD_TYPE),
    signatures: z.array(z.object({ sig: z.string().max(200), keyid: z.string().max(128) }).strict()).min(1).max(8),
  }).strict(),
}).strict();

export type Statement = z.infer<typeof StatementSchema>;

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
  const bundle = BundleSchema.safeParse(parseJson(text, 'a bundle'));
  if (!bundle.success) fail(`expected a sigstore bundle with a dsse envelope, got ${bundle.error.issues[0]?.path.join('.') ?? 'another shape'} wrong`);
  const payload = Buffer.from(bundle.data.dsseEnvelope.payload, 'base64');
  const key = toPublicKey(Buffer.from(signer.signingKey, 'base64'), 'ed25519');
  const signed = bundle.data.dsseEnvelope.signatures.some((s) => s.keyid === signer.id && verify(null, toPae(PAYLOAD_TYPE, payload), key, Buffer.from(s.sig, 'base64')));
  if (!signed) fail(`expected a signature by the vault key ${signer.id}, got none that verifies`);
  const statement = StatementSchema.safeParse(parseJson(payload.toString('utf8'), 'an in-toto statement'));
  if (!statement.success) fail(`expected an OMS v1.0 statement, got ${statement.error.issues[0]?.path.join('.') ?? 'another shape'} wrong`);
  const shards = statement.data.predicate.resources.map(toShard);
  const expected = toStatement(statement.data.subject[0]?.name ?? '', shards, statement.data.predicate.serialization.shard_size);
  if (expected.subject[0]?.digest.sha256 !== statement.data.subject[0]?.digest.sha256) fail('expected the subject digest to cover the resources, got a mismatch');
  return { statement: statement.data, shards };
}

function toShard(resource: z.infer<typeof ResourceSchema>): ShardDigest {
  const match = /^(.+):(\d{1,16}):(\d{1,16})$/.exec(resource.name);
  const start = Number(match?.[2]);
  const end = Number(match?.[3]);
  if (!match?.[1] || !(end >= start)) fail(`expected a shard name path:start:end, got ${JSON.stringify(resource.name.slice(0, 80))}`);
  return { path: match[1], start, end, digest: resource.digest };
}
