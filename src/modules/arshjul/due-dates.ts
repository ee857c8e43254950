/**
 * Pure date logic of the årshjul: yearly occurrences, deadline and reminder instants, "what is
 * on now" and overdue (the idempotency keys the scheduler and the outbox deduplicate on: reminder-keys.ts).
 *
 * Deadlines are wall-clock times in Europe/Oslo ("12:00 on 31 March"); instants are UTC `Date`s.
 * The zone conversion uses the platform's time-zone database through `Intl` (Node ships full
 * ICU), so daylight saving follows the official rules without a table of our own. Reminder
 * instants are computed on the civil date first (deadline date minus N days) and converted
 * afterwards, so «3 days before 12:00» is 12:00 Oslo time on that day whatever the UTC offset.
 */

import { addDays as addIsoDays, daysBetween as isoDaysBetween, isIsoDate, OSLO_TZ, osloToday } from '../../shared/dates.js';

export { OSLO_TZ };
// The keys live in reminder-keys.ts; re-exported for the callers that name them with the dates.
export { parseReminderKey, reminderKey, taskId } from './reminder-keys.js';

const DAY_MS = 86_400_000;

/** A date without a time or a zone, as people write it in Oslo. */
export interface CivilDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

/** A month and a day that come back every year (ISO 8601 `--MM-DD`). */
export interface MonthDay {
  month: number;
  day: number;
}

export interface WallTime {
  hour: number;
  minute: number;
}

// ---------------------------------------------------------------------------------------------
// Civil dates

export function isoDate(d: CivilDate): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

const civil = (iso: string): CivilDate => ({ year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)), day: Number(iso.slice(8, 10)) });

export function parseIsoDate(text: string): CivilDate | undefined {
  return isIsoDate(text) ? civil(text) : undefined;
}

/** Calendar arithmetic on the civil date (src/shared/dates.ts: no zone involved, so no DST hour can slip in). */
export function addDays(d: CivilDate, days: number): CivilDate {
  return civil(addIsoDays(isoDate(d), days));
}

/** Whole days from `a` to `b` (positive when `b` is later). */
export function daysBetween(a: CivilDate, b: CivilDate): number {
  return isoDaysBetween(isoDate(a), isoDate(b));
}

export function compareMonthDay(a: MonthDay, b: MonthDay): number {
  return a.month - b.month || a.day - b.day;
}

/**
 * Why a `--MM-DD` cannot be a yearly date, or undefined when it can. 29 February is refused:
 * a yearly deadline that exists only every fourth year (or silently moves) helps nobody.
 */
export function monthDayProblem(md: MonthDay): string | undefined {
  if (md.month < 1 || md.month > 12) return 'måneden må være fra 01 til 12';
  if (md.month === 2 && md.day === 29) return '29. februar finnes bare i skuddår; bruk --02-28 eller --03-01';
  const daysInMonth = new Date(Date.UTC(2001, md.month, 0)).getUTCDate();
  if (md.day < 1 || md.day > daysInMonth) return `dagen må være fra 01 til ${daysInMonth} i den måneden`;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Europe/Oslo ↔ UTC

const partsFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: OSLO_TZ,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

export interface OsloDateTime extends CivilDate, WallTime {
  second: number;
}

/** The Oslo wall-clock reading of an instant. */
export function toOslo(instant: Date): OsloDateTime {
  const out: Record<string, number> = {};
  for (const p of partsFormat.formatToParts(instant)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return { year: out.year!, month: out.month!, day: out.day!, hour: out.hour! % 24, minute: out.minute!, second: out.second! };
}

/** The Oslo civil date of an instant (src/shared/dates.ts `osloToday` as a {@link CivilDate}). */
export function osloDate(instant: Date): CivilDate {
  return civil(osloToday(instant));
}

/** Oslo's UTC offset at an instant, in milliseconds (+3 600 000 in winter, +7 200 000 in summer). */
export function osloOffsetMs(instantMs: number): number {
  const whole = Math.floor(instantMs / 1000) * 1000;
  const w = toOslo(new Date(whole));
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - whole;
}

/**
 * The instant when Oslo's clocks show `time` on `date`. A time that occurs twice (the autumn
 * hour) gives the first one; a time that does not exist (the spring hour) is moved forward by
 * the gap, like Temporal's "compatible" disambiguation: 02:30 on the last Sunday of March → 03:30.
 */
export function osloToUtc(date: CivilDate, time: WallTime = { hour: 0, minute: 0 }): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute);
  const before = osloOffsetMs(wall - DAY_MS);
  const after = osloOffsetMs(wall + DAY_MS);
  const fits = [...new Set([before, after])].map((o) => wall - o).filter((t) => osloOffsetMs(t) === wall - t);
  if (fits.length) return new Date(Math.min(...fits));
  return new Date(wall - before);
}

