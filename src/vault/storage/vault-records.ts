// SPDX-License-Identifier: Apache-2.0
import type { Migration, SqlExecutor, Store } from '../../store/index.js';
import { VaultError } from '../errors.js';
import { parsePrincipal, type Principal } from '../keys/principal.js';
import type { SignedApproval } from '../release/approval.js';
import type { SignedRequest } from '../release/request.js';

/**
 * Vault metadata on a Store (SQLite by default, PostgreSQL when hosts share a vault). Blob payloads
 * live in files; their age headers live here, so a reshare rewraps every header in one
 * transaction and never touches a payload byte.
 */
const TABLES = `
CREATE TABLE vault_vaults (name TEXT PRIMARY KEY, threshold INTEGER NOT NULL, epoch INTEGER NOT NULL, recipient TEXT NOT NULL, operator TEXT NOT NULL, budget TEXT NOT NULL, created_at BIGINT NOT NULL);
CREATE TABLE vault_custodians (vault TEXT NOT NULL, epoch INTEGER NOT NULL, custodian_id TEXT NOT NULL, principal TEXT NOT NULL, share_index INTEGER NOT NULL, sealed_share BLOB NOT NULL, PRIMARY KEY (vault, epoch, custodian_id));
CREATE TABLE vault_models (vault TEXT NOT NULL, model TEXT NOT NULL, digest TEXT NOT NULL, plain_bytes BIGINT NOT NULL, bundle TEXT NOT NULL, sealed_at BIGINT NOT NULL, PRIMARY KEY (vault, model));
CREATE TABLE vault_blobs (vault TEXT NOT NULL, model TEXT NOT NULL, path TEXT NOT NULL, blob TEXT NOT NULL, header BLOB NOT NULL, plain_bytes BIGINT NOT NULL, payload_bytes BIGINT NOT NULL, PRIMARY KEY (vault, model, path));
CREATE TABLE vault_requests (id TEXT PRIMARY KEY, vault TEXT NOT NULL, body TEXT NOT NULL, signature TEXT NOT NULL, sealed_one_time BLOB NOT NULL, state TEXT NOT NULL, created_at BIGINT NOT NULL);
CREATE TABLE vault_approvals (id TEXT PRIMARY KEY, request_id TEXT NOT NULL, custodian_id TEXT NOT NULL, body TEXT NOT NULL, signature TEXT NOT NULL, sealed_share BLOB NOT NULL, used_at BIGINT);
CREATE INDEX vault_approvals_request ON vault_approvals (request_id);
CREATE TABLE vault_releases (request_id TEXT PRIMARY KEY, vault TEXT NOT NULL, requester_id TEXT NOT NULL, bytes BIGINT NOT NULL, released_at BIGINT NOT NULL);
`;

export const VAULT_MIGRATIONS: readonly Migration[] = [
  { version: 1, description: 'vault metadata', sql: { sqlite: TABLES, postgres: TABLES.replaceAll('BLOB', 'BYTEA') } },
];

export interface VaultRow {
  readonly name: string;
  readonly threshold: number;
  readonly epoch: number;
  readonly recipient: string;
  readonly operator: Principal;
  readonly budget: string;
  readonly createdAt: number;
}

export interface CustodianRow {
  readonly principal: Principal;
  readonly index: number;
  readonly sealedShare: Buffer;
}

export interface ModelRow {
  readonly model: string;
  readonly digest: string;
  readonly plainBytes: number;
  readonly bundle: string;
  readonly sealedAt: number;
}

export interface BlobRow {
  readonly path: string;
  readonly blob: string;
  readonly header: Buffer;
  readonly plainBytes: number;
  readonly payloadBytes: number;
}

export interface RequestRow {
  readonly request: SignedRequest;
  readonly state: 'open' | 'releasing' | 'released' | 'failed';
}

function toBuffer(value: unknown): Buffer {
  return Buffer.isBuffer(value) ? value : Buffer.from(value as Uint8Array);
}

function parseStored(text: unknown, what: string): unknown {
  try {
    return JSON.parse(String(text));
  } catch (error) {
    throw new VaultError('VAULT_IO', `expected stored ${what} in JSON, got something else`, { cause: error });
  }
}

/** @returns the vault row. @throws VaultError VAULT_NOT_FOUND */
export async function readVault(db: SqlExecutor, name: string): Promise<VaultRow> {
  const row = await db.get('SELECT * FROM vault_vaults WHERE name = ?', [name]);
  if (!row) throw new VaultError('VAULT_NOT_FOUND', `expected a vault named ${JSON.stringify(name)}, got none (run citadel vault init)`);
  return {
    name, threshold: Number(row['threshold']), epoch: Number(row['epoch']), recipient: String(row['recipient']),
    operator: parsePrincipal(parseStored(row['operator'], 'operator')), budget: String(row['budget']), createdAt: Number(row['created_at']),
  };
}

