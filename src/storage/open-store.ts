import type { Store } from './ports/store.js';
import { MEMORY, openLowdbStore } from './lowdb/lowdb-store.js';
import { openPostgresStore, type PostgresStoreOptions } from './postgres/postgres-store.js';

/** Which store to open: lowdb files (a path), or PostgreSQL (STORAGE=postgres, DATABASE_URL). */
export type StoreTarget = string | { kind: 'lowdb'; dataFile: string } | { kind: 'postgres'; databaseUrl: string };

/**
 * Opens the configured store. A path (or `kind: 'lowdb'`) opens lowdb; `kind: 'postgres'`
 * connects, runs pending migrations and fails with a clear message when the server cannot be reached.
 */
export function openStore(target: StoreTarget, postgres: PostgresStoreOptions = {}): Promise<Store> {
  if (typeof target === 'string') return openLowdbStore(target);
  return target.kind === 'postgres' ? openPostgresStore(target.databaseUrl, postgres) : openLowdbStore(target.dataFile);
}

export function openMemoryStore(): Promise<Store> {
  return openLowdbStore(MEMORY);
}

export { PostgresUnavailableError } from './postgres/postgres-store.js';
