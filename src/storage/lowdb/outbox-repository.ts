import { mkdirSync } from 'node:fs';
import { z } from 'zod';
import { CorruptStoreError } from '../ports/errors.js';
import {
  OUTBOX_STATUSES,
  outboxCampaignRecordSchema,
  outboxItemRecordSchema,
  type NewOutboxItem,
  type OutboxCampaignRecord,
  type OutboxCounts,
  type OutboxError,
  type OutboxItemRecord,
  type OutboxRepository,
  type OutboxStatus,
} from '../ports/delivery.js';
import { Heap } from './heap.js';
import { fnv1a, MEMORY, openJsonDocument } from './json-document.js';
import { type DueEntry, dueEntry, ended, isOpen, mayMark, type OpenItems, readyBefore, topDue, waitingBefore } from './outbox-items.js';
import { CheckpointedJournal, outboxJournalDirFor, readJournal } from './outbox-journal.js';
import { openShardedRecords, type ShardedRecords } from './sharded-records.js';

const campaignSchema = outboxCampaignRecordSchema.extend({
  /** Folder of the item shards, `<data>.outbox/<dir>/`. */
  dir: z.string().min(1),
  shards: z.number().int().min(1).max(256),
  /** Has pending/retrying items: loaded at start. Closed campaigns load on demand. */
  open: z.boolean(),
});
const indexSchema = z.object({ version: z.literal(1), campaigns: z.record(campaignSchema) });
type StoredCampaign = z.infer<typeof campaignSchema>;

/** ~50 items per shard file: a claim or a mark rewrites ~20 KB, not the whole campaign. */
const ITEMS_PER_SHARD = 50;
const MAX_SHARDS = 256;
const KEY_SHARDS = 32;

/** A file-system-safe, collision-free folder name for a campaign id. */
function dirFor(campaignId: string): string {
  return `${campaignId.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 60)}-${fnv1a(campaignId).toString(16).padStart(8, '0')}`;
}

export { outboxJournalDirFor };

/** `data/kompetansebot.json` → `data/kompetansebot.outbox.json`. */
export function outboxIndexFileFor(dataFile: string): string {
  return dataFile === MEMORY ? MEMORY : `${dataFile.replace(/\.json$/i, '')}.outbox.json`;
}

interface LoadedCampaign extends OpenItems {
  meta: StoredCampaign;
  items: ShardedRecords<OutboxItemRecord>;
}

/**
 * The outbox on JSON files beside the data file:
 * - `<data>.outbox.json`: the campaigns (id, kind, payload, where their items are, open or not);
 * - `<data>.outbox/<campaign>/NN.json`: a campaign's items, sharded (12,573 recipients → 252
 *   files of ~50 items), so marking one item rewrites one small file;
 * - `<data>.outbox-keys/NN.json`: every idempotency key → its campaign, so a key is unique
 *   across campaigns and a finished campaign need not be loaded to check it.
 *
 * - `<data>.outbox-journal/NNNNNNNN.jsonl`: changes of items not yet folded into the shards
 *   (see outbox-journal.ts); replayed and folded in when the outbox is opened.
 *
 * Campaigns with items still to send are loaded at start; finished ones only when asked for.
 * Every state change is made synchronously in memory (so two claimers in this process can never
 * take the same item) and is on disk before the call returns: new items in their shard files
 * (temporary file + rename), every later change (claim, outcome, release) as a line in the
 * journal, written synchronously. lowdb files belong to one process: run one instance on lowdb;
 * several need the PostgreSQL adapter.
 */
