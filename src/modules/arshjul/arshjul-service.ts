/**
 * Use cases of the årshjul (annual cycle). The Teams layer calls these for «Hva skjer i
 * årshjulet nå?», the iCalendar export and the «Ferdig» / «Minn meg på igjen» buttons; a
 * scheduler job calls {@link ArshjulService.enqueueReminders} with the delivery layer's enqueue
 * (outbox, idempotent by key), and the renderer calls {@link ArshjulService.reminderView} when
 * the message is sent. Nothing here knows about Teams or sending.
 *
 * Exactly once: a run plans the due reminders whose keys are not confirmed yet, hands them to
 * the outbox, and only then confirms the keys. A crash in between makes the next run plan the
 * same keys again, which the outbox ignores; two runs at once plan the same keys, and the outbox
 * takes each once.
 *
 * Logs hold ids and counts only.
 */
import type { Logger } from '../../logging/logger.js';
import type { Clock } from '../../shared/dates.js';
import type { ArshjulStateRepository } from '../../storage/ports/arshjul.js';
import type { OrgDirectory } from '../org/directory.js';
import type { Employee } from '../org/model.js';
import type { DocumentId } from '../qa/knowledge.js';
import { type ArshjulCalendar, type ArshjulEvent, type ArshjulRole, describeTarget, personMatches, rolesOf } from './calendar.js';
import {
  currentAndNext,
  daysLeft,
  isoDate,
  type Occurrence,
  occurrenceById,
  occurrencesBetween,
  osloDate,
  osloStartOfDay,
  parseReminderKey,
  reminderKey,
  toOslo,
} from './due-dates.js';
import { arshjulToIcs } from './ical.js';
import { kommuneName, type KommuneProfile } from '../kommune/profile.js';
import { isTaskDone, type PlannedKind, type PlannedReminder, planReminders, snoozeChoices, type TaskState } from './reminders.js';
import type { DownloadFile } from '../../shared/files.js';
import type { Refusal as SharedRefusal } from '../../shared/results.js';

const DAY_MS = 86_400_000;
/** How long after the deadline an unfinished task is listed as overdue in «Hva skjer nå?». */
const OVERDUE_LIST_DAYS = 60;
/** The furthest «Minn meg på igjen» may reach. */
const MAX_SNOOZE_DAYS = 90;
/** Claims and task states of occurrences older than this are forgotten. */
const KEEP_DAYS = 400;

/** invalid: a tampered or stale card; forbidden: not the person's task; not-found: unknown event or occurrence; done: already finished; not-done: «Ferdig» while the work is not (the reason says what remains). */
export type Refusal = SharedRefusal<'invalid' | 'forbidden' | 'not-found' | 'done' | 'not-done'>;

export const ARSHJUL_TEXT = {
  unknownViewer: 'Jeg finner deg ikke i organisasjonsoversikten, så jeg vet ikke hvilke hendelser i årshjulet som gjelder deg. Ta kontakt med HR for å bli lagt inn.',
  badKey: 'Jeg forstår ikke hvilken oppgave dette gjelder. Spør «Hva skjer i årshjulet nå?» for å få et nytt kort.',
  unknownEvent: 'Denne hendelsen finnes ikke lenger i årshjulet. Spør «Hva skjer i årshjulet nå?» for å se hva som gjelder nå.',
  notYours: 'Dette er en oppgave for en annen person, så du kan ikke endre den.',
  alreadyDone: 'Oppgaven er allerede markert som ferdig, så du får ingen flere påminnelser om den.',
  badSnooze: 'Velg et tidspunkt fram i tid, høyst 90 dager fram.',
  snoozePastDeadline: (deadline: string) => `Jeg kan ikke vente med å minne deg på dette til etter fristen (${deadline}). Velg et tidspunkt før fristen – senest dagen før.`,
  badYear: 'Velg et årstall mellom 2000 og 2100.',
} as const;

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

