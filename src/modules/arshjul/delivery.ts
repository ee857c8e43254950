/**
 * How the årshjul's reminders reach people: a recurring scheduler job plans the due reminders
 * and hands them to the outbox (idempotent by the reminder key), and a renderer turns an outbox
 * item into the reminder or escalation card when it is sent – read fresh, so a task finished in
 * the meantime is not sent at all. The outbox holds ids only.
 */
import type { NewOutboxItem, OutboxRepository } from '../../storage/ports/delivery.js';
import { parseReminderKey } from './due-dates.js';
import type { Delivery } from '../delivery/delivery.js';
import type { Scheduler } from '../../scheduler/scheduler.js';
import type { ArshjulService, ReminderIntent } from './arshjul-service.js';
import { renderReminderView } from './cards.js';

/** Campaign kind of the reminder and escalation cards. */
export const ARSHJUL_REMINDER_KIND = 'arshjul.reminder';
/** Name of the recurring planning job. */
export const ARSHJUL_PLAN_JOB = 'arshjul.plan';

/** One campaign per occurrence of an event, so the status of a deadline can be read as one. */
export const arshjulCampaignId = (i: Pick<ReminderIntent, 'item'>) => `arshjul:${i.item.eventId}:${i.item.occurrenceId}`;

/** Hands intents to the outbox, grouped by campaign. Keys already there are left alone. */
export async function enqueueArshjulIntents(delivery: Pick<Delivery, 'enqueue'>, intents: readonly ReminderIntent[]): Promise<void> {
  const byCampaign = new Map<string, NewOutboxItem[]>();
  for (const i of intents) {
    const id = arshjulCampaignId(i);
    const items = byCampaign.get(id) ?? [];
    items.push({ key: i.key, recipient: { kind: 'employee', employeeId: i.recipientId }, data: { key: i.key } });
    byCampaign.set(id, items);
  }
  for (const [id, items] of byCampaign) await delivery.enqueue({ id, kind: ARSHJUL_REMINDER_KIND, priority: 1 }, items);
}

/**
 * Registers the renderer and the recurring job (every `everyMinutes`; 0 = no job). Returns the
 * planning run itself, for an admin trigger or a test at a chosen instant.
 */
export async function wireArshjulReminders(deps: {
  arshjul: ArshjulService;
  delivery: Pick<Delivery, 'enqueue' | 'renderers'>;
  scheduler: Pick<Scheduler, 'every'>;
  everyMinutes: number;
  /** Picks up an årshjul HR saved elsewhere (another instance) before planning. */
  refreshCalendar?: () => Promise<void>;
}): Promise<(now?: Date) => Promise<{ planned: number }>> {
  deps.delivery.renderers.register(ARSHJUL_REMINDER_KIND, async (item) => {
    const key = typeof item.data?.key === 'string' ? item.data.key : item.key;
    const view = await deps.arshjul.reminderView(key);
    if (!view.ok) throw new Error(view.code);
    return view.stillRelevant ? { card: renderReminderView(view) } : null;
  });
  const plan = async (now?: Date) => {
    await deps.refreshCalendar?.();
    const { intents } = await deps.arshjul.enqueueReminders((intents) => enqueueArshjulIntents(deps.delivery, intents), now);
    return { planned: intents.length };
  };
  if (deps.everyMinutes > 0) {
    await deps.scheduler.every(ARSHJUL_PLAN_JOB, deps.everyMinutes * 60_000, async () => {
      await plan();
    });
  }
  return plan;
}

/** The key of the second attempt at a reminder that found nobody to send to. */
export const lateKey = (key: string) => `${key}:sen`;

/**
 * A person became reachable (first personal chat with the bot, or again after an uninstall):
 * the reminders planned for them that could not be delivered then («not-installed»), and still
 * matter (task not done, deadline ahead), go out now – once each. Returns how many were queued.
 */
export async function deliverLateReminders(
  deps: { arshjul: Pick<ArshjulService, 'stillRelevantReminderKeys'>; delivery: Pick<Delivery, 'enqueue'> & { outbox: Pick<OutboxRepository, 'get'> } },
  employeeId: string,
  now?: Date,
): Promise<number> {
  const keys = await deps.arshjul.stillRelevantReminderKeys(employeeId, now);
  const byCampaign = new Map<string, NewOutboxItem[]>();
  for (const key of keys) {
    const item = await deps.delivery.outbox.get(key);
    if (item?.status !== 'not-installed') continue;
    const parts = parseReminderKey(key)!;
    const id = `arshjul:${parts.eventId}:${parts.occurrenceId}`;
    byCampaign.set(id, [...(byCampaign.get(id) ?? []), { key: lateKey(key), recipient: { kind: 'employee', employeeId }, data: { key } }]);
  }
  let added = 0;
  for (const [id, items] of byCampaign) added += (await deps.delivery.enqueue({ id, kind: ARSHJUL_REMINDER_KIND, priority: 1 }, items)).added;
  return added;
}
