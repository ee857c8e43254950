/**
 * Pure reminder planning: given the organisation, the årshjul, the time, the last planning run,
 * the stored task states («Ferdig», «Minn meg på igjen») and the keys already sent, which
 * reminders and escalations are due now. Same input, same output: two runs that overlap or a run
 * after a restart plan the same keys, and the keys already sent are left out, so a reminder for
 * one occurrence and one person goes once. The service claims the keys atomically in storage.
 */
import type { ArshjulTaskRecord } from './model.js';
import type { OrgDirectory } from '../org/model.js';
import type { Employee } from '../org/model.js';
import { type ArshjulCalendar, type ArshjulEvent, peopleMatching } from './calendar.js';
import {
  addDays,
  escalationInstant,
  type Occurrence,
  occurrencesBetween,
  osloDate,
  osloToUtc,
  reminderInstants,
  reminderKey,
  taskId,
} from './due-dates.js';

const DAY_MS = 86_400_000;

/** How far back a run looks for reminders it has not sent (downtime, first start). */
export const DEFAULT_MAX_CATCH_UP_DAYS = 7;

/** The stored state of one task (one occurrence of an event for one responsible person): the stored record as is. */
export type TaskState = ArshjulTaskRecord;

export interface PlanInput {
  calendar: ArshjulCalendar;
  directory: OrgDirectory;
  now: Date;
  /** When the previous run planned; undefined before the first run. */
  lastRunAt?: Date;
  tasks: readonly TaskState[];
  /** Keys already claimed by an earlier (or a concurrent, finished) run. */
  sentKeys: ReadonlySet<string>;
  /** Default {@link DEFAULT_MAX_CATCH_UP_DAYS}. */
  maxCatchUpDays?: number;
}

export type PlannedKind = 'reminder' | 'snoozed' | 'escalation';

/** One message to enqueue: plain data; the delivery layer renders and sends it. */
export interface PlannedReminder {
  /** Idempotency key for the outbox: the same reminder always has the same key. */
  key: string;
  kind: PlannedKind;
  /** Who gets the message. */
  recipientId: string;
  /** Whose task it is (the recipient, except for an escalation). */
  employeeId: string;
  eventId: string;
  occurrenceId: string;
  /** When it became due (UTC). */
  dueAt: Date;
  deadline: Date;
  /** For `reminder`: how many days before the deadline it is planned. */
  offsetDays?: number;
}

/** Indexes task states by task id. */
export function indexTasks(tasks: readonly TaskState[]): Map<string, TaskState> {
  return new Map(tasks.map((t) => [taskId(t.eventId, t.occurrenceId, t.employeeId), t]));
}

/** Is this person's task done? For a shared event, any responsible person's «Ferdig» counts. */
export function isTaskDone(event: ArshjulEvent, occurrenceId: string, employeeId: string, tasks: readonly TaskState[]): boolean {
  return tasks.some(
    (t) => t.eventId === event.id && t.occurrenceId === occurrenceId && !!t.doneAt && (event.completion === 'shared' || t.employeeId === employeeId),
  );
}

/**
 * Who gets an escalation about this person: their nearest leader; with no leader, HR – the HR
 * people who lead a unit (personalsjef) when there are any, else everyone with the HR role.
 */
export function escalationRecipients(dir: OrgDirectory, employeeId: string): Employee[] {
  const leader = dir.leaderOf(employeeId);
  if (leader) return [leader];
  const hr = dir.snapshot.employees.filter((e) => e.employeeId !== employeeId && dir.hasRole(e.employeeId, 'hr'));
  const hrLeaders = hr.filter((e) => dir.hasRole(e.employeeId, 'leder'));
  return hrLeaders.length ? hrLeaders : hr;
}

/**
 * Ways to say «Minn meg på igjen»: tomorrow, in three days, in a week, and the day before the
 * deadline, at 09:00 Oslo time; only the ones still ahead and before the deadline, so a snooze
 * never lets the deadline pass unreminded (the last choice is «Dagen før fristen»).
 */
export function snoozeChoices(now: Date, deadline: Date): { label: string; until: Date }[] {
  const today = osloDate(now);
  const at9 = (days: number) => osloToUtc(addDays(today, days), { hour: 9, minute: 0 });
  const choices = [
    { label: 'I morgen', until: at9(1) },
    { label: 'Om tre dager', until: at9(3) },
    { label: 'Om en uke', until: at9(7) },
  ];
  const dayBefore = osloToUtc(addDays(osloDate(deadline), -1), { hour: 9, minute: 0 });
  if (dayBefore.getTime() > at9(1).getTime() && !choices.some((c) => c.until.getTime() === dayBefore.getTime())) {
    choices.push({ label: 'Dagen før fristen', until: dayBefore });
  }
  // Latest allowed: the day before the deadline at 09:00; when that has passed, just before the deadline.
  const latest = dayBefore.getTime() > now.getTime() ? dayBefore.getTime() : deadline.getTime() - 1;
  return choices
    .filter((c) => c.until.getTime() > now.getTime() && c.until.getTime() <= latest)
    .sort((a, b) => a.until.getTime() - b.until.getTime());
}