export interface ArshjulService {
  calendar(): ArshjulCalendar;
  /** «Hva skjer i årshjulet nå?»: current and next events for the viewer's roles, and the viewer's overdue tasks. */
  whatsNow(viewerId: string, now?: Date): Promise<WhatsNow | Refusal>;
  /** The whole årshjul for one year as an .ics file. */
  exportIcs(year: number): { ok: true; file: DownloadFile } | Refusal;
  /** The viewer's årshjul as an .ics file: the next 12 months, only the events for the viewer (audience or responsible). */
  exportIcsAhead(viewerId: string, now?: Date): { ok: true; file: DownloadFile } | Refusal;
  /** «Ferdig»: no more reminders for this occurrence (for everyone, on a shared task). Pressing twice is harmless. */
  markDone(employeeId: string, key: string, now?: Date): Promise<TaskOutcome>;
  /** «Minn meg på igjen»: one new reminder at `untilIso`; the planned reminders before it are held back. */
  snooze(employeeId: string, key: string, untilIso: string, now?: Date): Promise<TaskOutcome>;
  /** The reminders and escalations due now whose keys are not confirmed yet. Reads only. */
  planReminders(now?: Date): Promise<ReminderIntent[]>;
  /**
   * The scheduler's run: plans, hands the intents to `enqueue`, then confirms their keys and the
   * run time. If `enqueue` throws nothing is confirmed and the next run tries again.
   */
  enqueueReminders(enqueue: EnqueueReminders, now?: Date): Promise<{ intents: ReminderIntent[]; confirmed: number }>;
  /** The card data for a planned reminder, read at send time; refused for a malformed key. */
  reminderView(key: string, now?: Date): Promise<ReminderView | Refusal>;
  /**
   * The reminders already planned for this person (not escalations) that still matter: the task
   * is not done and its deadline is ahead. For late delivery when the person becomes reachable.
   */
  stillRelevantReminderKeys(employeeId: string, now?: Date): Promise<string[]>;
}

/** See {@link ArshjulDeps.completion}. `deadline` is the occurrence's deadline (its year is the year checked). */
export type ArshjulCompletionCheck = (eventId: string, employeeId: string, deadline: Date) => Promise<{ done: true } | { done: false; reason: string }>;

export interface ArshjulDeps {
  /** The calendar, or where to read the current one (HR's saved edits take effect without a restart). */
  calendar: ArshjulCalendar | (() => ArshjulCalendar);
  org: { directory(): OrgDirectory };
  state: ArshjulStateRepository;
  clock: Clock;
  logger: Logger;
  /**
   * Whether the work behind a task is really done, for events another capability can check
   * (the medarbeidersamtaler: every report has had one). Not done: «Ferdig» is refused with
   * `reason` (what remains). Without it, «Ferdig» is taken at the person's word.
   */
  completion?: ArshjulCompletionCheck;
  /** Titles of Q&A entries and source documents, for links and source lines. */
  kb?: { byId: { get(id: string): { title: string } | undefined }; documents?: { get(id: DocumentId): { short: string; year: number } | undefined }; kommune?: KommuneProfile };
}

// ---------------------------------------------------------------------------------------------
// Norwegian dates

