import type { Store } from './ports.js';
import { MEMORY, openLowdbStore } from './lowdb/lowdb-store.js';

/** Opens the configured store. Only lowdb exists today; PostgreSQL plugs in here. */
export function openStore(dataFile: string): Promise<Store> {
  return openLowdbStore(dataFile);
}

export function openMemoryStore(): Promise<Store> {
  return openLowdbStore(MEMORY);
}
