import { describe, expect, it } from 'vitest';
import { parseReminderKey, reminderKey, toOslo } from '../../../src/modules/arshjul/due-dates.js';
import { escalationRecipients, type PlanInput, planReminders, snoozeChoices, type TaskState } from '../../../src/modules/arshjul/reminders.js';
import { createOrgDirectory } from '../../../src/modules/org/org-directory.js';
import { smallOrg } from '../org/helpers.js';
import { P, testCalendar, testDirectory } from './fixtures.js';

const calendar = testCalendar();
const directory = testDirectory();
const at = (iso: string) => new Date(iso);

// plan-mbm in 2027: deadline 31 March 12:00 (10:00Z, summer time), reminders 17 March 12:00
// (11:00Z, winter time) and 28 March 12:00 (10:00Z, the spring-forward Sunday), escalation
// 1 April 12:00 (10:00Z). Responsible: every leader.
const LEADERS = [P.radmann, P.kommunalsjef, P.rektor, P.styrer, P.hr].sort();
const D14 = '2027-03-17T11:00:00.000Z';
const D3 = '2027-03-28T10:00:00.000Z';
const ESCALATE = '2027-04-01T10:00:00.000Z';

function plan(now: string, over: Partial<PlanInput> = {}) {
  const lastRunAt = new Date(at(now).getTime() - 15 * 60_000);
  return planReminders({ calendar, directory, now: at(now), lastRunAt, tasks: [], sentKeys: new Set(), ...over });
}
const only = (list: ReturnType<typeof plan>, eventId: string) => list.filter((p) => p.eventId === eventId);
const done = (employeeId: string, eventId = 'plan-mbm', occurrenceId = '2027-03-31'): TaskState => ({ eventId, occurrenceId, employeeId, doneAt: '2027-03-18T09:00:00.000Z', doneBy: employeeId });

describe('reminders before a deadline', () => {
  it('When the 14-day reminder time comes, then every responsible leader gets one reminder at 12:00 Oslo time', () => {
    const list = only(plan(D14), 'plan-mbm');
    expect(list.map((p) => p.recipientId).sort()).toEqual(LEADERS);
    for (const p of list) {
      expect(p).toMatchObject({ kind: 'reminder', offsetDays: 14, occurrenceId: '2027-03-31', employeeId: p.recipientId });
      expect(p.dueAt.toISOString()).toBe(D14);
      expect(toOslo(p.dueAt).hour).toBe(12);
    }
    expect(only(plan('2027-03-17T10:59:00.000Z'), 'plan-mbm')).toEqual([]);
  });

  it('When the 3-day reminder falls on the spring-forward Sunday, then it is due at 10:00 UTC (12:00 summer time)', () => {
    const list = only(plan(D3), 'plan-mbm');
    expect(list).toHaveLength(LEADERS.length);
    expect(list.every((p) => p.offsetDays === 3 && p.dueAt.toISOString() === D3)).toBe(true);
    expect(only(plan('2027-03-28T09:59:00.000Z', { lastRunAt: at('2027-03-28T09:45:00.000Z') }), 'plan-mbm')).toEqual([]);
  });

  it('When the keys were already sent, then nothing is planned again', () => {
    const first = plan(D14);
    expect(first.length).toBeGreaterThan(0);
    expect(plan(D14, { sentKeys: new Set(first.map((p) => p.key)) })).toEqual([]);
    // … also in the next run a quarter of an hour later (the reminder is still «due»).
    expect(plan('2027-03-17T11:15:00.000Z', { sentKeys: new Set(first.map((p) => p.key)) })).toEqual([]);
  });

  it('When two planning runs start at the same instant with the same state, then they plan the same keys, each once', () => {
    const a = plan(D14);
    const b = plan(D14);
    expect(b).toEqual(a);
    expect(new Set([...a, ...b].map((p) => p.key)).size).toBe(a.length);
  });

  it('When the bot was down past both reminders, then only the latest one is sent, not both', () => {
    const list = only(plan('2027-03-29T08:00:00.000Z', { lastRunAt: at('2027-03-16T08:00:00.000Z') }), 'plan-mbm');
    expect(list.map((p) => p.offsetDays)).toEqual(LEADERS.map(() => 3));
  });

  it('When the latest reminder went out, then an earlier one not sent is not dug up', () => {
    const d3Keys = LEADERS.map((id) => reminderKey({ eventId: 'plan-mbm', occurrenceId: '2027-03-31', employeeId: id, kind: { type: 'offset', days: 3 } }));
    expect(only(plan('2027-03-28T10:15:00.000Z', { lastRunAt: at('2027-03-16T08:00:00.000Z'), sentKeys: new Set(d3Keys) }), 'plan-mbm')).toEqual([]);
  });

  it('When it is the first run ever, then reminders older than a week are not dug up', () => {
    expect(only(plan('2027-03-27T08:00:00.000Z', { lastRunAt: undefined }), 'plan-mbm')).toEqual([]);
    expect(only(plan('2027-03-23T08:00:00.000Z', { lastRunAt: undefined }), 'plan-mbm').map((p) => p.offsetDays)).toEqual(LEADERS.map(() => 14));
  });

  it('When the deadline has passed, then no more reminders go out before the escalation', () => {
    expect(only(plan('2027-03-31T10:00:01.000Z', { lastRunAt: at('2027-03-31T09:00:00.000Z') }), 'plan-mbm')).toEqual([]);
  });
});

