/**
 * Proactive messages of the medarbeidersamtale: the service returns notification intents
 * (ids, names, dates – never what anyone wrote); this turns them into outbox items whose
 * idempotency keys come from the intents, so a retried command or a rerun job never sends
 * twice. The renderers build the cards when the dispatcher sends.
 */
import type { NewOutboxCampaign, NewOutboxItem, OutboxItemRecord, OutboxRepository } from '../../storage/ports/delivery.js';
import type { MessageRenderers, OutboundMessage } from '../delivery/dispatcher.js';
import { renderActionReminder, renderNotice } from './cards/messages.js';
import type { ActionReminder, SamtaleNotice } from './views.js';
import type { SamtaleService } from './service-api.js';
import type { NotificationKind } from './commands.js';

/** Campaign kind of the samtale's notices (invitation, referat sent, …). */
export const SAMTALE_NOTICE_KIND = 'samtale.notice';
/** Campaign kind of the reminders before an agreed action's due date. */
export const SAMTALE_REMINDER_KIND = 'samtale.reminder';
/** Days ahead of a due date the reminder is sent. */
export const REMINDER_DAYS_AHEAD = 7;

/** What the use cases need of the delivery module. */
export interface SamtaleOutbox {
  enqueue(campaign: NewOutboxCampaign, items: NewOutboxItem[]): Promise<{ added: number; existing: number }>;
}

/** The daily reminder job also asks which keys were enqueued before (the delivery module's outbox). */
export interface SamtaleReminderOutbox extends SamtaleOutbox {
  /** The item with this idempotency key, if it was ever enqueued. */
  get(key: string): Promise<unknown>;
}

export const noticeKey = (n: Pick<SamtaleNotice, 'key'>) => `samtale:${n.key}`;
export const reminderKey = (r: Pick<ActionReminder, 'key'>) => `samtale-frist:${r.key}`;

/** Enqueues the notices a command returned, one campaign per samtale. */
export async function enqueueSamtaleNotices(outbox: SamtaleOutbox, notices: SamtaleNotice[]): Promise<number> {
  let added = 0;
  const bySamtale = new Map<string, SamtaleNotice[]>();
  for (const n of notices) bySamtale.set(n.samtaleId, [...(bySamtale.get(n.samtaleId) ?? []), n]);
  for (const [samtaleId, list] of bySamtale) {
    const result = await outbox.enqueue(
      { id: `samtale:${samtaleId}`, kind: SAMTALE_NOTICE_KIND, priority: 5 },
      list.map((n) => ({
        key: noticeKey(n),
        recipient: { kind: 'employee' as const, employeeId: n.toEmployeeId },
        data: { kind: n.kind, samtaleId: n.samtaleId, fromName: n.fromName, employeeName: n.employeeName, scheduledForText: n.scheduledForText, toSelf: n.toEmployeeId === n.fromEmployeeId },
      })),
    );
    added += result.added;
  }
  return added;
}

/**
 * The daily job: a reminder to the owner of each open action due within {@link REMINDER_DAYS_AHEAD}
 * days. The same action is due on several mornings: only reminders not enqueued before go into
 * the day's campaign, and a morning with nothing new creates no campaign at all.
 */
export async function enqueueActionReminders(outbox: SamtaleReminderOutbox, samtale: Pick<SamtaleService, 'dueActions'>, now: Date): Promise<number> {
  const due = await samtale.dueActions(now, REMINDER_DAYS_AHEAD);
  const known = await Promise.all(due.map((r) => outbox.get(reminderKey(r))));
  const reminders = due.filter((_, i) => known[i] === undefined);
  if (!reminders.length) return 0;
  const result = await outbox.enqueue(
    { id: `samtale-frister:${now.toISOString().slice(0, 10)}`, kind: SAMTALE_REMINDER_KIND, priority: 3 },
    reminders.map((r) => ({
      key: reminderKey(r),
      recipient: { kind: 'employee' as const, employeeId: r.toEmployeeId },
      data: { samtaleId: r.samtaleId, actionId: r.actionId, dueDateText: r.dueDateText, daysLeft: r.daysLeft },
    })),
  );
  return result.added;
}

