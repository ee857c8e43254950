/**
 * Outbox items in the lowdb adapter's memory: when an item is open, leased or ended, and the claim
 * order of a campaign's open items (two heaps: not due yet by due time, due by waiting time). Pure.
 */
import type { OutboxItemRecord, OutboxStatus } from '../ports/delivery.js';
import type { Heap } from './heap.js';

export const isOpen = (s: OutboxStatus) => s === 'pending' || s === 'retrying';

export const leaseLive = (item: OutboxItemRecord, nowIso: string) => item.leaseUntil !== undefined && item.leaseUntil > nowIso;

/** May `owner` record an outcome? The item must be open and not leased to someone else right now. */
export const mayMark = (item: OutboxItemRecord | undefined, owner: string, nowIso: string): item is OutboxItemRecord =>
  !!item && isOpen(item.status) && (item.leaseOwner === owner || !leaseLive(item, nowIso));

/** The item with its lease dropped and `patch` applied. */
export const ended = (item: OutboxItemRecord, at: Date, patch: Partial<OutboxItemRecord>): OutboxItemRecord => {
  const { leaseOwner: _o, leaseUntil: _u, ...rest } = item;
  return { ...rest, ...patch, updatedAt: at.toISOString() };
};

export interface DueEntry {
  record: OutboxItemRecord;
  /** When it may be claimed: its `nextAttemptAt`, or the end of its lease if that is later. */
  dueAt: string;
}

export const dueEntry = (record: OutboxItemRecord): DueEntry => ({
  record,
  dueAt: record.leaseUntil !== undefined && record.leaseUntil > record.nextAttemptAt ? record.leaseUntil : record.nextAttemptAt,
});

/** Longest waiting first (`nextAttemptAt`), then by key: the claim order within a campaign. */
export const readyBefore = (x: DueEntry, y: DueEntry) =>
  x.record.nextAttemptAt !== y.record.nextAttemptAt ? x.record.nextAttemptAt < y.record.nextAttemptAt : x.record.key < y.record.key;
export const waitingBefore = (x: DueEntry, y: DueEntry) => (x.dueAt !== y.dueAt ? x.dueAt < y.dueAt : readyBefore(x, y));

/** A campaign's open items and their claim order. */
export interface OpenItems {
  /** The pending/retrying items, for claiming without scanning finished ones. */
  open: Map<string, OutboxItemRecord>;
  /** Open items not due yet (by due time; a claim moves the due ones to `ready`). */
  waiting: Heap<DueEntry>;
  /** Open items due, in claim order. */
  ready: Heap<DueEntry>;
}

/**
 * The campaign's next claimable item at `nowIso`, left on top of `ready` (the caller pops it when
 * it takes it). Entries of items changed since they were pushed are dropped on the way.
 */
export function topDue(c: OpenItems, nowIso: string): DueEntry | undefined {
  const valid = (e: DueEntry) => c.open.get(e.record.key) === e.record;
  for (let w = c.waiting.peek(); w && w.dueAt <= nowIso; w = c.waiting.peek()) {
    c.waiting.pop();
    if (valid(w)) c.ready.push(w);
  }
  for (let r = c.ready.peek(); r; r = c.ready.peek()) {
    if (!valid(r)) c.ready.pop();
    else if (r.dueAt > nowIso || leaseLive(r.record, nowIso)) c.waiting.push(c.ready.pop()!); // a clock set back
    else return r;
  }
  return undefined;
}
