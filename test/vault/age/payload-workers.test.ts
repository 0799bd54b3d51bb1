// SPDX-License-Identifier: Apache-2.0
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHeader } from '../../../src/vault/age/age-file.js';
import { generateIdentity, toIdentityText } from '../../../src/vault/age/keys.js';
import { decryptPayload } from '../../../src/vault/age/payload-io.js';
import { PayloadWorkers } from '../../../src/vault/age/payload-workers.js';
import { PAYLOAD_NONCE_BYTES, SEALED_CHUNK_BYTES, toSealedPayloadBytes } from '../../../src/vault/age/stream.js';
import type { VaultError } from '../../../src/vault/errors.js';
import { toShardRanges } from '../../../src/vault/manifest/model-files.js';

const dir = mkdtempSync(join(tmpdir(), 'citadel-payload-'));
const SHARD = 300_000;
let workers: PayloadWorkers;

beforeAll(() => { workers = PayloadWorkers.start(); });
afterAll(async () => { await workers.close(); });

function expectedShards(plain: Buffer): { start: number; end: number; digest: string }[] {
  return toShardRanges(plain.length, SHARD).map((r) => ({ ...r, digest: createHash('sha256').update(plain.subarray(r.start, r.end)).digest('hex') }));
}

async function sealToFile(plain: Buffer, fileKey: Buffer, name: string): Promise<{ path: string; payloadBytes: number; shards: unknown }> {
  const source = join(dir, `${name}.bin`);
  const path = join(dir, `${name}.payload`);
  writeFileSync(source, plain);
  const input = await open(source, 'r');
  const output = await open(path, 'wx+');
  try {
    const sealed = await workers.seal(input, output, { fileKey, plainBytes: plain.length, shardBytes: SHARD });
    return { path, ...sealed };
  } finally {
    await input.close();
    await output.close();
  }
}

describe('payload workers', () => {
  const sizes = [0, 1, 65_536, 16 * 65_536, 16 * 65_536 + 1, 3 * 1024 * 1024 + 5];

  it.each(sizes)('seal and open %i bytes, hashing shards in the same pass', async (size) => {
    const plain = randomBytes(size);
    const fileKey = randomBytes(16);
    const sealed = await sealToFile(plain, fileKey, `round-${size}`);
    expect(sealed.payloadBytes).toBe(toSealedPayloadBytes(size));
    expect(readFileSync(sealed.path).length).toBe(sealed.payloadBytes);
    expect(sealed.shards).toEqual(expectedShards(plain));
    const input = await open(sealed.path, 'r');
    const out = join(dir, `round-${size}.out`);
    const output = await open(out, 'wx+');
    try {
      const opened = await workers.open(input, { fileKey, payloadBytes: sealed.payloadBytes, output, shardBytes: SHARD });
      expect(opened.plainBytes).toBe(size);
      expect(opened.shards).toEqual(expectedShards(plain));
      // The single-threaded reader agrees on the format.
      const chunks: Buffer[] = [];
      await decryptPayload(input, { fileKey, inputOffset: 0, payloadBytes: sealed.payloadBytes, onPlaintext: (p) => { chunks.push(Buffer.from(p)); } });
      expect(Buffer.concat(chunks).equals(plain)).toBe(true);
    } finally {
      await input.close();
      await output.close();
    }
    expect(readFileSync(out).equals(plain)).toBe(true);
  });

  it('writes payloads that age -d opens behind their header', async () => {
    const identity = generateIdentity();
    const plain = randomBytes(2 * 1024 * 1024 + 17);
    const { fileKey, header } = createHeader([identity.recipient]);
    const sealed = await sealToFile(plain, fileKey, 'age');
    const file = join(dir, 'age.age');
    writeFileSync(file, Buffer.concat([header, readFileSync(sealed.path)]));
    const keyFile = join(dir, 'age.key');
    writeFileSync(keyFile, `${toIdentityText(identity)}\n`, { mode: 0o600 });
    expect(execFileSync('age', ['-d', '-i', keyFile, file], { maxBuffer: 64 << 20 }).equals(plain)).toBe(true);
  });

  it('refuses a tampered, a truncated and a reordered payload with their own codes', async () => {
    const plain = randomBytes(40 * 65_536 + 9);
    const fileKey = randomBytes(16);
    const sealed = await sealToFile(plain, fileKey, 'bad');
    const bytes = readFileSync(sealed.path);
    const tampered = Buffer.from(bytes);
    const at = PAYLOAD_NONCE_BYTES + 20 * SEALED_CHUNK_BYTES + 7;
    tampered.writeUInt8((tampered.readUInt8(at) ^ 1), at);
    const truncated = bytes.subarray(0, PAYLOAD_NONCE_BYTES + 17 * SEALED_CHUNK_BYTES);
    const a = PAYLOAD_NONCE_BYTES + 17 * SEALED_CHUNK_BYTES;
    const b = a + SEALED_CHUNK_BYTES;
    const reordered = Buffer.concat([bytes.subarray(0, a), bytes.subarray(b, b + SEALED_CHUNK_BYTES), bytes.subarray(a, b), bytes.subarray(b + SEALED_CHUNK_BYTES)]);
    const cases = [[tampered, 'VAULT_PAYLOAD_INVALID'], [truncated, 'VAULT_PAYLOAD_TRUNCATED'], [reordered, 'VAULT_PAYLOAD_INVALID']] as const;
    for (const [i, [payload, code]] of cases.entries()) {
      const path = join(dir, `bad-${i}.payload`);
      writeFileSync(path, payload);
      const input = await open(path, 'r');
      // A failed payload leaves the pair unusable; each case gets its own.
      const own = PayloadWorkers.start();
      try {
        const error: unknown = await own.open(input, { fileKey, payloadBytes: payload.length, shardBytes: SHARD }).catch((e: unknown) => e);
        expect((error as VaultError).code).toBe(code);
      } finally {
        await own.close();
        await input.close();
      }
    }
  });

  it('refuses an input that grows while it is sealed', async () => {
    const plain = randomBytes(100_000);
    const source = join(dir, 'grow.bin');
    writeFileSync(source, plain);
    const input = await open(source, 'r');
    const output = await open(join(dir, 'grow.payload'), 'wx+');
    const own = PayloadWorkers.start();
    try {
      const error: unknown = await own.seal(input, output, { fileKey: randomBytes(16), plainBytes: plain.length - 1, shardBytes: SHARD }).catch((e: unknown) => e);
      expect((error as VaultError).code).toBe('VAULT_IO');
    } finally {
      await own.close();
      await input.close();
      await output.close();
    }
  });
});
