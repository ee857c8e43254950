/**
 * Årshjul records and views: the stored task state and the one zod schema that checks it wherever it
 * is read back (the lowdb file and PostgreSQL rows), and the plain data the service hands to cards and
 * the outbox.
 */
import { z } from 'zod';
import type { Refusal as SharedRefusal } from '../../shared/results.js';
import type { DocumentId } from '../qa/knowledge.js';
import type { ArshjulRole } from './targets.js';
import type { PlannedKind } from './reminders.js';

/** «Ferdig» and «Minn meg på igjen» on one årshjul task: one occurrence of an event for one responsible person. */
export interface ArshjulTaskRecord {
  eventId: string;
  /** The Oslo date of the occurrence's deadline, `YYYY-MM-DD`. */
  occurrenceId: string;
  employeeId: string;
  /** UTC ISO-8601. */
  doneAt?: string;
  /** Who pressed «Ferdig» (another responsible person for a shared task). */
  doneBy?: string;
  snoozedAt?: string;
  /** The reminder instant asked for, UTC ISO-8601. */
  snoozeUntil?: string;
}

/** A reminder key a planning run claims before the reminder is handed to the outbox. */
export interface ArshjulClaim {
  key: string;
  /** For pruning: the occurrence the key belongs to (`YYYY-MM-DD`). */
  occurrenceId: string;
}

/** The stored shape of an {@link ArshjulTaskRecord}. */
export const arshjulTaskRecordSchema: z.ZodType<ArshjulTaskRecord> = z.object({
  eventId: z.string(),
  occurrenceId: z.string(),
  employeeId: z.string(),
  doneAt: z.string().optional(),
  doneBy: z.string().optional(),
  snoozedAt: z.string().optional(),
  snoozeUntil: z.string().optional(),
});

// ---------------------------------------------------------------------------------------------
// What the service hands out: items, overviews, reminder intents and views (plain data)

/** invalid: a tampered or stale card; forbidden: not the person's task; not-found: unknown event or occurrence; done: already finished; not-done: «Ferdig» while the work is not (the reason says what remains). */
export type Refusal = SharedRefusal<'invalid' | 'forbidden' | 'not-found' | 'done' | 'not-done'>;

/** One occurrence as a person sees it. */
export interface ArshjulItem {
  eventId: string;
  occurrenceId: string;
  title: string;
  description: string;
  /** «1. januar–31. mars 2027», «15. juni 2027 kl. 12.00». */
  when: string;
  /** UTC ISO-8601. */
  deadline: string;
  /** «31. mars 2027», with «kl. 12.00» when the event has a time of day. */
  deadlineText: string;
  /** Calendar days from today (Oslo) to the deadline; negative when passed. */
  daysLeft: number;
  /** Calendar days from today (Oslo) until it starts (the window's first day); 0 or less when it has started. */
  daysUntilStart: number;
  /** Who must act, e.g. «ledere», «rektorer». */
  responsibleText: string;
  /** The person the item was made for must act. */
  responsible: boolean;
  done: boolean;
  overdue: boolean;
  /** For the «Ferdig» / «Minn meg på igjen» buttons; only when `responsible`. */
  taskKey?: string;
  qa: { id: string; title: string }[];
  source: { document: DocumentId; section: string; text: string };
  /** Whose rule the event follows (issue #13): «Hovedtariffavtalen», «KS anbefaler», «Fjordvik kommunes egen rutine» … */
  scopeText: string;
}

export interface WhatsNow {
  ok: true;
  roles: ArshjulRole[];
  /** Going on now, soonest deadline first. */
  current: ArshjulItem[];
  /** Coming next (at most three). */
  next: ArshjulItem[];
  /** The viewer's own unfinished tasks whose deadline passed in the last 60 days. */
  overdue: ArshjulItem[];
}

export type TaskOutcome = { ok: true; item: ArshjulItem; alreadyDone?: boolean; snoozeUntil?: string; snoozeText?: string } | Refusal;

/** A message to send, as plain data: the delivery layer renders it and sends it once per `key`. */
export interface ReminderIntent {
  /** Idempotency key for the outbox. */
  key: string;
  /** reminder: N days before; snoozed: the time asked for with «Minn meg på igjen»; escalation: to the leader (or HR) of someone overdue. */
  kind: PlannedKind;
  recipientId: string;
  /** Whose task it is. */
  employeeId: string;
  employeeName: string;
  /** UTC ISO-8601 of when it became due. */
  dueAt: string;
  offsetDays?: number;
  /** The task as its owner sees it (its `taskKey` is for the owner's buttons). */
  item: ArshjulItem;
}

/** Hands intents to the outbox. Must be idempotent by `key` (enqueuing a known key is a no-op). */
export type EnqueueReminders = (intents: ReminderIntent[]) => Promise<void>;

/** What a reminder card shows when it is sent (read fresh, so a task done meanwhile is not nagged about). */
export interface ReminderView {
  ok: true;
  key: string;
  kind: PlannedKind;
  /** False when the task was done (or the person left) after it was planned: skip sending. */
  stillRelevant: boolean;
  employeeId: string;
  employeeName: string;
  /** For an escalation: who gets it. */
  recipientId: string;
  offsetDays?: number;
  item: ArshjulItem;
  /** «Minn meg på igjen …» choices for the card (only for the task's owner, before it is done). */
  snoozeChoices: { label: string; until: string; untilText: string }[];
}

/** See {@link ArshjulDeps.completion}. `deadline` is the occurrence's deadline (its year is the year checked). */
export type ArshjulCompletionCheck = (eventId: string, employeeId: string, deadline: Date) => Promise<{ done: true } | { done: false; reason: string }>;