const dayMonthYear = new Intl.DateTimeFormat('nb-NO', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
const dayMonth = new Intl.DateTimeFormat('nb-NO', { timeZone: 'UTC', day: 'numeric', month: 'long' });
const civil = (d: { year: number; month: number; day: number }) => new Date(Date.UTC(d.year, d.month - 1, d.day, 12));
const clockText = (d: Date) => {
  const t = toOslo(d);
  return `kl. ${String(t.hour).padStart(2, '0')}.${String(t.minute).padStart(2, '0')}`;
};

function deadlineText(event: ArshjulEvent, o: Occurrence): string {
  const date = dayMonthYear.format(civil(o.endDate));
  return event.allDay ? date : `${date} ${clockText(o.deadline)}`;
}

function whenText(event: ArshjulEvent, o: Occurrence): string {
  if (event.recurrence.kind === 'date') return deadlineText(event, o);
  const first = o.startDate.year === o.endDate.year ? dayMonth.format(civil(o.startDate)) : dayMonthYear.format(civil(o.startDate));
  return `${first}–${deadlineText(event, o)}`;
}

/** «2. desember 2026 kl. 09.00» for an instant. */
export function instantText(d: Date): string {
  return `${dayMonthYear.format(civil(osloDate(d)))} ${clockText(d)}`;
}

/**
 * Whose rule an event follows, for the årshjul card (issue #13). The årshjul is the one the municipality
 * chose (content/kommune/<id>.yml, arshjul), so an event from another municipality's model is shown as
 * that model, taken into use here – never as a rule the other municipality imposes.
 */
export function eventScopeText(scope: string, profile: KommuneProfile | undefined): string {
  const own = profile ? `${profile.name.replace(/ kommune$/, '')} kommunes egen rutine` : 'Kommunens egen rutine';
  if (scope === 'lov') return 'Lovkrav – gjelder alle kommuner';
  if (scope === 'avtale') return 'Hovedtariffavtalen – gjelder alle kommuner i KS-området';
  if (scope === 'ks') return 'KS anbefaler – råd, ikke krav';
  const id = scope.startsWith('kommune:') ? scope.slice('kommune:'.length) : undefined;
  if (!id || !profile || profile.own.has(id)) return profile?.id === 'generell' ? 'Kommunens egen rutine' : own;
  return `${own} (etter ${kommuneName(profile, id)}s modell)`;
}

// ---------------------------------------------------------------------------------------------

export function createArshjulService(deps: ArshjulDeps): ArshjulService {
  const log = deps.logger.child('arshjul');
  const source = deps.calendar;
  // Read at every use: a saved edit applies from the next question or planning run.
  const calendarNow = typeof source === 'function' ? source : () => source;

  const sourceText = (event: ArshjulEvent) => {
    const doc = deps.kb?.documents?.get(event.source.document);
    return doc ? `${doc.short} (${doc.year}), ${event.source.section}` : `Dokument ${event.source.document}, ${event.source.section}`;
  };

  function toItem(dir: OrgDirectory, event: ArshjulEvent, o: Occurrence, person: Employee | undefined, tasks: readonly TaskState[], now: Date): ArshjulItem {
    const responsible = !!person && personMatches(dir, event.responsible, person);
    const done = responsible && isTaskDone(event, o.id, person.employeeId, tasks);
    return {
      eventId: event.id,
      occurrenceId: o.id,
      title: event.title,
      description: event.description,
      when: whenText(event, o),
      deadline: o.deadline.toISOString(),
      deadlineText: deadlineText(event, o),
      daysLeft: daysLeft(o, now),
      daysUntilStart: daysLeft({ ...o, endDate: o.startDate }, now),
      responsibleText: describeTarget(event.responsible, dir),
      responsible,
      done,
      overdue: responsible && !done && now.getTime() > o.deadline.getTime(),
      ...(responsible ? { taskKey: reminderKey({ eventId: event.id, occurrenceId: o.id, employeeId: person.employeeId, kind: { type: 'task' } }) } : {}),
      qa: event.qaEntryIds.map((id) => ({ id, title: deps.kb?.byId.get(id)?.title ?? id })),
      source: { ...event.source, text: sourceText(event) },
      scopeText: eventScopeText(event.scope, deps.kb?.kommune),
    };
  }

  /** Loads the task of a key and checks that `employeeId` may change it. */
  async function resolveTask(employeeId: string, key: string) {
    const dir = deps.org.directory();
    const actor = dir.employee(employeeId);
    if (!actor) return { refusal: { ok: false, code: 'forbidden', reason: ARSHJUL_TEXT.unknownViewer } as Refusal };
    const parts = parseReminderKey(key);
    if (!parts) return { refusal: { ok: false, code: 'invalid', reason: ARSHJUL_TEXT.badKey } as Refusal };
    const event = calendarNow().byId.get(parts.eventId);
    const occurrence = event && occurrenceById(event, parts.occurrenceId);
    if (!event || !occurrence) return { refusal: { ok: false, code: 'not-found', reason: ARSHJUL_TEXT.unknownEvent } as Refusal };
    const owner = dir.employee(parts.employeeId);
    const own = parts.employeeId === employeeId;
    // On a shared task anyone responsible may tick it off; otherwise only the person it is for.
    const sharedOk = event.completion === 'shared' && personMatches(dir, event.responsible, actor);
    return { dir, actor, parts, event, occurrence, owner: owner ?? actor, own, sharedOk };
  }

  function toIntent(dir: OrgDirectory, p: PlannedReminder, tasks: readonly TaskState[], now: Date): ReminderIntent {
    const event = calendarNow().byId.get(p.eventId)!;
    const occurrence = occurrenceById(event, p.occurrenceId)!;
    const owner = dir.employee(p.employeeId)!;
    return {
      key: p.key,
      kind: p.kind,
      recipientId: p.recipientId,
      employeeId: p.employeeId,
      employeeName: owner.name,
      dueAt: p.dueAt.toISOString(),
      ...(p.offsetDays !== undefined ? { offsetDays: p.offsetDays } : {}),
      item: toItem(dir, event, occurrence, owner, tasks, now),
    };
  }

  const service: ArshjulService = {
    calendar: () => calendarNow(),

    async whatsNow(viewerId, now = deps.clock.now()) {
      const dir = deps.org.directory();
      const viewer = dir.employee(viewerId);
      if (!viewer) return { ok: false, code: 'forbidden', reason: ARSHJUL_TEXT.unknownViewer };
      const tasks = await deps.state.tasks();
      const relevant = (e: ArshjulEvent) => personMatches(dir, e.responsible, viewer) || personMatches(dir, e.audience, viewer);
      const { events } = calendarNow();
      const { current, next } = currentAndNext(events, now, relevant);
      const overdue: ArshjulItem[] = [];
      for (const event of events) {
        if (!personMatches(dir, event.responsible, viewer)) continue;
        for (const o of occurrencesBetween(event, new Date(now.getTime() - OVERDUE_LIST_DAYS * DAY_MS), now)) {
          if (o.deadline.getTime() < now.getTime() && !isTaskDone(event, o.id, viewerId, tasks)) overdue.push(toItem(dir, event, o, viewer, tasks, now));
        }
      }
      overdue.sort((a, b) => a.deadline.localeCompare(b.deadline));
      log.debug({ current: current.length, next: next.length, overdue: overdue.length }, 'arshjul.whatsNow');
      return {
        ok: true,
        roles: rolesOf(dir, viewerId),
        current: current.map((c) => toItem(dir, c.rule, c.occurrence, viewer, tasks, now)),
        next: next.map((c) => toItem(dir, c.rule, c.occurrence, viewer, tasks, now)),
        overdue,
      };
    },

    exportIcs(year) {
      if (!Number.isInteger(year) || year < 2000 || year > 2100) return { ok: false, code: 'invalid', reason: ARSHJUL_TEXT.badYear };
      const dir = deps.org.directory();
      const content = arshjulToIcs(calendarNow(), year, {
        generatedAt: deps.clock.now(),
        calendarName: `Årshjul ${year}`,
        details: (event, o) => [
          '',
          `Frist: ${deadlineText(event, o)}`,
          `Ansvarlig: ${describeTarget(event.responsible, dir)}`,
          `Kilde: ${sourceText(event)}`,
        ],
      });
      log.info({ year, events: calendarNow().events.length }, 'arshjul.exportIcs');
      return { ok: true, file: { fileName: `arshjul-${year}.ics`, contentType: 'text/calendar; charset=utf-8', content } };
    },

    exportIcsAhead(viewerId, now = deps.clock.now()) {
      const dir = deps.org.directory();
      const viewer = dir.employee(viewerId);
      if (!viewer) return { ok: false, code: 'forbidden', reason: ARSHJUL_TEXT.unknownViewer };
      const today = osloDate(now);
      const from = osloStartOfDay(today);
      const to = osloStartOfDay({ year: today.year + 1, month: today.month, day: Math.min(today.day, 28) });
      const include = (event: ArshjulEvent) => personMatches(dir, event.audience, viewer) || personMatches(dir, event.responsible, viewer);
      const content = arshjulToIcs(calendarNow(), today.year, {
        generatedAt: deps.clock.now(),
        calendarName: 'Årshjul – neste 12 måneder',
        range: { from, to },
        include,
        details: (event, o) => ['', `Frist: ${deadlineText(event, o)}`, `Ansvarlig: ${describeTarget(event.responsible, dir)}`, `Kilde: ${sourceText(event)}`],
      });
      const stamp = `${today.year}-${String(today.month).padStart(2, '0')}-${String(today.day).padStart(2, '0')}`;
      log.info({ events: calendarNow().events.filter(include).length }, 'arshjul.exportIcsAhead');
      return { ok: true, file: { fileName: `arshjul-${stamp}.ics`, contentType: 'text/calendar; charset=utf-8', content } };
    },

    async markDone(employeeId, key, now = deps.clock.now()) {
      const r = await resolveTask(employeeId, key);
      if ('refusal' in r) return r.refusal!;
      if (!r.own && !r.sharedOk) return { ok: false, code: 'forbidden', reason: ARSHJUL_TEXT.notYours };
      // A shared task another person finished counts as done already.
      const doneBefore = isTaskDone(r.event, r.occurrence.id, r.parts.employeeId, await deps.state.tasks());
      if (!doneBefore && deps.completion) {
        const check = await deps.completion(r.event.id, r.parts.employeeId, r.occurrence.deadline);
        if (!check.done) {
          log.info({ eventId: r.event.id, occurrenceId: r.occurrence.id }, 'arshjul.done.notYet');
          return { ok: false, code: 'not-done', reason: check.reason };
        }
      }
      const changed = !doneBefore && (await deps.state.markDone(r.event.id, r.occurrence.id, r.parts.employeeId, now.toISOString(), employeeId));
      log.info({ eventId: r.event.id, occurrenceId: r.occurrence.id, changed }, 'arshjul.done');
      return { ok: true, alreadyDone: !changed, item: toItem(r.dir, r.event, r.occurrence, r.owner, await deps.state.tasks(), now) };
    },

    async snooze(employeeId, key, untilIso, now = deps.clock.now()) {
      const r = await resolveTask(employeeId, key);
      if ('refusal' in r) return r.refusal!;
      if (!r.own) return { ok: false, code: 'forbidden', reason: ARSHJUL_TEXT.notYours };
      const until = typeof untilIso === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(untilIso) ? new Date(untilIso) : new Date(Number.NaN);
      if (Number.isNaN(until.getTime()) || until.getTime() <= now.getTime() || until.getTime() > now.getTime() + MAX_SNOOZE_DAYS * DAY_MS) {
        return { ok: false, code: 'invalid', reason: ARSHJUL_TEXT.badSnooze };
      }
      if (until.getTime() >= r.occurrence.deadline.getTime()) return { ok: false, code: 'invalid', reason: ARSHJUL_TEXT.snoozePastDeadline(instantText(r.occurrence.deadline)) };
      if (isTaskDone(r.event, r.occurrence.id, employeeId, await deps.state.tasks())) return { ok: false, code: 'done', reason: ARSHJUL_TEXT.alreadyDone };
      // Whole minutes: the key of the snoozed reminder stays the same for a double click.
      const at = new Date(Math.floor(until.getTime() / 60_000) * 60_000);
      await deps.state.snooze(r.event.id, r.occurrence.id, employeeId, now.toISOString(), at.toISOString());
      log.info({ eventId: r.event.id, occurrenceId: r.occurrence.id }, 'arshjul.snooze');
      return { ok: true, item: toItem(r.dir, r.event, r.occurrence, r.actor, await deps.state.tasks(), now), snoozeUntil: at.toISOString(), snoozeText: instantText(at) };
    },

    async planReminders(now = deps.clock.now()) {
      const dir = deps.org.directory();
      const [tasks, sentKeys, lastRun] = await Promise.all([deps.state.tasks(), deps.state.sentKeys(), deps.state.lastPlanningRun()]);
      const planned = planReminders({ calendar: calendarNow(), directory: dir, now, lastRunAt: lastRun ? new Date(lastRun) : undefined, tasks, sentKeys });
      return planned.map((p) => toIntent(dir, p, tasks, now));
    },

    async enqueueReminders(enqueue, now = deps.clock.now()) {
      const intents = await service.planReminders(now);
      if (intents.length) await enqueue(intents);
      const confirmed = await deps.state.claim(
        intents.map((i) => ({ key: i.key, occurrenceId: i.item.occurrenceId })),
        now.toISOString(),
      );
      await deps.state.setLastPlanningRun(now.toISOString());
      const pruned = await deps.state.pruneBefore(isoDate(osloDate(new Date(now.getTime() - KEEP_DAYS * DAY_MS))));
      log.info({ planned: intents.length, confirmed: confirmed.length, pruned }, 'arshjul.reminders');
      return { intents, confirmed: confirmed.length };
    },

    async stillRelevantReminderKeys(employeeId, now = deps.clock.now()) {
      const [sent, tasks] = await Promise.all([deps.state.sentKeys(), deps.state.tasks()]);
      const out: string[] = [];
      for (const key of sent) {
        const parts = parseReminderKey(key);
        if (!parts || parts.employeeId !== employeeId || (parts.kind.type !== 'offset' && parts.kind.type !== 'snooze')) continue;
        const event = calendarNow().byId.get(parts.eventId);
        const occurrence = event && occurrenceById(event, parts.occurrenceId);
        if (!event || !occurrence || occurrence.deadline.getTime() <= now.getTime()) continue;
        if (isTaskDone(event, occurrence.id, employeeId, tasks)) continue;
        out.push(key);
      }
      return out.sort();
    },

    async reminderView(key, now = deps.clock.now()) {
      const parts = parseReminderKey(key);
      if (!parts || parts.kind.type === 'task') return { ok: false, code: 'invalid', reason: ARSHJUL_TEXT.badKey };
      const event = calendarNow().byId.get(parts.eventId);
      const occurrence = event && occurrenceById(event, parts.occurrenceId);
      if (!event || !occurrence) return { ok: false, code: 'not-found', reason: ARSHJUL_TEXT.unknownEvent };
      const dir = deps.org.directory();
      const owner = dir.employee(parts.employeeId);
      const tasks = await deps.state.tasks();
      const kind: PlannedKind = parts.kind.type === 'escalation' ? 'escalation' : parts.kind.type === 'snooze' ? 'snoozed' : 'reminder';
      const recipientId = parts.kind.type === 'escalation' ? parts.kind.recipientId : parts.employeeId;
      const done = isTaskDone(event, occurrence.id, parts.employeeId, tasks);
      // A reminder (not an escalation) sent late, after the deadline, would only be noise.
      const ahead = kind === 'escalation' || now.getTime() < occurrence.deadline.getTime();
      const stillRelevant = !!owner && !!dir.employee(recipientId) && !done && ahead && personMatches(dir, event.responsible, owner);
      const item = toItem(dir, event, occurrence, owner, tasks, now);
      return {
        ok: true,
        key,
        kind,
        stillRelevant,
        employeeId: parts.employeeId,
        employeeName: owner?.name ?? '',
        recipientId,
        ...(parts.kind.type === 'offset' ? { offsetDays: parts.kind.days } : {}),
        item,
        snoozeChoices:
          kind === 'escalation' || done
            ? []
            : snoozeChoices(now, occurrence.deadline).map((c) => ({ label: c.label, until: c.until.toISOString(), untilText: instantText(c.until) })),
      };
    },
  };
  return service;
}
