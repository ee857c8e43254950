import type { Storage, StoreItems } from 'botbuilder';
import type { KeyValueRepository } from '../storage/ports/kv.js';

/**
 * botbuilder `Storage` over the storage port, so teams-ai turn state lives in the same store
 * as everything else (lowdb now, PostgreSQL later) instead of process memory.
 * eTags follow botbuilder's contract: a value carrying an eTag other than '*' is written only
 * if it still matches the stored one.
 */
export class TurnStateStorage implements Storage {
  constructor(private readonly kv: KeyValueRepository) {}

  async read(keys: string[]): Promise<StoreItems> {
    const found = await this.kv.read(keys);
    const items: StoreItems = {};
    for (const [key, { value, eTag }] of found) items[key] = { ...value, eTag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const writes = Object.entries(changes).map(([key, raw]) => {
      const { eTag, ...value } = (raw ?? {}) as Record<string, unknown> & { eTag?: unknown };
      return { key, value, expectedETag: typeof eTag === 'string' ? eTag : undefined };
    });
    await this.kv.write(writes);
  }

  async delete(keys: string[]): Promise<void> {
    await this.kv.delete(keys);
  }
}
