import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { feedbackRecordSchema, type FeedbackRecord, type FeedbackSummary } from '../../modules/qa/model.js';
import { ConcurrencyError } from '../ports/errors.js';
import type { FeedbackRepository } from '../ports/feedback.js';
import { versionedValueSchema, type KeyValueRepository, type KeyValueWrite, type VersionedValue } from '../ports/kv.js';
import type { Store } from '../ports/store.js';
import { MEMORY, openJsonDocument } from './json-document.js';
import { openLowdbOrgRepository } from './org-repository.js';
import { openLowdbRegistrationRepository } from './registration-repository.js';
import { openLowdbAuditRepository } from './audit-repository.js';
import { openLowdbSamtaleRepository } from './samtale-repository.js';
import { openLowdbArshjulRepository } from './arshjul-repository.js';
import { openLowdbConversationRefRepository } from './conversation-ref-repository.js';
import { openLowdbJobRepository } from './job-repository.js';
import { openLowdbOutboxRepository } from './outbox-repository.js';
import { openLowdbHrQuestionRepository } from './hr-question-repository.js';
import { openShardedRecords } from './sharded-records.js';

export { MEMORY };


const mainSchema = z
  .object({
    version: z.literal(1),
    /** Only in files written before turn state moved to its own shards; moved out on open. */
    kv: z.record(versionedValueSchema).optional(),
    feedback: z.record(feedbackRecordSchema),
  })
  .passthrough();

const clone = <T>(v: T): T => structuredClone(v);

/**
 * Turn state (one document per conversation and per user) lives in `<data>.kv/NN.json`, so a
 * turn rewrites ~1/64 of it instead of the whole main file.
 */
const KV_SHARDS = 64;
const KV_SHARD_COLLECTION = 'kv';

/** The folder that holds the turn-state shard files of this data file. */
export function kvShardDirFor(dataFile: string): string {
  return `${dataFile.replace(/\.json$/i, '')}.${KV_SHARD_COLLECTION}`;
}

/**
 * Embedded store on JSON files (lowdb). The main file (DATA_FILE) holds small collections;
 * large ones are sharded into files beside it. All mutations happen synchronously on the
 * in-memory copy before the awaited flush, so each repository call is atomic in this process.
 */
export async function openLowdbStore(file: string): Promise<Store> {
  const inMemory = file === MEMORY;
  const main = await openJsonDocument(file, mainSchema, () => ({ version: 1 as const, feedback: {} }));
  const db = main.data;
  const kvRecords = await openShardedRecords(file, KV_SHARD_COLLECTION, versionedValueSchema, KV_SHARDS);
  // Older files keep turn state in the main file. Move it: shards first, then the main file
  // without it, so a crash in between loses nothing; a key already in a shard was written
  // after the move began and wins.
  if (db.kv) {
    const moved = Object.entries(db.kv).filter(([key]) => kvRecords.get(key) === undefined);
    if (moved.length > 0) await kvRecords.set(moved);
    delete db.kv;
    await main.flush();
  }
  const org = await openLowdbOrgRepository(file);
  const registrations = await openLowdbRegistrationRepository(file);
  const samtaler = await openLowdbSamtaleRepository(file);
  const audit = await openLowdbAuditRepository(file);
  const arshjul = await openLowdbArshjulRepository(file);
  const conversationRefs = await openLowdbConversationRefRepository(file);
  const outbox = await openLowdbOutboxRepository(file);
  const jobs = await openLowdbJobRepository(file);
  const hrQuestions = await openLowdbHrQuestionRepository(file);

  const kv: KeyValueRepository = {
    async read(keys) {
      const out = new Map<string, VersionedValue>();
      for (const key of keys) {
        const item = kvRecords.get(key);
        if (item) out.set(key, clone(item));
      }
      return out;
    },
    async write(items: KeyValueWrite[]) {
      // Every eTag is checked before anything changes, and the change is made in memory before
      // the first await: all items or none, even when they live in different shards.
      for (const item of items) {
        const current = kvRecords.get(item.key);
        if (item.expectedETag && item.expectedETag !== '*' && current && current.eTag !== item.expectedETag) {
          throw new ConcurrencyError(item.key);
        }
      }
      await kvRecords.set(items.map((item) => [item.key, { value: clone(item.value), eTag: randomUUID() }] as const));
    },
    async delete(keys) {
      await kvRecords.delete(keys);
    },
  };

  const feedback: FeedbackRepository = {
    async upsert(record: FeedbackRecord) {
      db.feedback[record.id] = clone(record);
      await main.flush();
    },
    async get(id) {
      const r = db.feedback[id];
      return r ? clone(r) : undefined;
    },
    async summary() {
      const by = new Map<string, FeedbackSummary>();
      for (const r of Object.values(db.feedback)) {
        const s = by.get(r.entryId) ?? { entryId: r.entryId, helpful: 0, notHelpful: 0 };
        if (r.helpful) s.helpful++;
        else s.notHelpful++;
        by.set(r.entryId, s);
      }
      return [...by.values()].sort((a, b) => a.entryId.localeCompare(b.entryId));
    },
    async count() {
      return Object.keys(db.feedback).length;
    },
  };

  return {
    kind: inMemory ? 'memory' : 'lowdb',
    kv,
    feedback,
    org,
    registrations,
    samtaler,
    audit,
    arshjul,
    conversationRefs,
    outbox,
    jobs,
    hrQuestions,
    async close() {
      // Waits for turn-state writes and decline counts still under way, too.
      await Promise.all([main.flush(), kvRecords.flush(Array.from({ length: KV_SHARDS }, (_, i) => i)), hrQuestions.flush()]);
    },
  };
}
