import { describe, expect, it } from 'vitest';
import {
  currentAndNext,
  daysLeft,
  escalationInstant,
  isOverdue,
  monthDayProblem,
  occurrenceById,
  occurrencesBetween,
  osloToUtc,
  parseReminderKey,
  reminderInstants,
  reminderKey,
  toOslo,
} from '../../../src/modules/arshjul/due-dates.js';
import { md, rule } from './fixtures.js';

const at = (iso: string) => new Date(iso);

describe('Oslo wall-clock time ↔ UTC', () => {
  it.each([
    ['a winter day', { year: 2026, month: 1, day: 15 }, 12, 0, '2026-01-15T11:00:00.000Z'],
    ['a summer day', { year: 2026, month: 7, day: 15 }, 12, 0, '2026-07-15T10:00:00.000Z'],
    ['the spring-forward Sunday, after the change', { year: 2026, month: 3, day: 29 }, 12, 0, '2026-03-29T10:00:00.000Z'],
    ['the fall-back Sunday, after the change', { year: 2026, month: 10, day: 25 }, 12, 0, '2026-10-25T11:00:00.000Z'],
    ['a time skipped in spring (02:30 → 03:30 CEST)', { year: 2026, month: 3, day: 29 }, 2, 30, '2026-03-29T01:30:00.000Z'],
    ['a time that occurs twice in autumn (the first 02:30)', { year: 2026, month: 10, day: 25 }, 2, 30, '2026-10-25T00:30:00.000Z'],
    ['midnight on New Year', { year: 2027, month: 1, day: 1 }, 0, 0, '2026-12-31T23:00:00.000Z'],
  ])('When the deadline is %s, then the UTC instant is right', (_label, date, hour, minute, expected) => {
    expect(osloToUtc(date, { hour, minute }).toISOString()).toBe(expected);
  });
});

describe('reminder instants', () => {
  // Each row: the deadline (Oslo, 12:00), days before, the expected UTC instant. The Oslo reading
  // of every reminder must be 12:00, whatever the offset on that day.
  it.each([
    ['deadline after spring-forward, 14 days before (winter time)', '2026-04-01', 14, '2026-03-18T11:00:00.000Z'],
    ['deadline after spring-forward, 3 days before = the change day', '2026-04-01', 3, '2026-03-29T10:00:00.000Z'],
    ['deadline after spring-forward, on the day', '2026-04-01', 0, '2026-04-01T10:00:00.000Z'],
    ['deadline after fall-back, 3 days before = the change day', '2026-10-28', 3, '2026-10-25T11:00:00.000Z'],
    ['deadline after fall-back, 14 days before (summer time)', '2026-10-28', 14, '2026-10-14T10:00:00.000Z'],
    ['deadline on 1 January, 14 days before (previous year)', '2027-01-01', 14, '2026-12-18T11:00:00.000Z'],
    ['deadline on 1 January, 3 days before', '2027-01-01', 3, '2026-12-29T11:00:00.000Z'],
    ['deadline on 1 March of a leap year, 1 day before = 29 February', '2028-03-01', 1, '2028-02-29T11:00:00.000Z'],
  ])('When the %s, then it is 12:00 Oslo time', (_label, deadlineIso, offset, expected) => {
    const r = rule({ recurrence: { kind: 'date', date: md(`--${deadlineIso.slice(5)}`) } });
    const o = occurrenceById(r, deadlineIso)!;
    const [reminder] = reminderInstants(r, o, [offset]);
    expect(reminder!.at.toISOString()).toBe(expected);
    const wall = toOslo(reminder!.at);
    expect([wall.hour, wall.minute]).toEqual([12, 0]);
  });

  it('When offsets are given in any order, then reminders come earliest first and duplicates are dropped', () => {
    const r = rule({ recurrence: { kind: 'date', date: md('--06-30') } });
    const o = occurrenceById(r, '2026-06-30')!;
    expect(reminderInstants(r, o, [3, 14, 3]).map((x) => x.offsetDays)).toEqual([14, 3]);
  });

  it('When a task escalates one day after a 31 December deadline, then it escalates on 1 January at the same Oslo time', () => {
    const r = rule({ recurrence: { kind: 'window', from: md('--12-01'), to: md('--12-31') }, escalateAfterDays: 1 });
    const o = occurrenceById(r, '2026-12-31')!;
    expect(escalationInstant(r, o)?.toISOString()).toBe('2027-01-01T11:00:00.000Z');
    expect(escalationInstant({ ...r, escalateAfterDays: null }, o)).toBeUndefined();
  });
});

