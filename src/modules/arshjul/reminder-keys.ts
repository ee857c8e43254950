/**
 * The idempotency keys of årshjul tasks and reminders: one stable key per (event, occurrence,
 * person, reminder), which the scheduler and the outbox deduplicate on and the card buttons carry.
 */
import { isIsoDate } from '../../shared/dates.js';

/**
 * Which message about a task: an offset reminder, a snoozed reminder, or an escalation to
 * someone. `task` names the task itself (the «Ferdig» button in «Hva skjer i årshjulet nå?»).
 */
export type ReminderKind =
  | { type: 'task' }
  | { type: 'offset'; days: number }
  | { type: 'snooze'; until: Date }
  | { type: 'escalation'; recipientId: string };

export interface ReminderKeyParts {
  eventId: string;
  occurrenceId: string;
  /** The responsible person whose task it is. */
  employeeId: string;
  kind: ReminderKind;
}

const KEY_PREFIX = 'arshjul';

/** `20261201T110000Z`: an instant without separators that clash with the key's `:`. */
function compactInstant(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

function parseCompactInstant(s: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m) return undefined;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  return Number.isNaN(d.getTime()) || compactInstant(d) !== s ? undefined : d;
}

/**
 * A stable key per (event, occurrence, person, reminder). The outbox and the scheduler
 * deduplicate on it: the same reminder planned twice (two runs, a restart) has the same key.
 * Ids are URI-encoded, so an employee id with `:` cannot shift the parts.
 */
export function reminderKey(p: ReminderKeyParts): string {
  const base = [KEY_PREFIX, p.eventId, p.occurrenceId, encodeURIComponent(p.employeeId)];
  switch (p.kind.type) {
    case 'task':
      return [...base, 'task'].join(':');
    case 'offset':
      return [...base, `d${p.kind.days}`].join(':');
    case 'snooze':
      return [...base, `s${compactInstant(p.kind.until)}`].join(':');
    case 'escalation':
      return [...base, 'esc', encodeURIComponent(p.kind.recipientId)].join(':');
  }
}

/** The parts of a key; undefined for anything that is not a well-formed årshjul key (a tampered card). */
export function parseReminderKey(key: string): ReminderKeyParts | undefined {
  if (typeof key !== 'string' || key.length > 300) return undefined;
  const parts = key.split(':');
  const [prefix, eventId, occurrenceId, person, kind, recipient] = parts;
  if (prefix !== KEY_PREFIX || !eventId || !occurrenceId || !person || !kind) return undefined;
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(eventId) || !isIsoDate(occurrenceId)) return undefined;
  let employeeId: string;
  let recipientId: string | undefined;
  try {
    employeeId = decodeURIComponent(person);
    recipientId = recipient === undefined ? undefined : decodeURIComponent(recipient);
  } catch {
    return undefined;
  }
  if (!employeeId) return undefined;
  if (kind === 'task' && parts.length === 5) return { eventId, occurrenceId, employeeId, kind: { type: 'task' } };
  const days = /^d(\d{1,3})$/.exec(kind);
  if (days && parts.length === 5) return { eventId, occurrenceId, employeeId, kind: { type: 'offset', days: Number(days[1]) } };
  if (kind.startsWith('s') && parts.length === 5) {
    const until = parseCompactInstant(kind.slice(1));
    return until ? { eventId, occurrenceId, employeeId, kind: { type: 'snooze', until } } : undefined;
  }
  if (kind === 'esc' && parts.length === 6 && recipientId) return { eventId, occurrenceId, employeeId, kind: { type: 'escalation', recipientId } };
  return undefined;
}

/** The task a key is about: one occurrence for one person. Also the id of its stored state. */
export function taskId(eventId: string, occurrenceId: string, employeeId: string): string {
  return [eventId, occurrenceId, encodeURIComponent(employeeId)].join(':');
}
