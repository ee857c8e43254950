/**
 * Time for the domain: the injectable clock, the Europe/Oslo calendar day, and calendar-day
 * arithmetic on ISO dates (`YYYY-MM-DD`). Time is stored UTC and the day is Oslo's. Nothing here
 * formats for people: that is src/texts/dates.ts.
 */

/** Injectable clock: all time comes from here so tests can fix it. Time is always UTC. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still (or is moved by hand) for tests. */
export function fixedClock(start: Date | string): Clock & { set(d: Date | string): void; advance(ms: number): void } {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (d) => {
      t = new Date(d).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

export const OSLO_TZ = 'Europe/Oslo';

const DAY_MS = 86_400_000;
const osloDayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: OSLO_TZ, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Oslo calendar day (`YYYY-MM-DD`) of an instant: «today» is `osloToday(clock.now())`. */
export function osloToday(at: Date): string {
  return osloDayFormat.format(at);
}

/** A real calendar day written `YYYY-MM-DD` (2027-02-31 is not). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

const dayMs = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));

/** The ISO day `days` days after `iso` (before, when negative). No zone involved, so no DST hour slips in. */
export function addDays(iso: string, days: number): string {
  return new Date(dayMs(iso) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dayMs(to) - dayMs(from)) / DAY_MS);
}
