import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Low, Memory } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { z } from 'zod';
import {
  ConcurrencyError,
  CorruptStoreError,
  type FeedbackRecord,
  type FeedbackRepository,
  type FeedbackSummary,
  type KeyValueRepository,
  type KeyValueWrite,
  type Store,
  type VersionedValue,
} from '../ports.js';

const dataSchema = z
  .object({
    version: z.literal(1),
    kv: z.record(z.object({ value: z.record(z.unknown()), eTag: z.string() })),
    feedback: z.record(
      z.object({ id: z.string(), entryId: z.string(), helpful: z.boolean(), userId: z.string(), createdAt: z.string() }),
    ),
  })
  .passthrough();
type Data = z.infer<typeof dataSchema>;

const emptyData = (): Data => ({ version: 1, kv: {}, feedback: {} });

/**
 * Reads and validates the data file before lowdb touches it, so a corrupt file stops the
 * start with a clear message instead of being replaced by an empty database.
 */
function readExisting(file: string): Data | undefined {
  if (!existsSync(file)) return undefined;
  let raw: unknown;
  try {
    const text = readFileSync(file, 'utf8');
    if (text.trim() === '') throw new Error('filen er tom');
    raw = JSON.parse(text);
  } catch (err) {
    throw new CorruptStoreError(file, `ugyldig JSON: ${(err as Error).message}`);
  }
  const parsed = dataSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new CorruptStoreError(file, `uventet innhold i «${first?.path.join('.') ?? ''}»: ${first?.message ?? ''}`);
  }
  return parsed.data;
}

/** Pass as the file to keep everything in memory (tests). */
export const MEMORY = ':memory:';

/**
 * Embedded store on one JSON file. lowdb's writer (steno) writes to a temporary file and
 * renames it, so a crash never leaves a half-written file; concurrent writes are coalesced.
 * All mutations happen synchronously on the in-memory copy before the single awaited flush,
 * which keeps each repository call atomic inside this process.
 */
export async function openLowdbStore(file: string): Promise<Store> {
  const inMemory = file === MEMORY;
  if (!inMemory) mkdirSync(dirname(file), { recursive: true });
  const initial = (inMemory ? undefined : readExisting(file)) ?? emptyData();
  const db = new Low<Data>(inMemory ? new Memory<Data>() : new JSONFile<Data>(file), initial);
  db.data = initial;
  await db.write();

  const clone = <T>(v: T): T => structuredClone(v);

  const kv: KeyValueRepository = {
    async read(keys) {
      const out = new Map<string, VersionedValue>();
      for (const key of keys) {
        const item = db.data.kv[key];
        if (item) out.set(key, clone(item));
      }
      return out;
    },
    async write(items: KeyValueWrite[]) {
      for (const item of items) {
        const current = db.data.kv[item.key];
        if (item.expectedETag && item.expectedETag !== '*' && current && current.eTag !== item.expectedETag) {
          throw new ConcurrencyError(item.key);
        }
      }
      for (const item of items) db.data.kv[item.key] = { value: clone(item.value), eTag: randomUUID() };
      await db.write();
    },
    async delete(keys) {
      let changed = false;
      for (const key of keys) {
        if (key in db.data.kv) {
          delete db.data.kv[key];
          changed = true;
        }
      }
      if (changed) await db.write();
    },
  };

  const feedback: FeedbackRepository = {
    async upsert(record: FeedbackRecord) {
      db.data.feedback[record.id] = clone(record);
      await db.write();
    },
    async get(id) {
      const r = db.data.feedback[id];
      return r ? clone(r) : undefined;
    },
    async summary() {
      const by = new Map<string, FeedbackSummary>();
      for (const r of Object.values(db.data.feedback)) {
        const s = by.get(r.entryId) ?? { entryId: r.entryId, helpful: 0, notHelpful: 0 };
        if (r.helpful) s.helpful++;
        else s.notHelpful++;
        by.set(r.entryId, s);
      }
      return [...by.values()].sort((a, b) => a.entryId.localeCompare(b.entryId));
    },
    async count() {
      return Object.keys(db.data.feedback).length;
    },
  };

  return {
    kind: inMemory ? 'memory' : 'lowdb',
    kv,
    feedback,
    async close() {
      await db.write();
    },
  };
}