describe('the year boundary', () => {
  it('When a deadline is on 1 January, then its 14-day reminder comes on 18 December the year before', () => {
    const list = only(plan('2026-12-18T11:00:00.000Z'), 'nyttar');
    expect(list).toEqual([expect.objectContaining({ recipientId: P.radmann, occurrenceId: '2027-01-01', offsetDays: 14 })]);
  });

  it('When a window runs from December to January, then its reminders in January belong to the January occurrence', () => {
    const list = only(plan('2027-01-17T11:00:00.000Z'), 'vinter');
    expect(list).toEqual([expect.objectContaining({ recipientId: P.kommunalsjef, occurrenceId: '2027-01-31', offsetDays: 14 })]);
  });
});

describe('«Ferdig» and «Minn meg på igjen»', () => {
  it('When a leader has marked the occurrence done, then they get no reminder and no escalation; the others still do', () => {
    const tasks = [done(P.rektor)];
    expect(only(plan(D3, { tasks }), 'plan-mbm').map((p) => p.recipientId)).not.toContain(P.rektor);
    expect(only(plan(D3, { tasks }), 'plan-mbm')).toHaveLength(LEADERS.length - 1);
    expect(only(plan(ESCALATE, { tasks }), 'plan-mbm').map((p) => p.employeeId)).not.toContain(P.rektor);
  });

  it('When a done mark belongs to another occurrence, then this occurrence is still reminded', () => {
    const tasks = [done(P.rektor, 'plan-mbm', '2026-03-31')];
    expect(only(plan(D3, { tasks }), 'plan-mbm').map((p) => p.recipientId)).toContain(P.rektor);
  });

  it('When a shared task is done by one HR person, then the other HR person is not reminded either', () => {
    const org = smallOrg();
    org.employees.push({ ...org.employees.find((e) => e.employeeId === P.hr)!, employeeId: '1009', name: 'Hege HR', upn: 'hege.hr@testvik.kommune.no', aadObjectId: undefined, roles: ['hr'] });
    const dir = createOrgDirectory(org);
    const d3 = '2027-03-29T10:00:00.000Z'; // var-frist: 1 April 12:00, 3 days before
    const both = only(plan(d3, { directory: dir }), 'var-frist');
    expect(both.map((p) => p.recipientId).sort()).toEqual([P.hr, '1009']);
    const tasks = [done(P.hr, 'var-frist', '2027-04-01')];
    expect(only(plan(d3, { directory: dir, tasks }), 'var-frist')).toEqual([]);
  });

  it('When someone snoozes past the 3-day reminder, then it is held back and one reminder comes at the time they asked for', () => {
    const until = '2027-03-29T07:00:00.000Z';
    const tasks: TaskState[] = [{ eventId: 'plan-mbm', occurrenceId: '2027-03-31', employeeId: P.rektor, snoozedAt: '2027-03-17T12:00:00.000Z', snoozeUntil: until }];
    expect(only(plan(D3, { tasks }), 'plan-mbm').map((p) => p.recipientId)).not.toContain(P.rektor);
    // (the others' 3-day reminders are still due in this run too, as nothing was sent)
    const atSnooze = only(plan(until, { tasks }), 'plan-mbm').filter((p) => p.recipientId === P.rektor);
    expect(atSnooze).toEqual([expect.objectContaining({ kind: 'snoozed', recipientId: P.rektor, dueAt: at(until) })]);
    expect(parseReminderKey(atSnooze[0]!.key)?.kind).toEqual({ type: 'snooze', until: at(until) });
    expect(only(plan(until, { tasks, sentKeys: new Set([atSnooze[0]!.key]) }), 'plan-mbm').filter((p) => p.recipientId === P.rektor)).toEqual([]);
  });

  it('When a snoozed reminder falls after the deadline, then it still comes (and the escalation is not held back)', () => {
    const until = '2027-04-01T07:00:00.000Z';
    const tasks: TaskState[] = [{ eventId: 'plan-mbm', occurrenceId: '2027-03-31', employeeId: P.rektor, snoozedAt: '2027-03-30T12:00:00.000Z', snoozeUntil: until }];
    expect(only(plan(until, { tasks }), 'plan-mbm')).toEqual([expect.objectContaining({ kind: 'snoozed', recipientId: P.rektor })]);
    expect(only(plan(ESCALATE, { tasks }), 'plan-mbm').filter((p) => p.employeeId === P.rektor && p.kind === 'escalation')).toHaveLength(1);
  });

  it('When the card offers «Minn meg på igjen», then the choices are ahead, at 09:00 Oslo time, the last one the day before the deadline', () => {
    const choices = snoozeChoices(at(D14), at('2027-03-31T10:00:00.000Z'));
    expect(choices.map((c) => [c.label, c.until.toISOString()])).toEqual([
      ['I morgen', '2027-03-18T08:00:00.000Z'],
      ['Om tre dager', '2027-03-20T08:00:00.000Z'],
      ['Om en uke', '2027-03-24T08:00:00.000Z'],
      ['Dagen før fristen', '2027-03-30T07:00:00.000Z'],
    ]);
  });
});

