/**
 * Dates and times as people in Norway read them: Europe/Oslo, bokmål. One formatter per named
 * format, so a card never builds a date by hand. Instants (`Date`) are shown in Oslo time; a
 * calendar day (`YYYY-MM-DD`, no time of day) is shown as that day, whatever the time zone.
 */

import { isIsoDate, OSLO_TZ as OSLO, osloToday } from '../shared/dates.js';

const formats = {
  /** 14. desember 2026 */
  date: new Intl.DateTimeFormat('nb-NO', { timeZone: OSLO, day: 'numeric', month: 'long', year: 'numeric' }),
  /** 14. desember */
  dayMonth: new Intl.DateTimeFormat('nb-NO', { timeZone: OSLO, day: 'numeric', month: 'long' }),
  /** 14. desember 2026 kl. 09:30 */
  dateTime: new Intl.DateTimeFormat('nb-NO', { timeZone: OSLO, day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }),
  /** 14.12.2026 09:30 (for CSV and tables) */
  numericDateTime: new Intl.DateTimeFormat('nb-NO', { timeZone: OSLO, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }),
  /** 09:30 */
  time: new Intl.DateTimeFormat('nb-NO', { timeZone: OSLO, hour: '2-digit', minute: '2-digit' }),
} as const;

/** Calendar days are formatted at noon UTC in UTC, so no zone can move them to the next day. */
const dayFormats = {
  date: new Intl.DateTimeFormat('nb-NO', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }),
  dayMonth: new Intl.DateTimeFormat('nb-NO', { timeZone: 'UTC', day: 'numeric', month: 'long' }),
} as const;

export type InstantFormat = keyof typeof formats;

/** An instant in Oslo time, in one of the named formats. */
export function formatInstant(at: Date | string, format: InstantFormat = 'dateTime'): string {
  const text = formats[format].format(typeof at === 'string' ? new Date(at) : at);
  // «14.12.2026 09:30»: spreadsheets read it as a time without Intl's comma.
  return format === 'numericDateTime' ? text.replace(', ', ' ') : text;
}

/** `YYYY-MM-DD` → «14. desember 2026» (`dayMonth`: «14. desember»). Undefined for a malformed day. */
export function formatDay(day: string, format: 'date' | 'dayMonth' = 'date'): string | undefined {
  // 2027-02-31 would roll over to 3 March in Date: that day does not exist.
  if (!isIsoDate(day)) return undefined;
  return dayFormats[format].format(new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)), 12)));
}

const MONTHS = ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'];

/**
 * Why a day a person typed is not a date, in their words: «31. februar finnes ikke». Takes the
 * parts as typed (month 1–12), so it never shows an internal format such as «--02-31».
 * Undefined when the day exists.
 */
export function invalidDayReason(day: number, month: number, year?: number): string | undefined {
  if (!Number.isInteger(month) || month < 1 || month > 12) return `Måned ${month} finnes ikke (bruk 1–12).`;
  const monthName = MONTHS[month - 1]!;
  // Without a year, 29 February is allowed (it exists in leap years).
  const last = new Date(Date.UTC(year ?? 2024, month, 0)).getUTCDate();
  if (!Number.isInteger(day) || day < 1 || day > last) {
    return `${day}. ${monthName}${year !== undefined ? ` ${year}` : ''} finnes ikke.`;
  }
  return undefined;
}

/** The Oslo calendar day (`YYYY-MM-DD`) of an instant: the same as {@link osloToday} in src/shared/dates.ts. */
export const osloDay = osloToday;

/** «14. desember 2026 kl. 09:30»: `formatInstant(date, 'dateTime')` under its older name. */
export const formatOslo = (date: Date): string => formatInstant(date, 'dateTime');
