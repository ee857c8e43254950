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
import type { DownloadFile } from '../../shared/files.js';
import type { ArshjulStateRepository } from '../../storage/ports/arshjul.js';
import type { OrgDirectory } from '../org/model.js';
import type { Employee } from '../org/model.js';
import type { ArshjulCalendar, ArshjulEvent } from './calendar.js';
import { currentAndNext, isoDate, type Occurrence, occurrenceById, occurrencesBetween, osloDate, osloStartOfDay } from './due-dates.js';
import { parseReminderKey } from './reminder-keys.js';
import { arshjulToIcs } from './ical.js';
import { deadlineText, instantText, type ItemKnowledge, sourceText, toItem as itemOf } from './items.js';
import type { ArshjulCompletionCheck, ArshjulItem, EnqueueReminders, Refusal, ReminderIntent, ReminderView, TaskOutcome, WhatsNow } from './model.js';
import { isTaskDone, type PlannedKind, type PlannedReminder, planReminders, snoozeChoices, type TaskState } from './reminders.js';
import { describeTarget, personMatches, rolesOf } from './targets.js';

// The service's plain data lives in model.ts; re-exported for the callers that name it with the service.
export type { ArshjulCompletionCheck, ArshjulItem, EnqueueReminders, ReminderIntent, ReminderView, WhatsNow } from './model.js';

const DAY_MS = 86_400_000;
/** How long after the deadline an unfinished task is listed as overdue in «Hva skjer nå?». */
const OVERDUE_LIST_DAYS = 60;
/** The furthest «Minn meg på igjen» may reach. */
const MAX_SNOOZE_DAYS = 90;
/** Claims and task states of occurrences older than this are forgotten. */
const KEEP_DAYS = 400;

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
  kb?: ItemKnowledge;
}

// ---------------------------------------------------------------------------------------------

export function createArshjulService(deps: ArshjulDeps): ArshjulService {
  const log = deps.logger.child('arshjul');
  const source = deps.calendar;
  // Read at every use: a saved edit applies from the next question or planning run.
  const calendarNow = typeof source === 'function' ? source : () => source;
  const toItem = (dir: OrgDirectory, event: ArshjulEvent, o: Occurrence, person: Employee | undefined, tasks: readonly TaskState[], now: Date) =>
    itemOf(deps.kb, dir, event, o, person, tasks, now);

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
          `Kilde: ${sourceText(event, deps.kb)}`,
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
        details: (event, o) => ['', `Frist: ${deadlineText(event, o)}`, `Ansvarlig: ${describeTarget(event.responsible, dir)}`, `Kilde: ${sourceText(event, deps.kb)}`],
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