describe('yearly occurrences', () => {
  it('When a window runs from December to January, then it is one occurrence starting in December and ending in January', () => {
    const r = rule({ recurrence: { kind: 'window', from: md('--12-01'), to: md('--01-31') }, allDay: true });
    const list = occurrencesBetween(r, at('2027-01-10T00:00:00Z'), at('2027-01-11T00:00:00Z'));
    expect(list.map((o) => o.id)).toEqual(['2027-01-31']);
    expect(list[0]!.start.toISOString()).toBe('2026-11-30T23:00:00.000Z'); // 1 December 00:00 Oslo
    expect(list[0]!.deadline.toISOString()).toBe('2027-01-31T11:00:00.000Z');
    // Asked in December, the same occurrence is found (not next year's).
    expect(occurrencesBetween(r, at('2026-12-05T00:00:00Z'), at('2026-12-06T00:00:00Z')).map((o) => o.id)).toEqual(['2027-01-31']);
  });

  it('When a planning year runs from September to August, then its January event is the January after the September', () => {
    const r = rule({ recurrence: { kind: 'window', from: md('--01-01'), to: md('--03-31') } });
    const planningYear = occurrencesBetween(r, at('2026-08-31T22:00:00Z'), at('2027-08-31T22:00:00Z'));
    expect(planningYear.map((o) => o.id)).toEqual(['2027-03-31']);
  });

  it('When a single-date event is asked for a whole year, then it occurs once, on that date', () => {
    const r = rule({ recurrence: { kind: 'date', date: md('--01-01') } });
    const year = occurrencesBetween(r, osloToUtc({ year: 2027, month: 1, day: 1 }), osloToUtc({ year: 2028, month: 1, day: 1 }));
    expect(year.map((o) => o.id)).toContain('2027-01-01');
    expect(year.map((o) => o.id)).not.toContain('2026-01-01');
  });

  it('When a key names a date the event does not fall on, then there is no such occurrence', () => {
    const r = rule({ recurrence: { kind: 'date', date: md('--04-01') } });
    expect(occurrenceById(r, '2026-04-01')?.id).toBe('2026-04-01');
    expect(occurrenceById(r, '2026-04-02')).toBeUndefined();
    expect(occurrenceById(r, '2026-02-30')).toBeUndefined();
  });

  it.each([
    ['--02-29', /skuddår/],
    ['--02-30', /dagen må være fra 01 til 28/],
    ['--04-31', /dagen må være fra 01 til 30/],
    ['--13-01', /måneden/],
  ])('When a yearly date is %s, then it is refused with a reason', (text, reason) => {
    expect(monthDayProblem(md(text))).toMatch(reason);
  });

  it('When 28 February and 1 March are used, then they are fine in leap years too', () => {
    expect(monthDayProblem(md('--02-28'))).toBeUndefined();
    const r = rule({ recurrence: { kind: 'date', date: md('--02-28') } });
    expect(occurrenceById(r, '2028-02-28')?.deadline.toISOString()).toBe('2028-02-28T11:00:00.000Z');
  });
});

