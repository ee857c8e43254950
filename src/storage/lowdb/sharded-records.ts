import { z } from 'zod';
import { MEMORY, openJsonDocument, shardOf, type JsonDocument } from './json-document.js';

/**
 * Like `openShardedCollection` (same file layout: `<data>.<name>/NN.json`, same hash), but a
 * change of many records flushes each touched shard once. The outbox needs that: enqueuing
 * 12,573 recipients must not rewrite a shard 12,573 times, and a claim of several items must be
 * one write per shard.
 */
export interface ShardedRecords<V> {
  get(key: string): V | undefined;
  values(): IterableIterator<V>;
  readonly size: number;
  /**
   * Inserts or replaces these records in memory at once (synchronously, before the first await),
   * then writes each touched shard; resolves when all are on disk.
   */
  set(entries: Iterable<readonly [string, V]>): Promise<void>;
  /**
   * Inserts or replaces these records in memory only and returns the shards they live in; the
   * caller makes them durable some other way (the outbox's journal) and writes the shards later
   * with {@link ShardedRecords.flush}.
   */
  stage(entries: Iterable<readonly [string, V]>): number[];
  /** Writes these shards as they are in memory now; resolves when all are on disk. */
  flush(shards: Iterable<number>): Promise<void>;
  /**
   * Removes these records from memory at once (synchronously, before the first await), then
   * writes each touched shard; resolves with how many were there, once all are on disk.
   */
  delete(keys: Iterable<string>): Promise<number>;
}

export async function openShardedRecords<S extends z.ZodTypeAny>(baseFile: string, name: string, valueSchema: S, shards: number): Promise<ShardedRecords<z.infer<S>>> {
  type V = z.infer<S>;
  const fileSchema = z.object({ version: z.literal(1), items: z.record(valueSchema) });
  const docs: JsonDocument<{ version: 1; items: Record<string, V> }>[] = [];
  for (let i = 0; i < shards; i++) {
    const file = baseFile === MEMORY ? MEMORY : `${baseFile.replace(/\.json$/i, '')}.${name}/${String(i).padStart(2, '0')}.json`;
    docs.push(await openJsonDocument(file, fileSchema, () => ({ version: 1 as const, items: {} })));
  }
  const index = new Map<string, V>();
  for (const doc of docs) for (const [k, v] of Object.entries(doc.data.items)) index.set(k, v);
  /**
   * Changes of one shard made in the same turn of the event loop share one flush (one
   * JSON.stringify and one write): each caller's promise resolves only after a write that
   * contains its change is on disk, as before.
   */
  const scheduled = new Map<number, Promise<void>>();
  function flushSoon(shard: number): Promise<void> {
    let flush = scheduled.get(shard);
    if (!flush) {
      flush = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        scheduled.delete(shard);
        return docs[shard]!.flush();
      });
      scheduled.set(shard, flush);
    }
    return flush;
  }
  function stage(entries: Iterable<readonly [string, V]>): number[] {
    const touched = new Set<number>();
    for (const [key, value] of entries) {
      const shard = shardOf(key, shards);
      index.set(key, value);
      docs[shard]!.data.items[key] = value;
      touched.add(shard);
    }
    return [...touched];
  }
  const flush = (touched: Iterable<number>) => Promise.all([...touched].map(flushSoon)).then(() => undefined);
  return {
    get: (key) => index.get(key),
    values: () => index.values(),
    get size() {
      return index.size;
    },
    set: (entries) => flush(stage(entries)),
    stage,
    flush,
    delete(keys) {
      let removed = 0;
      const touched = new Set<number>();
      for (const key of keys) {
        if (!index.delete(key)) continue;
        const shard = shardOf(key, shards);
        delete docs[shard]!.data.items[key];
        touched.add(shard);
        removed++;
      }
      return flush(touched).then(() => removed);
    },
  };
}