/** Midnight in Oslo at the start of `date`. */
export const osloStartOfDay = (date: CivilDate): Date => osloToUtc(date, { hour: 0, minute: 0 });

/**
 * The moments in [fromYear-01-01, toYear+1-01-01) when Oslo's offset changes, found by scanning
 * days and narrowing to the minute with the platform's zone data. Used for the VTIMEZONE block.
 */
export function osloTransitions(fromYear: number, toYear: number): { at: Date; offsetFromMs: number; offsetToMs: number }[] {
  const out: { at: Date; offsetFromMs: number; offsetToMs: number }[] = [];
  const end = Date.UTC(toYear + 1, 0, 1);
  for (let t = Date.UTC(fromYear, 0, 1); t < end; t += DAY_MS) {
    const a = osloOffsetMs(t);
    const b = osloOffsetMs(t + DAY_MS);
    if (a === b) continue;
    let lo = t;
    let hi = t + DAY_MS;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 2 / 60_000) * 60_000;
      if (osloOffsetMs(mid) === a) lo = mid;
      else hi = mid;
    }
    out.push({ at: new Date(hi), offsetFromMs: a, offsetToMs: b });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Occurrences

/** What the due-date logic needs of an event (see calendar.ts for the full record). */
export interface YearlyRule {
  id: string;
  recurrence: { kind: 'date'; date: MonthDay } | { kind: 'window'; from: MonthDay; to: MonthDay };
  /** Time of the deadline in Oslo. */
  time: WallTime;
  /** True when the file gave no time: the event is shown as whole days. */
  allDay: boolean;
  /** Days before the deadline, largest first. */
  reminderOffsetsDays: readonly number[];
  /** Days after the deadline an unfinished task goes to the leader; null = never. */
  escalateAfterDays: number | null;
}

/** One yearly occurrence of an event. */
export interface Occurrence {
  eventId: string;
  /** The Oslo date of the deadline, `YYYY-MM-DD`: unique per event, stable across restarts. */
  id: string;
  startDate: CivilDate;
  /** The deadline's date (the window's last day). */
  endDate: CivilDate;
  /** 00:00 Oslo on the first day. */
  start: Date;
  deadline: Date;
  /** From when the event counts as going on: the window's start, or for a single date the first reminder day. */
  activeFrom: Date;
  /** Where it ends in a calendar: midnight after the last day for whole days, else the deadline. */
  end: Date;
}

function occurrenceInYear(rule: YearlyRule, deadlineYear: number): Occurrence {
  const r = rule.recurrence;
  const last = r.kind === 'date' ? r.date : r.to;
  const endDate = { year: deadlineYear, month: last.month, day: last.day };
  // A window like --12-01 … --01-31 starts in the year before its deadline.
  const startDate =
    r.kind === 'date' ? endDate : { year: compareMonthDay(r.from, r.to) <= 0 ? deadlineYear : deadlineYear - 1, month: r.from.month, day: r.from.day };
  const deadline = osloToUtc(endDate, rule.time);
  const start = osloStartOfDay(startDate);
  const lead = Math.max(0, ...rule.reminderOffsetsDays);
  const activeFrom = r.kind === 'window' ? start : osloStartOfDay(addDays(endDate, -lead));
  const end = rule.allDay ? osloStartOfDay(addDays(endDate, 1)) : deadline;
  return { eventId: rule.id, id: isoDate(endDate), startDate, endDate, start, deadline, activeFrom, end };
}

