/**
 * The samtale's dates: how a stored `YYYY-MM-DD` is shown, and the check of a picked date. «Today»
 * in Oslo and the day arithmetic are src/shared/dates.ts. Pure; the caller passes the time.
 */
import { addDays, isIsoDate, osloToday } from '../../shared/dates.js';
import { formatDay } from '../../texts/index.js';

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

