import { checkSchemaName, type Pool } from './pool.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';

export interface MigrationResult {
  /** Versions applied by this call (empty when the database was up to date). */
  applied: number[];
  /** The schema version afterwards. */
  version: number;
}

/**
 * Brings the schema up to date. Safe to run from several bot instances starting at once: the
 * whole run holds a transaction-scoped advisory lock, so one instance migrates and the others
 * wait and then find nothing to do. All pending migrations apply in one transaction: all or none.
 */
export async function runMigrations(pool: Pool, schema = 'public', migrations: readonly Migration[] = MIGRATIONS): Promise<MigrationResult> {
  checkSchemaName(schema);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`kompetansebot:migrate:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(`SET LOCAL search_path = ${schema}`);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      await client.query(m.up);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    await client.query('COMMIT');
    const version = Math.max(0, ...done, ...applied);
    return { applied, version };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
