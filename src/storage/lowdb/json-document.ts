import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Low, Memory } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { z } from 'zod';
import { CorruptStoreError } from '../ports/errors.js';

/** Pass as the file to keep everything in memory (tests). */
export const MEMORY = ':memory:';

export interface JsonDocument<T> {
  /** The in-memory copy; mutate synchronously, then `flush()`. */
  readonly data: T;
  /** Writes the document: to a temporary file, then renamed, so a crash never leaves half a file. */
  flush(): Promise<void>;
}

/**
 * One lowdb-backed JSON file, validated with zod when it is opened. A file that exists but is
 * not valid stops the start with {@link CorruptStoreError} and is never overwritten.
 */
export async function openJsonDocument<S extends z.ZodTypeAny>(file: string, schema: S, empty: () => z.infer<S>): Promise<JsonDocument<z.infer<S>>> {
  type T = z.infer<S>;
  if (file === MEMORY) {
    const db = new Low<T>(new Memory<T>(), empty());
    return { data: db.data, flush: () => db.write() };
  }
  mkdirSync(dirname(file), { recursive: true });
  let initial: T = empty();
  if (existsSync(file)) {
    let raw: unknown;
    try {
      const text = readFileSync(file, 'utf8');
      if (text.trim() === '') throw new Error('filen er tom');
      raw = JSON.parse(text);
    } catch (err) {
      throw new CorruptStoreError(file, `ugyldig JSON: ${(err as Error).message}`);
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new CorruptStoreError(file, `uventet innhold i «${first?.path.join('.') ?? ''}»: ${first?.message ?? ''}`);
    }
    initial = parsed.data as T;
  }
  const db = new Low<T>(new JSONFile<T>(file), initial);
  await db.write();
  return { data: db.data, flush: oneWriteAtATime(() => db.write()) };
}

/**
 * Flushes of one file, one write at a time: a flush during a write waits for that write and one
 * more (which serialises the data when it starts, so it holds every change made before the flush);
 * flushes arriving meanwhile share that next write. Each caller waits for at most two writes.
 * (Handing overlapping writes to lowdb/steno directly made the caller whose write started a busy
 * spell wait until the file went quiet: under steady writes, seconds – one «ubesvarte spørsmål»
 * count per declined question was enough to give some Q&A turns 2–4 s in bench:qa.)
 */
export function oneWriteAtATime(write: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  let next: Promise<void> | undefined;
  const start = (): Promise<void> => {
    const p = write().finally(() => {
      if (running === p) running = undefined;
    });
    running = p;
    return p;
  };
  return () => {
    if (!running) return start();
    next ??= running
      .catch(() => undefined)
      .then(() => {
        next = undefined;
        return start();
      });
    return next;
  };
}

/**
 * A keyed collection spread over several JSON files by a hash of the key, so saving one record
 * rewrites one small file instead of the whole collection (12,500 registrations stay fast).
 */
export interface ShardedCollection<V> {
  get(key: string): V | undefined;
  /** Inserts or replaces, then flushes that record's shard. */
  put(key: string, value: V): Promise<void>;
  delete(key: string): Promise<boolean>;
  values(): IterableIterator<V>;
  readonly size: number;
}

/** 32-bit FNV-1a of the UTF-16 code units: stable across runs and platforms (file and folder names depend on it). */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Which shard a key lives in. */
export function shardOf(key: string, shards: number): number {
  return fnv1a(key) % shards;
}

export async function openShardedCollection<S extends z.ZodTypeAny>(
  baseFile: string,
  name: string,
  valueSchema: S,
  shards = 32,
): Promise<ShardedCollection<z.infer<S>>> {
  type V = z.infer<S>;
  const { z: zod } = await import('zod');
  const fileSchema = zod.object({ version: zod.literal(1), items: zod.record(valueSchema) });
  const docs: JsonDocument<{ version: 1; items: Record<string, V> }>[] = [];
  for (let i = 0; i < shards; i++) {
    const file = baseFile === MEMORY ? MEMORY : baseFile.replace(/\.json$/i, '') + `.${name}/${String(i).padStart(2, '0')}.json`;
    docs.push(await openJsonDocument(file, fileSchema, () => ({ version: 1 as const, items: {} })));
  }
  const index = new Map<string, V>();
  for (const doc of docs) for (const [k, v] of Object.entries(doc.data.items)) index.set(k, v);
  const docFor = (key: string) => docs[shardOf(key, shards)]!;
  return {
    get: (key) => index.get(key),
    async put(key, value) {
      index.set(key, value);
      const doc = docFor(key);
      doc.data.items[key] = value;
      await doc.flush();
    },
    async delete(key) {
      if (!index.has(key)) return false;
      index.delete(key);
      const doc = docFor(key);
      delete doc.data.items[key];
      await doc.flush();
      return true;
    },
    values: () => index.values(),
    get size() {
      return index.size;
    },
  };
}
