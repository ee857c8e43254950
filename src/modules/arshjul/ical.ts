/**
 * The årshjul as an iCalendar file (RFC 5545) for Outlook, Teams and phones: one VEVENT per
 * occurrence in the year. Events without a time of day are whole days (DATE values, shown as
 * all-day and not blocking the calendar); events with a time use TZID=Europe/Oslo with a
 * VTIMEZONE block whose transitions come from the platform's zone data, not a table of our own.
 * Text is escaped (§3.3.11), lines are folded at 75 octets without splitting a UTF-8 character
 * (§3.1) and end in CRLF.
 */
import type { ArshjulCalendar, ArshjulEvent } from './calendar.js';
import { addDays, type CivilDate, type Occurrence, occurrencesBetween, OSLO_TZ, osloDate, osloOffsetMs, osloStartOfDay, osloTransitions, type WallTime } from './due-dates.js';

const CRLF = '\r\n';

/** Escapes a TEXT value: backslash, semicolon, comma and newlines. */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds one content line into pieces of at most 75 octets, continuation lines starting with a space. */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const pieces: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    // The first line holds 75 octets; a continuation line's leading space counts towards its 75.
    const limit = pieces.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      pieces.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  pieces.push(current);
  return pieces.join(`${CRLF} `);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const dateValue = (d: CivilDate) => `${pad(d.year, 4)}${pad(d.month)}${pad(d.day)}`;
const localDateTime = (d: CivilDate, t: WallTime) => `${dateValue(d)}T${pad(t.hour)}${pad(t.minute)}00`;
const utcStamp = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');

function offsetText(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

/**
 * VTIMEZONE for Europe/Oslo covering `fromYear`–`toYear`: one observance per transition, its
 * DTSTART the local time just before the change (RFC 5545 §3.6.5). With no transitions
 * (a zone without daylight saving) one STANDARD observance.
 */
export function osloVTimezone(fromYear: number, toYear: number): string[] {
  const transitions = osloTransitions(fromYear, toYear);
  const lines = ['BEGIN:VTIMEZONE', `TZID:${OSLO_TZ}`];
  if (!transitions.length) {
    const offset = offsetText(osloOffsetMs(Date.UTC(fromYear, 0, 1)));
    lines.push('BEGIN:STANDARD', `DTSTART:${pad(fromYear, 4)}0101T000000`, `TZOFFSETFROM:${offset}`, `TZOFFSETTO:${offset}`, 'END:STANDARD');
  }
  for (const t of transitions) {
    const daylight = t.offsetToMs > t.offsetFromMs;
    const local = new Date(t.at.getTime() + t.offsetFromMs);
    const start = `${pad(local.getUTCFullYear(), 4)}${pad(local.getUTCMonth() + 1)}${pad(local.getUTCDate())}T${pad(local.getUTCHours())}${pad(local.getUTCMinutes())}00`;
    const kind = daylight ? 'DAYLIGHT' : 'STANDARD';
    lines.push(
      `BEGIN:${kind}`,
      `DTSTART:${start}`,
      `TZOFFSETFROM:${offsetText(t.offsetFromMs)}`,
      `TZOFFSETTO:${offsetText(t.offsetToMs)}`,
      `TZNAME:${daylight ? 'CEST' : 'CET'}`,
      `END:${kind}`,
    );
  }
  lines.push('END:VTIMEZONE');
  return lines;
}

export interface IcsOptions {
  /** DTSTAMP: when the file was made (from the clock). */
  generatedAt: Date;
  /** Extra lines under the description (deadline, responsible, source), per occurrence. */
  details?: (event: ArshjulEvent, occurrence: Occurrence) => string[];
  calendarName?: string;
  /** Instead of the calendar year: occurrences starting in [from, to) (e.g. the next 12 months). */
  range?: { from: Date; to: Date };
  /** Only the events this returns true for (e.g. those for the viewer's roles). */
  include?: (event: ArshjulEvent) => boolean;
}

/** UID stable per event and occurrence, so importing the file again updates instead of duplicating. */
export const occurrenceUid = (eventId: string, occurrenceId: string) => `${eventId}-${occurrenceId}@arshjul.kompetansebot`;

/** The iCalendar text for every occurrence that touches `year` (Oslo time). */
export function arshjulToIcs(calendar: ArshjulCalendar, year: number, opts: IcsOptions): string {
  const from = opts.range?.from ?? osloStartOfDay({ year, month: 1, day: 1 });
  const to = opts.range?.to ?? osloStartOfDay({ year: year + 1, month: 1, day: 1 });
  const events: string[][] = [];
  let timed = false;
  const included = opts.include ? calendar.events.filter(opts.include) : calendar.events;
  const items = included.flatMap((event) => occurrencesBetween(event, from, to).map((occurrence) => ({ event, occurrence })));
  items.sort((a, b) => a.occurrence.start.getTime() - b.occurrence.start.getTime() || a.event.id.localeCompare(b.event.id));
  for (const { event, occurrence } of items) {
    const description = [event.description, ...(opts.details?.(event, occurrence) ?? [])].join('\n');
    const lines = [
      'BEGIN:VEVENT',
      `UID:${occurrenceUid(event.id, occurrence.id)}`,
      `DTSTAMP:${utcStamp(opts.generatedAt)}`,
      `SUMMARY:${escapeText(event.title)}`,
      `DESCRIPTION:${escapeText(description)}`,
    ];
    if (event.allDay) {
      lines.push(`DTSTART;VALUE=DATE:${dateValue(occurrence.startDate)}`, `DTEND;VALUE=DATE:${dateValue(addDays(occurrence.endDate, 1))}`, 'TRANSP:TRANSPARENT');
    } else {
      timed = true;
      if (event.recurrence.kind === 'date') {
        lines.push(`DTSTART;TZID=${OSLO_TZ}:${localDateTime(occurrence.endDate, event.time)}`, 'DURATION:PT1H');
      } else {
        lines.push(`DTSTART;TZID=${OSLO_TZ}:${localDateTime(occurrence.startDate, event.time)}`, `DTEND;TZID=${OSLO_TZ}:${localDateTime(occurrence.endDate, event.time)}`);
      }
    }
    lines.push(`CATEGORIES:${escapeText('Årshjul')}`, 'END:VEVENT');
    events.push(lines);
  }
  const head = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Kompetansebot//Arshjul//NB',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(opts.calendarName ?? `Årshjul ${year}`)}`,
    `X-WR-TIMEZONE:${OSLO_TZ}`,
  ];
  // The timezone block must cover every timed occurrence, including one starting the year before.
  const zone = timed ? osloVTimezone(year - 2, (opts.range ? osloDate(opts.range.to).year : year) + 1) : [];
  return [...head, ...zone, ...events.flat(), 'END:VCALENDAR'].map(foldLine).join(CRLF) + CRLF;
}
