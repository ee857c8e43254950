import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  ConcurrencyError,
  type FeedbackRecord,
  type FeedbackRepository,
  type FeedbackSummary,
  type KeyValueRepository,
  type KeyValueWrite,
  type Store,
  type VersionedValue,
} from '../ports.js';
import { MEMORY, openJsonDocument } from './json-document.js';
import { openLowdbOrgRepository } from './org-repository.js';
import { openLowdbRegistrationRepository } from './registration-repository.js';
import { openLowdbAuditRepository } from './audit-repository.js';
import { openLowdbSamtaleRepository } from './samtale-repository.js';
import { openLowdbArshjulRepository } from './arshjul-repository.js';
import { openLowdbConversationRefRepository } from './conversation-ref-repository.js';
import { openLowdbJobRepository } from './job-repository.js';
import { openLowdbOutboxRepository } from './outbox-repository.js';

export { MEMORY };

const mainSchema = z
  .object({
    version: z.literal(1),
    kv: z.record(z.object({ value: z.record(z.unknown()), eTag: z.string() })),
    feedback: z.record(
      z.object({ id: z.string(), entryId: z.string(), helpful: z.boolean(), userId: z.string(), createdAt: z.string() }),
    ),
  })
  .passthrough();

const clone = <T>(v: T): T => structuredClone(v);

/**
 * Embedded store on JSON files (lowdb). The main file (DATA_FILE) holds small collections;
 * large ones are sharded into files beside it. All mutations happen synchronously on the
 * in-memory copy before the awaited flush, so each repository call is atomic in this process.
 */
export async function openLowdbStore(file: string): Promise<Store> {
  const inMemory = file === MEMORY;
  const main = await openJsonDocument(file, mainSchema, () => ({ version: 1 as const, kv: {}, feedback: {} }));
  const db = main.data;
  const org = await openLowdbOrgRepository(file);
  const registrations = await openLowdbRegistrationRepository(file);
  const samtaler = await openLowdbSamtaleRepository(file);
  const audit = await openLowdbAuditRepository(file);
  const arshjul = await openLowdbArshjulRepository(file);
  const conversationRefs = await openLowdbConversationRefRepository(file);
  const outbox = await openLowdbOutboxRepository(file);
  const jobs = await openLowdbJobRepository(file);

  const kv: KeyValueRepository = {
    async read(keys) {
      const out = new Map<string, VersionedValue>();
      for (const key of keys) {
        const item = db.kv[key];
        if (item) out.set(key, clone(item));
      }
      return out;
    },
    async write(items: KeyValueWrite[]) {
      for (const item of items) {
        const current = db.kv[item.key];
        if (item.expectedETag && item.expectedETag !== '*' && current && current.eTag !== item.expectedETag) {
          throw new ConcurrencyError(item.key);
        }
      }
      for (const item of items) db.kv[item.key] = { value: clone(item.value), eTag: randomUUID() };
      await main.flush();
    },
    async delete(keys) {
      let changed = false;
      for (const key of keys) {
        if (key in db.kv) {
          delete db.kv[key];
          changed = true;
        }
      }
      if (changed) await main.flush();
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
    async close() {
      await main.flush();
    },
  };
}
