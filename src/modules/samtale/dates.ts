/**
 * The samtale's dates: «today» in Europe/Oslo, stored dates as plain `YYYY-MM-DD`, and how a
 * date is shown. Pure; the caller passes the time.
 */
import { formatDay } from '../../texts/index.js';

const osloDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in Oslo, `YYYY-MM-DD`. */
export function osloToday(now: Date): string {
  return osloDay.format(now);
}

/** A real calendar date `YYYY-MM-DD`? */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** `YYYY-MM-DD` plus days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** «23. november 2026» (the text layer's calendar day). */
export function formatDate(date: string): string {
  return (isIsoDate(date) && formatDay(date)) || date;
}

/**
 * Checks a date a person picked: a real date, not before today (Oslo), not more than
 * `maxYears` ahead. Returns the error message or undefined.
 */
export function checkFutureDate(value: unknown, now: Date, maxYears: number): string | undefined {
  if (!isIsoDate(value)) return 'Velg en gyldig dato.';
  const today = osloToday(now);
  if (value < today) return `Datoen har passert (${formatDate(value)}). Velg i dag eller en senere dato.`;
  if (value > addDays(today, Math.round(maxYears * 366))) return `Datoen kan ikke være mer enn ${maxYears} år fram i tid.`;
  return undefined;
}