/** Is a snooze (not yet due) holding back reminders at `at`? */
function snoozeHolds(state: TaskState | undefined, at: Date): boolean {
  if (!state?.snoozedAt || !state.snoozeUntil) return false;
  const t = at.getTime();
  return t > Date.parse(state.snoozedAt) && t < Date.parse(state.snoozeUntil);
}

/**
 * The reminders and escalations due at `now` that have not been sent. Per task at most one
 * reminder per run: the latest one due (after downtime the 3-day reminder, not also the 14-day
 * one). Reminders stop at the deadline; a task not done by `deadline + escalateAfterDays`
 * escalates once per recipient. Nothing older than `maxCatchUpDays` before the last run (or
 * before now on the first run) is dug up.
 */
export function planReminders(input: PlanInput): PlannedReminder[] {
  const now = input.now.getTime();
  const catchUp = (input.maxCatchUpDays ?? DEFAULT_MAX_CATCH_UP_DAYS) * DAY_MS;
  const horizonStart = Math.min(input.lastRunAt?.getTime() ?? now, now) - catchUp;
  const tasks = indexTasks(input.tasks);
  const due = (at: Date) => at.getTime() <= now && at.getTime() > horizonStart;
  const out: PlannedReminder[] = [];

  for (const event of input.calendar.events) {
    const people = peopleMatching(input.directory, event.responsible);
    if (!people.length) continue;
    // Every occurrence whose reminders or escalation may fall in the horizon.
    const lead = Math.max(0, ...event.reminderOffsetsDays) + 1;
    const lag = (event.escalateAfterDays ?? 0) + 1;
    const occurrences = occurrencesBetween(event, new Date(horizonStart - lag * DAY_MS), new Date(now + lead * DAY_MS));
    for (const occurrence of occurrences) {
      const sharedDone = event.completion === 'shared' && input.tasks.some((t) => t.eventId === event.id && t.occurrenceId === occurrence.id && !!t.doneAt);
      if (sharedDone) continue;
      for (const person of people) {
        const state = tasks.get(taskId(event.id, occurrence.id, person.employeeId));
        if (state?.doneAt) continue;
        planTask(event, occurrence, person, state);
      }
    }
  }

  function planTask(event: ArshjulEvent, occurrence: Occurrence, person: Employee, state: TaskState | undefined) {
    const base = { employeeId: person.employeeId, eventId: event.id, occurrenceId: occurrence.id, deadline: occurrence.deadline };
    const candidates: PlannedReminder[] = [];
    if (now < occurrence.deadline.getTime()) {
      for (const r of reminderInstants(event, occurrence)) {
        if (!due(r.at) || snoozeHolds(state, r.at)) continue;
        const key = reminderKey({ ...base, kind: { type: 'offset', days: r.offsetDays } });
        candidates.push({ ...base, key, kind: 'reminder', recipientId: person.employeeId, dueAt: r.at, offsetDays: r.offsetDays });
      }
    }
    if (state?.snoozeUntil) {
      const until = new Date(state.snoozeUntil);
      if (!Number.isNaN(until.getTime()) && due(until)) {
        const key = reminderKey({ ...base, kind: { type: 'snooze', until } });
        candidates.push({ ...base, key, kind: 'snoozed', recipientId: person.employeeId, dueAt: until });
      }
    }
    // The latest one due stands for the others; if it went out already, nothing goes now.
    const latest = candidates.sort((a, b) => b.dueAt.getTime() - a.dueAt.getTime())[0];
    if (latest && !input.sentKeys.has(latest.key)) out.push(latest);

    // An active snooze holds the escalation back too: the person hears about it again before their leader does.
    let escalateAt = escalationInstant(event, occurrence);
    if (escalateAt && state?.snoozeUntil && snoozeHolds(state, escalateAt)) escalateAt = new Date(Date.parse(state.snoozeUntil) + DAY_MS);
    // Only deadlines that passed while the person held these responsibilities are escalated:
    // someone who became a leader after the deadline is not reported for it.
    const since = input.directory.snapshot.roleSince?.[person.employeeId];
    const heldAtDeadline = !since || Date.parse(since) <= occurrence.deadline.getTime();
    if (escalateAt && heldAtDeadline && due(escalateAt)) {
      for (const recipient of escalationRecipients(input.directory, person.employeeId)) {
        const key = reminderKey({ ...base, kind: { type: 'escalation', recipientId: recipient.employeeId } });
        if (!input.sentKeys.has(key)) out.push({ ...base, key, kind: 'escalation', recipientId: recipient.employeeId, dueAt: escalateAt });
      }
    }
  }

  return out.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.key.localeCompare(b.key));
}