describe('overdue, days left, current and next', () => {
  const window = rule({ id: 'window', recurrence: { kind: 'window', from: md('--01-01'), to: md('--03-31') } });
  const single = rule({ id: 'single', recurrence: { kind: 'date', date: md('--05-15') } });
  const autumn = rule({ id: 'autumn', recurrence: { kind: 'window', from: md('--09-01'), to: md('--11-30') } });

  it('When the deadline has passed and the task is not done, then it is overdue; done or before, it is not', () => {
    const o = occurrenceById(window, '2027-03-31')!;
    expect(isOverdue(o, at('2027-03-31T10:00:01Z'), false)).toBe(true);
    expect(isOverdue(o, at('2027-03-31T10:00:01Z'), true)).toBe(false);
    expect(isOverdue(o, at('2027-03-31T09:59:59Z'), false)).toBe(false);
    expect(daysLeft(o, at('2027-03-28T22:30:00Z'))).toBe(2); // already 29 March in Oslo
  });

  it('When it is February, then the window is current and the May date and the autumn window come next', () => {
    const { current, next } = currentAndNext([window, single, autumn], at('2027-02-10T09:00:00Z'), () => true);
    expect(current.map((c) => c.occurrence.eventId)).toEqual(['window']);
    expect(next.map((c) => `${c.occurrence.eventId} ${c.occurrence.id}`)).toEqual(['single 2027-05-15', 'autumn 2027-11-30', 'window 2028-03-31']);
  });

  it('When a single date is within its reminder period, then it is current; before that it is next', () => {
    expect(currentAndNext([single], at('2027-05-02T09:00:00Z'), () => true).current).toHaveLength(1);
    expect(currentAndNext([single], at('2027-04-29T09:00:00Z'), () => true).next[0]?.occurrence.id).toBe('2027-05-15');
  });

  it('When an event is not relevant, then it is neither current nor next', () => {
    const r = currentAndNext([window, single], at('2027-02-10T09:00:00Z'), (e) => e.id === 'single');
    expect(r.current).toEqual([]);
    expect(r.next.map((c) => c.occurrence.eventId)).toEqual(['single']);
  });
});

describe('idempotency keys', () => {
  const base = { eventId: 'plan-mbm', occurrenceId: '2027-03-31', employeeId: '1003' };

  it.each([
    ['an offset reminder', { type: 'offset', days: 14 } as const],
    ['a snoozed reminder', { type: 'snooze', until: at('2027-03-20T08:00:00Z') } as const],
    ['an escalation', { type: 'escalation', recipientId: '1002' } as const],
    ['the task', { type: 'task' } as const],
  ])('When %s key is made and parsed, then the parts come back unchanged', (_label, kind) => {
    const key = reminderKey({ ...base, kind });
    expect(parseReminderKey(key)).toEqual({ ...base, kind });
    expect(reminderKey({ ...base, kind })).toBe(key);
  });

  it('When an employee id contains «:» or «/», then the key still parses to the same person', () => {
    const key = reminderKey({ ...base, employeeId: 'ad:x/1', kind: { type: 'escalation', recipientId: 'y:2' } });
    expect(parseReminderKey(key)).toMatchObject({ employeeId: 'ad:x/1', kind: { type: 'escalation', recipientId: 'y:2' } });
  });

  it('When two offsets or two people differ, then their keys differ', () => {
    const keys = new Set([
      reminderKey({ ...base, kind: { type: 'offset', days: 14 } }),
      reminderKey({ ...base, kind: { type: 'offset', days: 3 } }),
      reminderKey({ ...base, employeeId: '1005', kind: { type: 'offset', days: 14 } }),
      reminderKey({ ...base, occurrenceId: '2028-03-31', kind: { type: 'offset', days: 14 } }),
    ]);
    expect(keys.size).toBe(4);
  });

  it.each(['', 'arshjul:plan-mbm', 'other:plan-mbm:2027-03-31:1003:d14', 'arshjul:Plan:2027-03-31:1003:d14', 'arshjul:plan-mbm:2027-02-30:1003:d14', 'arshjul:plan-mbm:2027-03-31:1003:x', 'arshjul:plan-mbm:2027-03-31:%E0:d14', 'arshjul:plan-mbm:2027-03-31:1003:s2027'])(
    'When a key is tampered with (%s), then it does not parse',
    (key) => {
      expect(parseReminderKey(key)).toBeUndefined();
    },
  );
});
