import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
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
import { MEMORY, openJsonDocument } from './json-document.js';
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

const isOpen = (s: OutboxStatus) => s === 'pending' || s === 'retrying';

function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** A file-system-safe, collision-free folder name for a campaign id. */
function dirFor(campaignId: string): string {
  return `${campaignId.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 60)}-${hash(campaignId)}`;
}

/** `data/kompetansebot.json` → `data/kompetansebot.outbox.json`. */
export function outboxIndexFileFor(dataFile: string): string {
  return dataFile === MEMORY ? MEMORY : `${dataFile.replace(/\.json$/i, '')}.outbox.json`;
}

/** `data/kompetansebot.json` → `data/kompetansebot.outbox-journal/`. */
export function outboxJournalDirFor(dataFile: string): string {
  return `${dataFile.replace(/\.json$/i, '')}.outbox-journal`;
}

/** Fold the journal into the shard files after this many lines, or this long after the first. */
const CHECKPOINT_LINES = 10_000;
const CHECKPOINT_MS = 10_000;
/** Shard files written at once by a checkpoint: small steps keep the event loop free for answers. */
const CHECKPOINT_PARALLEL = 4;

const journalLineSchema = z.object({ c: z.string().min(1), r: outboxItemRecordSchema });
const JOURNAL_FILE = /^(\d{8})\.jsonl$/;

/**
 * The outbox's write-ahead journal: every change of an item is appended as one JSON line
 * (`{"c": campaignId, "r": record}`) with a synchronous write to an O_APPEND file before the
 * call returns, and the shard files are brought up to date later, in bulk (a checkpoint). A
 * `kill -9` cannot lose an appended line (it is in the kernel once `writeSync` returns), so a
 * send's outcome is durable the moment its answer is handled, without waiting for a shard file
 * to be rewritten; that is the window in which a killed process sends a message twice.
 * Files are numbered; a checkpoint starts a new one and deletes the old ones once every shard
 * they touched is on disk. Opening replays whatever files are left, in order.
 */
class Journal {
  private fd: number;
  private seq: number;
  /** Lines in the current file. */
  lines = 0;
  constructor(private readonly dir: string, lastSeq: number) {
    this.seq = lastSeq + 1;
    this.fd = openSync(this.path(this.seq), 'a');
  }
  private path(seq: number) {
    return join(this.dir, `${String(seq).padStart(8, '0')}.jsonl`);
  }
  /** Appends the records in one write; throws (and nothing is changed) if the write fails. */
  append(campaignId: string, records: readonly OutboxItemRecord[]): void {
    let text = '';
    for (const r of records) text += `${JSON.stringify({ c: campaignId, r })}\n`;
    const buffer = Buffer.from(text, 'utf8');
    let written = 0;
    while (written < buffer.length) written += writeSync(this.fd, buffer, written, buffer.length - written);
    this.lines += records.length;
  }
  /** Closes the current file and starts the next; returns the closed file's path. */
  rotate(): string {
    const closed = this.path(this.seq);
    closeSync(this.fd);
    this.seq++;
    this.fd = openSync(this.path(this.seq), 'a');
    this.lines = 0;
    return closed;
  }
}

/** The journal files in `dir`, oldest first, with their lines (a torn last line left out). */
function readJournal(dir: string): { files: string[]; lastSeq: number; entries: z.infer<typeof journalLineSchema>[] } {
  const names = existsSync(dir) ? readdirSync(dir).filter((n) => JOURNAL_FILE.test(n)).sort() : [];
  const entries: z.infer<typeof journalLineSchema>[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const lines = readFileSync(path, 'utf8').split('\n');
    // Every complete line ends with a newline: a last piece without one is a write cut short.
    lines.pop();
    lines.forEach((line, i) => {
      let parsed: z.SafeParseReturnType<unknown, z.infer<typeof journalLineSchema>>;
      try {
        parsed = journalLineSchema.safeParse(JSON.parse(line));
      } catch {
        throw new CorruptStoreError(path, `ugyldig JSON på linje ${i + 1}`);
      }
      if (!parsed.success) throw new CorruptStoreError(path, `uventet innhold på linje ${i + 1}`);
      entries.push(parsed.data);
    });
  }
  const lastSeq = names.length ? Number(JOURNAL_FILE.exec(names.at(-1)!)![1]) : 0;
  return { files: names.map((n) => join(dir, n)), lastSeq, entries };
}