/** @returns the custodians of `epoch` with their sealed shares, in share order. */
export async function readCustodians(db: SqlExecutor, vault: string, epoch: number): Promise<CustodianRow[]> {
  const rows = await db.all('SELECT * FROM vault_custodians WHERE vault = ? AND epoch = ? ORDER BY share_index', [vault, epoch]);
  return rows.map((r) => ({ principal: parsePrincipal(parseStored(r['principal'], 'custodian')), index: Number(r['share_index']), sealedShare: toBuffer(r['sealed_share']) }));
}

/** @returns every sealed model of a vault. */
export async function readModels(db: SqlExecutor, vault: string): Promise<ModelRow[]> {
  const rows = await db.all('SELECT * FROM vault_models WHERE vault = ? ORDER BY model', [vault]);
  return rows.map((r) => ({ model: String(r['model']), digest: String(r['digest']), plainBytes: Number(r['plain_bytes']), bundle: String(r['bundle']), sealedAt: Number(r['sealed_at']) }));
}

/** @returns one model. @throws VaultError VAULT_NOT_FOUND */
export async function readModel(db: SqlExecutor, vault: string, model: string): Promise<ModelRow> {
  const found = (await readModels(db, vault)).find((m) => m.model === model);
  if (!found) throw new VaultError('VAULT_NOT_FOUND', `expected a sealed model named ${JSON.stringify(model)}, got none`);
  return found;
}

/** @returns the blobs of a model (or of every model when `model` is undefined). */
export async function readBlobs(db: SqlExecutor, vault: string, model?: string): Promise<(BlobRow & { model: string })[]> {
  const rows = model === undefined
    ? await db.all('SELECT * FROM vault_blobs WHERE vault = ? ORDER BY model, path', [vault])
    : await db.all('SELECT * FROM vault_blobs WHERE vault = ? AND model = ? ORDER BY path', [vault, model]);
  return rows.map((r) => ({ model: String(r['model']), path: String(r['path']), blob: String(r['blob']), header: toBuffer(r['header']), plainBytes: Number(r['plain_bytes']), payloadBytes: Number(r['payload_bytes']) }));
}

/** @returns a request. @throws VaultError VAULT_NOT_FOUND */
export async function readRequest(db: SqlExecutor, id: string): Promise<RequestRow> {
  const row = await db.get('SELECT * FROM vault_requests WHERE id = ?', [id]);
  if (!row) throw new VaultError('VAULT_NOT_FOUND', `expected a request ${JSON.stringify(id.slice(0, 64))}, got none`);
  const request: SignedRequest = { id, body: parseStored(row['body'], 'request') as SignedRequest['body'], signature: String(row['signature']), sealedOneTime: toBuffer(row['sealed_one_time']) };
  return { request, state: String(row['state']) as RequestRow['state'] };
}

/** @returns the approvals stored for a request. */
export async function readApprovals(db: SqlExecutor, requestId: string): Promise<(SignedApproval & { usedAt: number | null })[]> {
  const rows = await db.all('SELECT * FROM vault_approvals WHERE request_id = ? ORDER BY id', [requestId]);
  return rows.map(toApproval);
}

function toApproval(r: Record<string, unknown>): SignedApproval & { usedAt: number | null } {
  return { body: parseStored(r['body'], 'approval') as SignedApproval['body'], signature: String(r['signature']), sealedShare: toBuffer(r['sealed_share']), usedAt: r['used_at'] === null ? null : Number(r['used_at']) };
}

/** @returns the stored approval with this id, whatever request it belongs to. */
export async function readApprovalById(db: SqlExecutor, id: string): Promise<(SignedApproval & { usedAt: number | null }) | undefined> {
  const row = await db.get('SELECT * FROM vault_approvals WHERE id = ?', [id]);
  return row ? toApproval(row) : undefined;
}

/** @returns bytes released since `since`, for the vault and for one requester. */
export async function readReleasedBytes(db: SqlExecutor, window: { vault: string; requester: string; since: number }): Promise<{ vault: number; requester: number }> {
  const { vault, requester: requesterId, since } = window;
  const all = await db.get('SELECT COALESCE(SUM(bytes), 0) AS n FROM vault_releases WHERE vault = ? AND released_at >= ?', [vault, since]);
  const mine = await db.get('SELECT COALESCE(SUM(bytes), 0) AS n FROM vault_releases WHERE vault = ? AND requester_id = ? AND released_at >= ?', [vault, requesterId, since]);
  return { vault: Number(all?.['n'] ?? 0), requester: Number(mine?.['n'] ?? 0) };
}

/** Opens the vault tables on `store`, creating them on first use. */
export async function migrateVault(store: Store): Promise<void> {
  await store.migrate('vault', VAULT_MIGRATIONS);
}
