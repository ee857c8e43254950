import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, fixedClock, isIsoDate, osloToday } from '../../src/shared/dates.js';

describe('shared dates', () => {
  it('When it is 23:30 UTC on New Year’s Eve, then it is already 1 January in Oslo', () => {
    expect(osloToday(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(osloToday(new Date('2026-12-31T22:59:00Z'))).toBe('2026-12-31');
  });

  it('When a summer instant is one hour from midnight UTC, then Oslo (UTC+2) has passed midnight', () => {
    expect(osloToday(new Date('2027-06-30T22:30:00Z'))).toBe('2027-07-01');
  });

  it('When a day does not exist in the calendar, then it is not an ISO date', () => {
    expect(isIsoDate('2027-02-28')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2027-02-31')).toBe(false);
    expect(isIsoDate('2027-2-3')).toBe(false);
    expect(isIsoDate(20270203)).toBe(false);
  });

  it('When days are added across a month, a year and the spring DST change, then whole calendar days move', () => {
    expect(addDays('2027-01-30', 3)).toBe('2027-02-02');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-03-27', 2)).toBe('2027-03-29');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    expect(daysBetween('2027-03-27', '2027-03-29')).toBe(2);
    expect(daysBetween('2027-01-01', '2026-12-25')).toBe(-7);
  });

  it('When a fixed clock is moved, then now() follows and nothing else does', () => {
    const clock = fixedClock('2027-01-01T10:00:00Z');
    clock.advance(60_000);
    expect(clock.now().toISOString()).toBe('2027-01-01T10:01:00.000Z');
    clock.set('2027-05-17T08:00:00Z');
    expect(osloToday(clock.now())).toBe('2027-05-17');
  });
});