/**
 * A binary min-heap. The claim index keeps entries lazily: an entry is valid while its record is
 * still the campaign's current open version of that key (records are frozen and replaced, never
 * changed), so a mark or a new claim need not find and remove the old entry.
 */
class Heap<T> {
  private readonly a: T[] = [];
  constructor(private readonly less: (x: T, y: T) => boolean) {}
  get size() {
    return this.a.length;
  }
  peek(): T | undefined {
    return this.a[0];
  }
  push(x: T): void {
    const a = this.a;
    let i = a.push(x) - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(a[i]!, a[p]!)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }
  pop(): T | undefined {
    const a = this.a;
    const top = a[0];
    const last = a.pop();
    if (a.length && last !== undefined) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l]!, a[m]!)) m = l;
        if (r < a.length && this.less(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
  clear(): void {
    this.a.length = 0;
  }
}

interface DueEntry {
  record: OutboxItemRecord;
  /** When it may be claimed: its `nextAttemptAt`, or the end of its lease if that is later. */
  dueAt: string;
}

/** Longest waiting first (`nextAttemptAt`), then by key: the claim order within a campaign. */
const readyBefore = (x: DueEntry, y: DueEntry) =>
  x.record.nextAttemptAt !== y.record.nextAttemptAt ? x.record.nextAttemptAt < y.record.nextAttemptAt : x.record.key < y.record.key;
const waitingBefore = (x: DueEntry, y: DueEntry) => (x.dueAt !== y.dueAt ? x.dueAt < y.dueAt : readyBefore(x, y));

interface LoadedCampaign {
  meta: StoredCampaign;
  items: ShardedRecords<OutboxItemRecord>;
  /** The pending/retrying items, for claiming without scanning finished ones. */
  open: Map<string, OutboxItemRecord>;
  /** Open items not due yet (by due time; a claim moves the due ones to `ready`). */
  waiting: Heap<DueEntry>;
  /** Open items due, in claim order. */
  ready: Heap<DueEntry>;
}

const dueEntry = (record: OutboxItemRecord): DueEntry => ({
  record,
  dueAt: record.leaseUntil !== undefined && record.leaseUntil > record.nextAttemptAt ? record.leaseUntil : record.nextAttemptAt,
});

/**
 * The outbox on JSON files beside the data file:
 * - `<data>.outbox.json`: the campaigns (id, kind, payload, where their items are, open or not);
 * - `<data>.outbox/<campaign>/NN.json`: a campaign's items, sharded (12,573 recipients → 252
 *   files of ~50 items), so marking one item rewrites one small file;
 * - `<data>.outbox-keys/NN.json`: every idempotency key → its campaign, so a key is unique
 *   across campaigns and a finished campaign need not be loaded to check it.
 *
 * - `<data>.outbox-journal/NNNNNNNN.jsonl`: changes of items not yet folded into the shards
 *   (see {@link Journal}); replayed and folded in when the outbox is opened.
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


  async function campaignOfKey(key: string): Promise<LoadedCampaign | undefined> {
    const campaignId = keys.get(key);
    const meta = campaignId === undefined ? undefined : index.data.campaigns[campaignId];
    return meta ? load(meta) : undefined;
  }

  /** Shards changed in memory (and in the journal) but not yet written, per campaign. */
  const dirty = new Map<LoadedCampaign, Set<number>>();
  /** Journal files closed by a checkpoint that has not finished yet. */
  const retired: string[] = [];
  let checkpointTimer: ReturnType<typeof setTimeout> | undefined;
  let checkpointing: Promise<void> | undefined;

  function markDirty(c: LoadedCampaign, shards: number[]) {
    let set = dirty.get(c);
    if (!set) dirty.set(c, (set = new Set()));
    for (const shard of shards) set.add(shard);
  }

  /** Writes every dirty shard, a few at a time, then deletes the journal files they cover. */
  function checkpoint(): Promise<void> {
    if (checkpointTimer) clearTimeout(checkpointTimer);
    checkpointTimer = undefined;
    if (checkpointing) return checkpointing;
    if (journal && journal.lines) retired.push(journal.rotate());
    const covered = retired.length;
    const work = [...dirty].flatMap(([c, shards]) => [...shards].map((shard) => [c, shard] as const));
    dirty.clear();
    checkpointing = (async () => {
      try {
        for (let i = 0; i < work.length; i += CHECKPOINT_PARALLEL) {
          await Promise.all(work.slice(i, i + CHECKPOINT_PARALLEL).map(([c, shard]) => c.items.flush([shard])));
        }
        // Oldest first, and a file only leaves `retired` once it is gone: whatever is left on disk
        // is always the newest files, and replaying those in order gives the latest state.
        for (let i = 0; i < covered; i++) {
          rmSync(retired[0]!, { force: true });
          retired.shift();
        }
      } catch {
        // The journal files stay (opening replays them) and the shards are tried again next time.
        for (const [c, shard] of work) markDirty(c, [shard]);
      } finally {
        checkpointing = undefined;
      }
    })();
    return checkpointing;
  }

  function scheduleCheckpoint() {
    if (!journal) return;
    if (journal.lines >= CHECKPOINT_LINES && !checkpointing) void checkpoint();
    else if (!checkpointTimer) {
      checkpointTimer = setTimeout(() => void checkpoint(), CHECKPOINT_MS);
      checkpointTimer.unref?.();
    }
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
    const journaled = journal !== undefined && !direct;
    if (journaled) {
      try {
        journal!.append(c.meta.id, frozen);
      } catch (err) {
        // A write cut short leaves a piece of a line at the end of the file; later lines go to a new
        // file, so the piece stays last in its file, where opening ignores it.
        try {
          retired.push(journal!.rotate());
        } catch {
          // Nothing more to do here; the next write will fail too, and say so.
        }
        throw err;
      }
    }
    const writes: Promise<unknown>[] = [];
    const shards = c.items.stage(frozen.map((r) => [r.key, r] as const));
    if (journaled) {
      markDirty(c, shards);
      scheduleCheckpoint();
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

  const leaseLive = (item: OutboxItemRecord, nowIso: string) => item.leaseUntil !== undefined && item.leaseUntil > nowIso;

  /** May `owner` record an outcome? The item must be open and not leased to someone else right now. */
  const mayMark = (item: OutboxItemRecord | undefined, owner: string, nowIso: string): item is OutboxItemRecord =>
    !!item && isOpen(item.status) && (item.leaseOwner === owner || !leaseLive(item, nowIso));

  const ended = (item: OutboxItemRecord, at: Date, patch: Partial<OutboxItemRecord>): OutboxItemRecord => {
    const { leaseOwner: _o, leaseUntil: _u, ...rest } = item;
    return { ...rest, ...patch, updatedAt: at.toISOString() };
  };

  async function finish(key: string, owner: string, at: Date, status: OutboxStatus, error?: OutboxError): Promise<boolean> {
    const c = await campaignOfKey(key);
    const item = c?.open.get(key);
    if (!c || !mayMark(item, owner, at.toISOString())) return false;
    await write(c, [ended(item, at, { status, ...(error ? { lastError: { ...error } } : {}) })]);
    return true;
  }

  // Replay what the last process journaled but did not fold into the shards, fold it in, and
  // start a fresh journal. Without a file (tests in memory) there is no journal.
  let journal: Journal | undefined;
  if (file !== MEMORY) {
    const dir = outboxJournalDirFor(file);
    mkdirSync(dir, { recursive: true });
    const replay = readJournal(dir);
    for (const entry of replay.entries) {
      const meta = index.data.campaigns[entry.c];
      if (!meta) throw new CorruptStoreError(dir, `ukjent utsending i journalen`);
      const c = await load(meta);
      const record = Object.freeze(entry.r);
      markDirty(c, c.items.stage([[record.key, record]]));
      settle(c, [record]);
    }
    retired.push(...replay.files);
    journal = new Journal(dir, replay.lastSeq);
    await checkpoint();
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
      const valid = (c: LoadedCampaign, e: DueEntry) => c.open.get(e.record.key) === e.record;
      const topOf = (c: LoadedCampaign): DueEntry | undefined => {
        for (let w = c.waiting.peek(); w && w.dueAt <= nowIso; w = c.waiting.peek()) {
          c.waiting.pop();
          if (valid(c, w)) c.ready.push(w);
        }
        for (let r = c.ready.peek(); r; r = c.ready.peek()) {
          if (!valid(c, r)) c.ready.pop();
          else if (r.dueAt > nowIso || leaseLive(r.record, nowIso)) c.waiting.push(c.ready.pop()!); // a clock set back
          else return r;
        }
        return undefined;
      };
      const picked: { c: LoadedCampaign; item: OutboxItemRecord }[] = [];
      while (picked.length < limit) {
        let best: { c: LoadedCampaign; e: DueEntry } | undefined;
        for (const c of active.values()) {
          const e = topOf(c);
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