describe('escalation of overdue tasks', () => {
  it('When the escalation time comes, then each overdue leader is reported once to their own leader, and the top leader to HR', () => {
    const list = only(plan(ESCALATE), 'plan-mbm');
    expect(list.every((p) => p.kind === 'escalation' && p.dueAt.toISOString() === ESCALATE)).toBe(true);
    const pairs = list.map((p) => `${p.employeeId}→${p.recipientId}`).sort();
    expect(pairs).toEqual([`${P.radmann}→${P.hr}`, `${P.kommunalsjef}→${P.radmann}`, `${P.rektor}→${P.kommunalsjef}`, `${P.styrer}→${P.kommunalsjef}`, `${P.hr}→${P.radmann}`].sort());
    // once: the next runs have the keys
    const sent = new Set(list.map((p) => p.key));
    expect(only(plan('2027-04-01T10:15:00.000Z', { sentKeys: sent }), 'plan-mbm')).toEqual([]);
    expect(only(plan('2027-04-05T10:15:00.000Z', { sentKeys: sent }), 'plan-mbm')).toEqual([]);
  });

  it('When an event never escalates, then nothing goes to the leader after the deadline', () => {
    expect(only(plan('2027-01-02T11:00:00.000Z'), 'nyttar')).toEqual([]);
  });

  it('When the person with no leader is the only HR person, then there is nobody to escalate to', () => {
    const org = smallOrg();
    const dir = createOrgDirectory({ ...org, employees: org.employees.map((e) => (e.employeeId === P.hr ? { ...e, roles: [] } : e.employeeId === P.radmann ? { ...e, roles: ['leder', 'hr'] } : e)) });
    expect(escalationRecipients(dir, P.radmann)).toEqual([]);
    expect(escalationRecipients(directory, P.radmann).map((e) => e.employeeId)).toEqual([P.hr]);
    expect(escalationRecipients(directory, P.laerer).map((e) => e.employeeId)).toEqual([P.rektor]);
  });
});

