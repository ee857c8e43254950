import type { Store } from '../ports/store.js';
import { createPostgresArshjulRepository } from './arshjul-repository.js';
import { createPostgresAuditRepository } from './audit-repository.js';
import { createPostgresConversationRefRepository } from './conversation-ref-repository.js';
import { createPostgresFeedbackRepository } from './feedback-repository.js';
import { createPostgresHrQuestionRepository } from './hr-question-repository.js';
import { createPostgresJobRepository } from './job-repository.js';
import { createPostgresKvRepository } from './kv-repository.js';
import { runMigrations, type MigrationResult } from './migrate.js';
import { createPostgresOrgRepository } from './org-repository.js';
import { createPostgresOutboxRepository } from './outbox-repository.js';
import { checkConnection, createPool, type PoolOptions } from './pool.js';
import { createPostgresRegistrationRepository } from './registration-repository.js';
import { createPostgresSamtaleRepository } from './samtale-repository.js';
import { createPostgresSendRate } from './send-rate.js';

export { PostgresUnavailableError } from './pool.js';

export interface PostgresStoreOptions extends PoolOptions {
  /** Run pending migrations when opening (default true; `npm run db:migrate` runs them alone). */
  migrate?: boolean;
  /** Told what the migrations did (ids and counts only). */
  onMigrated?: (result: MigrationResult) => void;
}

/**
 * Opens the PostgreSQL store: checks the connection (an unreachable server stops the start with
 * {@link PostgresUnavailableError}), brings the schema up to date, and returns the repositories.
 * Several bot instances may share one database.
 */
export async function openPostgresStore(url: string, opts: PostgresStoreOptions = {}): Promise<Store> {
  const schema = opts.schema ?? 'public';
  const pool = createPool(url, opts);
  try {
    await checkConnection(pool, url);
    if (opts.migrate !== false) {
      const result = await runMigrations(pool, schema);
      opts.onMigrated?.(result);
    }
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  let closed: Promise<void> | undefined;
  return {
    kind: 'postgres',
    kv: createPostgresKvRepository(pool),
    feedback: createPostgresFeedbackRepository(pool),
    org: createPostgresOrgRepository(pool),
    registrations: createPostgresRegistrationRepository(pool),
    samtaler: createPostgresSamtaleRepository(pool),
    audit: createPostgresAuditRepository(pool),
    arshjul: createPostgresArshjulRepository(pool),
    conversationRefs: createPostgresConversationRefRepository(pool),
    outbox: createPostgresOutboxRepository(pool),
    jobs: createPostgresJobRepository(pool),
    hrQuestions: createPostgresHrQuestionRepository(pool),
    sendRate: createPostgresSendRate(pool),
    close() {
      closed ??= pool.end();
      return closed;
    },
  };
}