export async function openLowdbOutboxRepository(file: string): Promise<OutboxRepository> {
  const index = await openJsonDocument(outboxIndexFileFor(file), indexSchema, () => ({ version: 1 as const, campaigns: {} }));
  const keys = await openShardedRecords(file, 'outbox-keys', z.string(), KEY_SHARDS);
  const loaded = new Map<string, Promise<LoadedCampaign>>();
  /** Loaded campaigns that have open items; the claim scans only these. */
  const active = new Map<string, LoadedCampaign>();

  function load(meta: StoredCampaign): Promise<LoadedCampaign> {
    let pending = loaded.get(meta.id);
    if (!pending) {
      pending = (async () => {
        const items = await openShardedRecords(file, `outbox/${meta.dir}`, outboxItemRecordSchema, meta.shards);
        const open = new Map<string, OutboxItemRecord>();
        for (const item of items.values()) {
          Object.freeze(item);
          if (isOpen(item.status)) open.set(item.key, item);
        }
        const campaign: LoadedCampaign = { meta, items, open, waiting: new Heap(waitingBefore), ready: new Heap(readyBefore) };
        for (const item of open.values()) campaign.waiting.push(dueEntry(item));
        if (open.size) active.set(meta.id, campaign);
        // Items are written before their keys: after a crash between the two, register the keys now.
        const unregistered = [...items.values()].filter((i) => keys.get(i.key) === undefined).map((i) => [i.key, meta.id] as const);
        if (unregistered.length) await keys.set(unregistered);
        return campaign;
      })();
      loaded.set(meta.id, pending);
      // A failed load (a corrupt file) is retried next time instead of being remembered.
      pending.catch(() => loaded.delete(meta.id));
    }
    return pending;
  }

  for (const meta of Object.values(index.data.campaigns)) if (meta.open) await load(meta);

  /** Changes of items after they were first written; without a file (tests in memory) never started. */
  const journal = new CheckpointedJournal();

  async function campaignOfKey(key: string): Promise<LoadedCampaign | undefined> {
    const campaignId = keys.get(key);
    const meta = campaignId === undefined ? undefined : index.data.campaigns[campaignId];
    return meta ? load(meta) : undefined;
  }

  /**
   * Stores new versions of items of one campaign: in the journal (synchronously, first: if that
   * fails nothing changes), then in memory, and the shards later at a checkpoint. New items
   * (`direct`) go straight to their shard files instead, as without a journal (tests in memory).
   * Keeps the open set and the campaign's open flag right.
   */
  function write(c: LoadedCampaign, records: OutboxItemRecord[], direct = false): Promise<unknown> {
    if (!records.length) return Promise.resolve();
    const frozen = records.map((r) => Object.freeze(r));
    const journaled = journal.started && !direct;
    if (journaled) journal.append(c.meta.id, frozen);
    const writes: Promise<unknown>[] = [];
    const shards = c.items.stage(frozen.map((r) => [r.key, r] as const));
    if (journaled) {
      journal.markDirty(c.items, shards);
      journal.scheduleCheckpoint();
    } else writes.push(c.items.flush(shards));
    if (settle(c, frozen)) writes.push(index.flush());
    return Promise.all(writes);
  }

  /** Updates the open set, the claim heaps and the open flag after a change; true if the flag changed. */
  function settle(c: LoadedCampaign, records: readonly OutboxItemRecord[]): boolean {
    for (const r of records) {
      if (isOpen(r.status)) {
        c.open.set(r.key, r);
        c.waiting.push(dueEntry(r));
      } else c.open.delete(r.key);
    }
    if (c.open.size) {
      active.set(c.meta.id, c);
      if (c.meta.open) return false;
      c.meta.open = true;
      return true;
    }
    active.delete(c.meta.id);
    c.waiting.clear();
    c.ready.clear();
    if (!c.meta.open) return false;
    c.meta.open = false;
    return true;
  }

  async function finish(key: string, owner: string, at: Date, status: OutboxStatus, error?: OutboxError): Promise<boolean> {
    const c = await campaignOfKey(key);
    const item = c?.open.get(key);
    if (!c || !mayMark(item, owner, at.toISOString())) return false;
    await write(c, [ended(item, at, { status, ...(error ? { lastError: { ...error } } : {}) })]);
    return true;
  }

  // Replay what the last process journaled but did not fold into the shards, fold it in, and
  // start a fresh journal. Without a file (tests in memory) there is no journal.
  if (file !== MEMORY) {
    const dir = outboxJournalDirFor(file);
    mkdirSync(dir, { recursive: true });
    const replay = readJournal(dir);
    for (const entry of replay.entries) {
      const meta = index.data.campaigns[entry.c];
      if (!meta) throw new CorruptStoreError(dir, `ukjent utsending i journalen`);
      const c = await load(meta);
      const record = Object.freeze(entry.r);
      journal.markDirty(c.items, c.items.stage([[record.key, record]]));
      settle(c, [record]);
    }
    journal.start(dir, replay.lastSeq, replay.files);
    await journal.checkpoint();
    await index.flush();
  }

  const repository: OutboxRepository = {
    async enqueue(campaign, newItems, now) {
      const nowIso = now.toISOString();
      let meta = index.data.campaigns[campaign.id];
      if (!meta) {
        meta = {
          id: campaign.id,
          kind: campaign.kind,
          priority: campaign.priority ?? 0,
          payload: structuredClone(campaign.payload ?? {}),
          ...(campaign.createdBy ? { createdBy: campaign.createdBy } : {}),
          createdAt: nowIso,
          dir: dirFor(campaign.id),
          shards: Math.min(MAX_SHARDS, Math.max(1, Math.ceil(Math.max(newItems.length, campaign.expectedItems ?? 0) / ITEMS_PER_SHARD))),
          open: false,
        };
        index.data.campaigns[campaign.id] = meta;
        await index.flush();
      }
      const c = await load(meta);
      // From here to the writes nothing awaits: a concurrent enqueue of the same key sees it taken.
      const seen = new Set<string>();
      const fresh: NewOutboxItem[] = [];
      for (const item of newItems) {
        if (keys.get(item.key) !== undefined || c.items.get(item.key) || seen.has(item.key)) continue;
        seen.add(item.key);
        fresh.push(item);
      }
      const records: OutboxItemRecord[] = fresh.map((item) => ({
        key: item.key,
        campaignId: campaign.id,
        recipient: structuredClone(item.recipient),
        ...(item.data ? { data: structuredClone(item.data) } : {}),
        status: 'pending' as const,
        attempts: 0,
        nextAttemptAt: (item.notBefore && item.notBefore > now ? item.notBefore : now).toISOString(),
        createdAt: nowIso,
        updatedAt: nowIso,
      }));
      // Items first, then their keys: a crash in between leaves items whose keys `load` registers,
      // never a key without its item (which would make the item impossible to enqueue: lost).
      await write(c, records, true);
      await keys.set(fresh.map((item) => [item.key, campaign.id] as const));
      return { added: fresh.length, existing: newItems.length - fresh.length };
    },

    async claimDue(now, limit, leaseMs, owner) {
      if (limit <= 0) return [];
      const nowIso = now.toISOString();
      // Best `limit` due items: higher priority first, then the longest waiting. Each campaign
      // keeps its due items in a heap, so a claim costs O(limit · log n), not a scan of all open items.
      const picked: { c: LoadedCampaign; item: OutboxItemRecord }[] = [];
      while (picked.length < limit) {
        let best: { c: LoadedCampaign; e: DueEntry } | undefined;
        for (const c of active.values()) {
          const e = topDue(c, nowIso);
          if (!e) continue;
          if (!best || c.meta.priority > best.c.meta.priority || (c.meta.priority === best.c.meta.priority && readyBefore(e, best.e))) best = { c, e };
        }
        if (!best) break;
        best.c.ready.pop();
        picked.push({ c: best.c, item: best.e.record });
      }
      const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
      const byCampaign = new Map<LoadedCampaign, OutboxItemRecord[]>();
      const claimed = picked.map(({ c, item }) => {
        const next: OutboxItemRecord = { ...item, attempts: item.attempts + 1, leaseOwner: owner, leaseUntil, updatedAt: nowIso };
        byCampaign.set(c, [...(byCampaign.get(c) ?? []), next]);
        return next;
      });
      await Promise.all([...byCampaign].map(([c, records]) => write(c, records)));
      return claimed;
    },

    async release(key, owner, now) {
      const c = await campaignOfKey(key);
      const item = c?.open.get(key);
      if (!c || !item || item.leaseOwner !== owner) return false;
      await write(c, [ended(item, now, { attempts: Math.max(0, item.attempts - 1), nextAttemptAt: now.toISOString() })]);
      return true;
    },

    async markSent(key, _owner, at, activityId) {
      const c = await campaignOfKey(key);
      const item = c?.open.get(key);
      if (!c || !item) return false;
      await write(c, [ended(item, at, { status: 'sent', sentAt: at.toISOString(), ...(activityId ? { activityId } : {}) })]);
      return true;
    },

    async markRetry(key, owner, nextAttemptAt, error, now) {
      const c = await campaignOfKey(key);
      const item = c?.open.get(key);
      if (!c || !mayMark(item, owner, now.toISOString())) return false;
      await write(c, [ended(item, now, { status: 'retrying', nextAttemptAt: nextAttemptAt.toISOString(), lastError: { ...error } })]);
      return true;
    },

    markFailed: (key, owner, at, error) => finish(key, owner, at, 'failed', error),
    markBlocked: (key, owner, at, error) => finish(key, owner, at, 'blocked', error),
    markNotInstalled: (key, owner, at, error) => finish(key, owner, at, 'not-installed', error),

    async markAcknowledged(key, at) {
      const c = await campaignOfKey(key);
      const item = c?.items.get(key);
      if (!c || !item || !(item.status === 'sent' || isOpen(item.status))) return false;
      await write(c, [ended(item, at, { status: 'acknowledged', acknowledgedAt: at.toISOString() })]);
      return true;
    },

    async get(key) {
      return (await campaignOfKey(key))?.items.get(key);
    },

    async getCampaign(campaignId) {
      const meta = index.data.campaigns[campaignId];
      if (!meta) return undefined;
      const { dir: _d, shards: _s, open: _o, ...record } = meta;
      return structuredClone(record) as OutboxCampaignRecord;
    },

    async counts(campaignId) {
      const counts = Object.fromEntries([...OUTBOX_STATUSES.map((s) => [s, 0]), ['total', 0]]) as OutboxCounts;
      const meta = index.data.campaigns[campaignId];
      if (!meta) return counts;
      for (const item of (await load(meta)).items.values()) {
        counts[item.status]++;
        counts.total++;
      }
      return counts;
    },

    async list(campaignId) {
      const meta = index.data.campaigns[campaignId];
      if (!meta) return [];
      return [...(await load(meta)).items.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    },
  };
  return repository;
}