/**
 * The occurrences of a yearly event that touch [from, to): the window (or day) overlaps the
 * period. A January deadline belongs to the January it falls in, so a planning year from
 * September to August holds the January after the September; a window from December to January
 * is one occurrence, identified by its January deadline.
 */
export function occurrencesBetween(rule: YearlyRule, from: Date, to: Date): Occurrence[] {
  const out: Occurrence[] = [];
  const first = osloDate(from).year - 1;
  const last = osloDate(to).year + 1;
  for (let y = first; y <= last; y++) {
    const o = occurrenceInYear(rule, y);
    if (o.start.getTime() < to.getTime() && Math.max(o.end.getTime(), o.deadline.getTime()) > from.getTime()) out.push(o);
  }
  return out;
}

/** The occurrence with this id (`YYYY-MM-DD` of the deadline); undefined when the event has none that day. */
export function occurrenceById(rule: YearlyRule, id: string): Occurrence | undefined {
  const d = parseIsoDate(id);
  if (!d) return undefined;
  const o = occurrenceInYear(rule, d.year);
  return o.id === id ? o : undefined;
}

/** The reminders before the deadline: the same Oslo wall-clock time, N calendar days earlier. */
export function reminderInstants(rule: YearlyRule, occurrence: Occurrence, offsetsDays: readonly number[] = rule.reminderOffsetsDays): { offsetDays: number; at: Date }[] {
  return [...new Set(offsetsDays)]
    .sort((a, b) => b - a)
    .map((offsetDays) => ({ offsetDays, at: osloToUtc(addDays(occurrence.endDate, -offsetDays), rule.time) }));
}

/** When an unfinished task is escalated; undefined when the event never escalates. */
export function escalationInstant(rule: YearlyRule, occurrence: Occurrence): Date | undefined {
  if (rule.escalateAfterDays === null) return undefined;
  return osloToUtc(addDays(occurrence.endDate, rule.escalateAfterDays), rule.time);
}

export function isOverdue(occurrence: Occurrence, now: Date, done: boolean): boolean {
  return !done && now.getTime() > occurrence.deadline.getTime();
}

/** Calendar days from today (Oslo) to the deadline's date; negative when it has passed. */
export function daysLeft(occurrence: Occurrence, now: Date): number {
  return daysBetween(osloDate(now), occurrence.endDate);
}

export interface CurrentAndNext<T extends YearlyRule> {
  /** Going on now: activeFrom ≤ now ≤ deadline; soonest deadline first. */
  current: { rule: T; occurrence: Occurrence }[];
  /** Starting later, soonest first, within the coming year. */
  next: { rule: T; occurrence: Occurrence }[];
}

/** What is on now and what comes next, among the events `relevant` lets through. */
export function currentAndNext<T extends YearlyRule>(rules: readonly T[], now: Date, relevant: (rule: T) => boolean, nextCount = 3): CurrentAndNext<T> {
  const t = now.getTime();
  const horizon = new Date(t + 366 * DAY_MS);
  const current: { rule: T; occurrence: Occurrence }[] = [];
  const next: { rule: T; occurrence: Occurrence }[] = [];
  for (const rule of rules) {
    if (!relevant(rule)) continue;
    for (const occurrence of occurrencesBetween(rule, now, horizon)) {
      if (occurrence.activeFrom.getTime() <= t && t <= occurrence.deadline.getTime()) current.push({ rule, occurrence });
      else if (occurrence.activeFrom.getTime() > t) next.push({ rule, occurrence });
    }
  }
  const byDeadline = (a: { occurrence: Occurrence }, b: { occurrence: Occurrence }) => a.occurrence.deadline.getTime() - b.occurrence.deadline.getTime() || a.occurrence.eventId.localeCompare(b.occurrence.eventId);
  current.sort(byDeadline);
  next.sort((a, b) => a.occurrence.activeFrom.getTime() - b.occurrence.activeFrom.getTime() || byDeadline(a, b));
  return { current, next: next.slice(0, nextCount) };
}
