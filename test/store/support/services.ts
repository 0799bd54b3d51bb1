// SPDX-License-Identifier: Apache-2.0
// The PostgreSQL and Redis these suites run against. Outside CI a missing server skips its suite
// with a warning; with CI=true the suite runs and fails, so a missing service never passes.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Redis } from 'ioredis';

export const PG_URL = process.env['CITADEL_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env['CITADEL_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
export const IS_CI = process.env['CI'] === 'true';

/** @returns a name unique to this test run, safe as a schema name or key prefix. */
export function toRunName(label: string): string {
  return `citadel_test_${label}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

async function isPostgresUp(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function isRedisUp(): Promise<boolean> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2000, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

function toRunnable(name: string, up: boolean): boolean {
  if (!up && !IS_CI) process.stderr.write(`warning: ${name} is not reachable; its suites are skipped (with CI=true they fail)\n`);
  return up || IS_CI;
}

/** True when PostgreSQL suites must run: the server answers, or CI demands it. */
export const RUN_POSTGRES = toRunnable(`postgresql at ${PG_URL}`, await isPostgresUp());
/** True when Redis suites must run: the server answers, or CI demands it. */
export const RUN_REDIS = toRunnable(`redis at ${REDIS_URL}`, await isRedisUp());

/** Drops a schema a test created. */
export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

/** Deletes every Redis key under a prefix a test used. */
export async function deleteKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