describe('snooze never past the deadline, escalation waits for a snooze (#17)', () => {
  it('When the deadline is five days away, then «Om en uke» is not offered and the last choice is «Dagen før fristen»', () => {
    const choices = snoozeChoices(at('2027-03-26T10:00:00.000Z'), at('2027-03-31T10:00:00.000Z'));
    expect(choices.map((c) => c.label)).toEqual(['I morgen', 'Om tre dager', 'Dagen før fristen']);
    expect(choices.at(-1)!.until.toISOString()).toBe('2027-03-30T07:00:00.000Z');
    expect(choices.every((c) => c.until.getTime() < at('2027-03-31T10:00:00.000Z').getTime())).toBe(true);
  });

  it('When the deadline is tomorrow afternoon, then only a time before it is offered', () => {
    const choices = snoozeChoices(at('2027-03-30T10:00:00.000Z'), at('2027-03-31T10:00:00.000Z'));
    expect(choices.every((c) => c.until.getTime() < at('2027-03-31T10:00:00.000Z').getTime())).toBe(true);
  });

  it('When a snooze is active at the escalation time, then the leader is not told until a day after the person was reminded again', () => {
    const until = '2027-04-03T07:00:00.000Z';
    const tasks: TaskState[] = [{ eventId: 'plan-mbm', occurrenceId: '2027-03-31', employeeId: P.rektor, snoozedAt: '2027-03-30T12:00:00.000Z', snoozeUntil: until }];
    const escalations = (now: string) => only(plan(now, { tasks }), 'plan-mbm').filter((p) => p.employeeId === P.rektor && p.kind === 'escalation');
    expect(escalations(ESCALATE)).toEqual([]);
    expect(only(plan(until, { tasks }), 'plan-mbm').filter((p) => p.recipientId === P.rektor).map((p) => p.kind)).toEqual(['snoozed']);
    expect(escalations('2027-04-04T07:00:00.000Z')).toHaveLength(1);
    // The others, who did not snooze, are escalated at the usual time.
    expect(only(plan(ESCALATE, { tasks }), 'plan-mbm').filter((p) => p.kind === 'escalation' && p.employeeId === P.styrer)).toHaveLength(1);
  });
});

describe('escalation only for deadlines passed while the person held the role (#17)', () => {
  it('When a leader took over the day after the deadline, then nobody is told that they have not finished it; a leader who held it at the deadline still is', () => {
    const snapshot = { ...smallOrg(), roleSince: { [P.styrer]: '2027-03-31T10:01:00.000Z', [P.rektor]: '2027-03-01T00:00:00.000Z' } };
    const dir = createOrgDirectory(snapshot);
    const list = only(plan(ESCALATE, { directory: dir }), 'plan-mbm').filter((p) => p.kind === 'escalation');
    expect(list.map((p) => p.employeeId)).not.toContain(P.styrer);
    expect(list.map((p) => p.employeeId)).toContain(P.rektor);
    // Reminders before the deadline are not affected: the new leader gets them as usual.
    expect(only(plan(D14, { directory: dir }), 'plan-mbm').map((p) => p.recipientId)).toContain(P.styrer);
  });
});