const text = (item: OutboxItemRecord, key: string) => (typeof item.data?.[key] === 'string' ? (item.data[key] as string) : '');

/** Registers the cards of both kinds on the delivery module. */
export function registerSamtaleRenderers(renderers: MessageRenderers, samtale: Pick<SamtaleService, 'actionReminder'>): void {
  renderers.register(SAMTALE_NOTICE_KIND, (item): OutboundMessage => ({
    card: renderNotice({
      kind: text(item, 'kind') as NotificationKind,
      samtaleId: text(item, 'samtaleId'),
      fromName: text(item, 'fromName'),
      employeeName: text(item, 'employeeName'),
      scheduledForText: text(item, 'scheduledForText'),
      toSelf: item.data?.toSelf === true,
    }),
  }));
  renderers.register(SAMTALE_REMINDER_KIND, async (item): Promise<OutboundMessage> => {
    if (item.recipient.kind !== 'employee') throw new Error('reminder to a team');
    const samtaleId = text(item, 'samtaleId');
    // The action's text is read when sending, for its owner only: the outbox holds ids and dates.
    const action = await samtale.actionReminder(item.recipient.employeeId, samtaleId, text(item, 'actionId'));
    if (!action.ok) throw new Error(action.code);
    return { card: renderActionReminder({ ...action, daysLeft: Number(item.data?.daysLeft ?? 0), samtaleId }) };
  });
}

const DAY_MS = 24 * 60 * 60_000;

/** The next 05:00 UTC (06:00 or 07:00 in Oslo): reminders arrive at the start of the working day. */
export function nextMorning(now: Date): Date {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 5));
  return d.getTime() > now.getTime() ? d : new Date(d.getTime() + DAY_MS);
}

/**
 * Composition (main.ts): the renderers on the delivery module, the leader-change reconciliation
 * (now, at start-up, and daily), and three more daily jobs – reminders before action due dates
 * (each key once, so a rerun sends nothing twice), the deletion of working notes after their
 * retention time, and the deletion of archived referater after theirs.
 */
export async function wireSamtaleDelivery(deps: {
  samtale: SamtaleService;
  delivery: SamtaleOutbox & { renderers: MessageRenderers; outbox: Pick<OutboxRepository, 'get'> };
  scheduler: { every(name: string, intervalMs: number, handler: () => Promise<void>, firstAt?: Date): Promise<void> };
  clock: { now(): Date };
}): Promise<void> {
  registerSamtaleRenderers(deps.delivery.renderers, deps.samtale);
  // Leader changes: a new organisation takes effect at start-up (import:org, then restart), so
  // reconcile now, and daily for a sync that lands while running. Reruns do nothing twice.
  // The service queues the notices of what it changed (see createSamtaleService's `outbox`).
  const reconcile = async () => {
    await deps.samtale.reconcileLeaders();
  };
  await reconcile();
  const first = nextMorning(deps.clock.now());
  await deps.scheduler.every('samtale.leader-changes', DAY_MS, reconcile, first);
  await deps.scheduler.every('samtale.action-reminders', DAY_MS, async () => {
    await enqueueActionReminders({ enqueue: (c, items) => deps.delivery.enqueue(c, items), get: (key) => deps.delivery.outbox.get(key) }, deps.samtale, deps.clock.now());
  }, first);
  await deps.scheduler.every('samtale.purge-working-notes', DAY_MS, async () => {
    await deps.samtale.purgeWorkingNotes(deps.clock.now());
  }, first);
  await deps.scheduler.every('samtale.purge-archived-referats', DAY_MS, async () => {
    await deps.samtale.purgeArchivedReferats(deps.clock.now());
  }, first);
}
