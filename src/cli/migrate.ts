/**
 * `npm run db:migrate` brings the PostgreSQL schema up to date and does nothing else (the bot
 * also does it at start). Safe to run while bots are running and from several places at once.
 * Uses DATABASE_URL like the bot.
 */
import { loadConfig, ConfigError } from '../config.js';
import { runMigrations } from '../storage/postgres/migrate.js';
import { checkConnection, createPool, describeUrl, PostgresUnavailableError } from '../storage/postgres/pool.js';

async function run(): Promise<number> {
  // BOT_MODE=local only so that no bot credentials are demanded; nothing is served.
  const config = loadConfig({ ...process.env, BOT_MODE: 'local', STORAGE: 'postgres' });
  if (config.storage.kind !== 'postgres') return 2;
  const url = config.storage.databaseUrl;
  const pool = createPool(url, { max: 1 });
  try {
    await checkConnection(pool, url);
    const { applied, version } = await runMigrations(pool);
    console.log(
      applied.length
        ? `Databasen ${describeUrl(url)} er oppdatert til skjemaversjon ${version} (kjørte ${applied.join(', ')}).`
        : `Databasen ${describeUrl(url)} er allerede på skjemaversjon ${version}; ingenting å gjøre.`,
    );
    return 0;
  } finally {
    await pool.end();
  }
}

run().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof ConfigError || err instanceof PostgresUnavailableError ? err.message : err);
    process.exit(1);
  },
);
