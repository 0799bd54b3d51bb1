// SPDX-License-Identifier: Apache-2.0
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  approveRequest, fileRequest, generatePrincipal, initVault, openVault, sealModel, type OpenVault, type UnlockedPrincipal, type VaultContext,
} from '../../src/vault/index.js';

/** A 2-of-3 vault on a temp dir with a movable clock, custodians a, b, c, operator o, requester r. */
export interface Fixture {
  readonly dir: string;
  readonly context: VaultContext;
  readonly people: Record<'a' | 'b' | 'c' | 'o' | 'r', UnlockedPrincipal>;
  readonly clock: { now: number };
  readonly model: string;
  readonly files: Record<string, Buffer>;
  close(): Promise<void>;
}

export function makeModelDir(root: string, files: Record<string, Buffer>): string {
  for (const [path, bytes] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), bytes);
  }
  return root;
}

export async function createFixture(options: { threshold?: number; storeUrl?: string; schema?: string } = {}): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'citadel-vault-'));
  const clock = { now: Date.UTC(2025, 0, 1) };
  const opened: OpenVault = await openVault({ dir: join(dir, 'vault'), now: () => clock.now, ...(options.storeUrl ? { storeUrl: options.storeUrl } : {}), ...(options.schema ? { schema: options.schema } : {}) });
  const people = { a: generatePrincipal('alice'), b: generatePrincipal('bob'), c: generatePrincipal('carol'), o: generatePrincipal('operator'), r: generatePrincipal('requester') };
  await initVault(opened.context, { threshold: options.threshold ?? 2, custodians: [people.a.principal, people.b.principal, people.c.principal], operator: people.o.principal });
  const files = { 'config.json': Buffer.from('{"layers":2}'), 'weights/model.safetensors': randomBytes(300_000), 'weights/empty.bin': Buffer.alloc(0) };
  const source = makeModelDir(join(dir, 'model'), files);
  await sealModel(opened.context, { source, model: 'm1', operator: people.o });
  return { dir, context: opened.context, people, clock, model: 'm1', files, close: () => opened.close() };
}

/** Files a request by `requester` for the fixture's model and has `approvers` approve it. */
export async function requestApproved(f: Fixture, approvers: readonly UnlockedPrincipal[], requester: UnlockedPrincipal = f.people.r): Promise<string> {
  const request = await fileRequest(f.context, { requester, purpose: 'eval run', ttlMs: 3600_000, model: f.model });
  for (const approver of approvers) await approveRequest(f.context, request.id, approver);
  return request.id;
}

/** @returns the ledger entries recorded so far. */
export async function readEvents(context: VaultContext): Promise<Record<string, unknown>[]> {
  const size = await context.ledger.size();
  return (await context.ledger.read(0, size)).map((e) => e.entry as Record<string, unknown>);
}
