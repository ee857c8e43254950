import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll } from 'vitest';
import { openPostgresStore } from '../../src/storage/postgres/postgres-store.js';
import type { Store } from '../../src/storage/ports/store.js';

/**
 * How tests find PostgreSQL: `TEST_DATABASE_URL` (start one with `scripts/pg-local.sh`).
 * - unset, and not in CI: the PostgreSQL tests are skipped, with the reason printed;
 * - in CI (`CI=true`), unset or unreachable: they fail. CI must really test PostgreSQL.
 */
export type PostgresForTests = { url: string } | { skip: string } | { fail: string };

export async function findTestPostgres(): Promise<PostgresForTests> {
  const url = process.env.TEST_DATABASE_URL;
  const ci = process.env.CI === 'true' || process.env.CI === '1';
  if (!url) {
    const reason = 'TEST_DATABASE_URL er ikke satt (start en lokal server med `scripts/pg-local.sh`)';
    if (ci) return { fail: `CI=true, men ${reason}: PostgreSQL-testene må kjøre i CI` };
    console.warn(`Skipped PostgreSQL tests: ${reason}`);
    return { skip: reason };
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (err) {
    // A URL that is set but does not answer is an error also outside CI: someone meant to test it.
    return { fail: `TEST_DATABASE_URL svarer ikke: ${(err as Error).message}` };
  } finally {
    await client.end().catch(() => undefined);
  }
  return { url };
}

/** Fresh schemas, one per opened store, dropped when the test file is done. */
export function freshSchemas(url: string) {
  const created: string[] = [];
  afterAll(async () => {
    if (!created.length) return;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (const schema of created) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await client.end();
    }
  });
  /** A schema name no other test (or test run) uses. */
  const next = (): string => {
    const schema = `kbtest_${process.pid}_${randomBytes(4).toString('hex')}`;
    created.push(schema);
    return schema;
  };
  return {
    next,
    /** A store on a schema of its own (fresh unless given), migrated. */
    open: (schema = next()): Promise<Store> => openPostgresStore(url, { schema, max: 4 }),
  };
}
