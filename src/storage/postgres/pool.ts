import pg from 'pg';

/**
 * The PostgreSQL server cannot be reached or refuses the login at start. Like a corrupt data
 * file, this stops the start with a message an operator can act on.
 */
export class PostgresUnavailableError extends Error {
  constructor(readonly target: string, detail: string) {
    super(
      `Får ikke kontakt med PostgreSQL på ${target} (${detail}). ` +
        'Sjekk at databasen kjører, at DATABASE_URL er riktig (bruker, passord, vert, port, database), og at boten får koble til.',
    );
    this.name = 'PostgresUnavailableError';
  }
}

export interface PoolOptions {
  /** Schema for all tables (tests use a fresh one per run); default `public`. */
  schema?: string;
  /** Connections in the pool; default 10. */
  max?: number;
  /** How long a connection attempt may take, ms; default 5000. */
  connectTimeoutMs?: number;
}

export type Pool = pg.Pool;
export type Client = pg.PoolClient;
/** Anything that runs a query: the pool or a client inside a transaction. */
export type Queryable = Pick<pg.Pool, 'query'>;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** A schema name safe to put into SQL unquoted. */
export function checkSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`Ugyldig skjemanavn «${schema}»: bruk små bokstaver, tall og _`);
  return schema;
}

/** The URL without its password, for messages and logs. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return '(ugyldig DATABASE_URL)';
  }
}

/** A pool whose every connection uses `schema` and UTC. */
export function createPool(url: string, opts: PoolOptions = {}): Pool {
  const schema = checkSchemaName(opts.schema ?? 'public');
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 5000,
    options: `-c search_path=${schema} -c TimeZone=UTC`,
  });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return pool;
}

/** Checks that the server answers; throws {@link PostgresUnavailableError} otherwise. */
export async function checkConnection(pool: Pool, url: string): Promise<void> {
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { code?: string };
    throw new PostgresUnavailableError(describeUrl(url), e.code ? `${e.code}: ${e.message}` : e.message);
  }
}

/** Deadlock or serialization failure: the transaction may simply be run again. */
const RETRYABLE = new Set(['40P01', '40001']);

/**
 * Runs `fn` in one transaction (all or nothing). Retried a few times when PostgreSQL aborts it
 * for a deadlock, which two writers touching the same keys in another order can cause.
 */
export async function withTransaction<T>(pool: Pool, fn: (client: Client) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      if (attempt < 4 && RETRYABLE.has((err as { code?: string }).code ?? '')) continue;
      throw err;
    } finally {
      client.release();
    }
  }
}

/** ISO-8601 of a Date, as the records store it. */
export const iso = (d: Date): string => d.toISOString();
