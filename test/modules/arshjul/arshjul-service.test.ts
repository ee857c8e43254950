import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ArshjulService, createArshjulService, type EnqueueReminders, type ReminderIntent, type WhatsNow } from '../../../src/modules/arshjul/arshjul-service.js';
import { reminderKey } from '../../../src/modules/arshjul/due-dates.js';
import { silentLogger } from '../../../src/logging/logger.js';
import { fixedClock } from '../../../src/shared/dates.js';
import { openLowdbStore } from '../../../src/storage/lowdb/lowdb-store.js';
import { openMemoryStore } from '../../../src/storage/open-store.js';
import type { Store } from '../../../src/storage/ports/store.js';
import { createOrgDirectory } from '../../../src/modules/org/org-directory.js';
import { smallOrg } from '../org/helpers.js';
import { P, testCalendar, testDirectory } from './fixtures.js';

const calendar = testCalendar();
const directory = testDirectory();
const kb = {
  byId: new Map([['kb-mbm', { title: 'Når må planen godkjennes i MBM?' }]]),
  documents: new Map([['001' as const, { short: 'KS-rapport 2010', year: 2010 }]]),
};
const D14 = '2027-03-17T11:00:00.000Z';
const D3 = '2027-03-28T10:00:00.000Z';
const LEADERS = [P.radmann, P.kommunalsjef, P.rektor, P.styrer, P.hr].sort();

async function setup(store?: Store, now = '2027-02-10T09:00:00.000Z') {
  const s = store ?? (await openMemoryStore());
  const clock = fixedClock(now);
  const service = createArshjulService({ calendar, org: { directory: () => directory }, state: s.arshjul, clock, logger: silentLogger, kb });
  return { store: s, clock, service };
}

async function whatsNow(service: ArshjulService, viewer: string, now?: Date): Promise<WhatsNow> {
  const r = await service.whatsNow(viewer, now);
  if (!r.ok) throw new Error(r.reason);
  return r;
}

describe('«Hva skjer i årshjulet nå?»', () => {
  it('When a rektor asks in February, then the MBM window is on now with their own task, and the school deadline, the samtaler and the autumn deadline come next', async () => {
    const { service } = await setup();
    const r = await whatsNow(service, P.rektor);
    expect(r.roles).toEqual(['leder', 'enhetsleder']);
    expect(r.current.map((i) => i.eventId)).toEqual(['plan-mbm']);
    expect(r.current[0]).toMatchObject({
      title: 'Lokal plan godkjent i MBM',
      when: '1. januar–31. mars 2027',
      deadlineText: '31. mars 2027',
      responsible: true,
      done: false,
      overdue: false,
      responsibleText: 'ledere',
      qa: [{ id: 'kb-mbm', title: 'Når må planen godkjennes i MBM?' }],
      source: { document: '001', text: 'KS-rapport 2010 (2010), SKUP årshjul' },
    });
    expect(r.current[0]!.taskKey).toBe(reminderKey({ eventId: 'plan-mbm', occurrenceId: '2027-03-31', employeeId: P.rektor, kind: { type: 'task' } }));
    expect(r.next.map((i) => i.eventId)).toEqual(['rektor-frist', 'samtaler', 'host-frist']);
    expect(r.next[2]).toMatchObject({ deadlineText: '28. oktober 2027 kl. 12.00' });
  });

  it('When an employee without a leader role asks, then only what is for everyone shows, and nothing to tick off', async () => {
    const { service } = await setup();
    const r = await whatsNow(service, P.laerer);
    expect(r.current).toEqual([]);
    expect(r.next.map((i) => [i.eventId, i.responsible, i.taskKey])).toEqual([['samtaler', false, undefined]]);
  });

  it('When a tillitsvalgt asks, then the MBM window shows as something to know about, not a task', async () => {
    const { service } = await setup();
    const r = await whatsNow(service, P.tillitsvalgt);
    expect(r.current.map((i) => [i.eventId, i.responsible])).toEqual([['plan-mbm', false]]);
  });

  it('When the kommunalsjef asks in mid-January, then the winter window over New Year is on now', async () => {
    const { service } = await setup(undefined, '2027-01-15T09:00:00.000Z');
    const r = await whatsNow(service, P.kommunalsjef);
    expect(r.current.map((i) => [i.eventId, i.when])).toContainEqual(['vinter', '1. desember 2026–31. januar 2027']);
  });

  it('When a leader has not finished after the deadline, then it is listed as overdue until they press «Ferdig»', async () => {
    const { service } = await setup(undefined, '2027-04-05T09:00:00.000Z');
    const before = await whatsNow(service, P.styrer);
    expect(before.overdue.map((i) => [i.eventId, i.overdue, i.daysLeft])).toEqual([['plan-mbm', true, -5]]);
    const done = await service.markDone(P.styrer, before.overdue[0]!.taskKey!);
    expect(done.ok).toBe(true);
    expect((await whatsNow(service, P.styrer)).overdue).toEqual([]);
  });

  it('When someone not in the organisation asks, then they get a polite refusal', async () => {
    const { service } = await setup();
    expect(await service.whatsNow('9999')).toMatchObject({ ok: false, code: 'forbidden', reason: expect.stringMatching(/HR/) });
  });
});

describe('«Ferdig» and «Minn meg på igjen»', () => {
  const key = (employeeId: string, eventId = 'plan-mbm', occurrenceId = '2027-03-31') => reminderKey({ eventId, occurrenceId, employeeId, kind: { type: 'offset', days: 14 } });

  it('When «Ferdig» is pressed twice (a double click), then it is stored once and the second says it was already done', async () => {
    const { service, store } = await setup(undefined, D14);
    const first = await service.markDone(P.rektor, key(P.rektor));
    expect(first).toMatchObject({ ok: true, alreadyDone: false, item: { done: true, responsible: true } });
    const second = await service.markDone(P.rektor, key(P.rektor));
    expect(second).toMatchObject({ ok: true, alreadyDone: true });
    expect((await store.arshjul.tasks()).filter((t) => t.doneAt)).toHaveLength(1);
  });

  it('When the work behind «Ferdig» is not done (the completion check says what remains), then it is refused with that and nothing is stored', async () => {
    const { store, clock } = await setup(undefined, D14);
    const calls: [string, string, string][] = [];
    let remaining = 'Gjenstår: Erik, Liv.';
    const service = createArshjulService({
      calendar,
      org: { directory: () => directory },
      state: store.arshjul,
      clock,
      logger: silentLogger,
      kb,
      completion: async (eventId, employeeId, deadline) => {
        calls.push([eventId, employeeId, deadline.toISOString()]);
        return remaining ? { done: false, reason: remaining } : { done: true };
      },
    });
    expect(await service.markDone(P.rektor, key(P.rektor))).toEqual({ ok: false, code: 'not-done', reason: 'Gjenstår: Erik, Liv.' });
    expect((await store.arshjul.tasks()).filter((t) => t.doneAt)).toHaveLength(0);
    expect(calls[0]!.slice(0, 2)).toEqual(['plan-mbm', P.rektor]);
    remaining = '';
    expect(await service.markDone(P.rektor, key(P.rektor))).toMatchObject({ ok: true, alreadyDone: false });
  });

  it.each([
    ['another person’s task', () => key(P.styrer), 'forbidden', /annen person/],
    ['a tampered key', () => 'arshjul:plan-mbm:2027-03-31', 'invalid', /nytt kort/],
    ['an event no longer in the årshjul', () => key(P.rektor, 'fjernet'), 'not-found', /finnes ikke lenger/],
    ['a date the event does not fall on', () => key(P.rektor, 'plan-mbm', '2027-03-30'), 'not-found', /finnes ikke lenger/],
  ])('When «Ferdig» comes with %s, then it is refused and nothing is stored', async (_label, makeKey, code, reason) => {
    const { service, store } = await setup(undefined, D14);
    expect(await service.markDone(P.rektor, makeKey())).toMatchObject({ ok: false, code, reason: expect.stringMatching(reason) });
    expect(await store.arshjul.tasks()).toEqual([]);
  });

  it('When someone not responsible for a shared task presses «Ferdig» on it, then it is refused', async () => {
    const { service } = await setup(undefined, D14);
    const hrKey = reminderKey({ eventId: 'var-frist', occurrenceId: '2027-04-01', employeeId: P.hr, kind: { type: 'offset', days: 14 } });
    expect(await service.markDone(P.kommunalsjef, hrKey)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await service.markDone(P.hr, hrKey)).toMatchObject({ ok: true });
  });

  it('When two HR people share a task and one presses «Ferdig», then the other is told it is done and neither is reminded again', async () => {
    const org = smallOrg();
    org.employees.push({ ...org.employees.find((e) => e.employeeId === P.hr)!, employeeId: '1009', name: 'Hege HR', upn: 'hege.hr@testvik.kommune.no', aadObjectId: undefined, roles: ['hr'] });
    const dir = createOrgDirectory(org);
    const store = await openMemoryStore();
    const service = createArshjulService({ calendar, org: { directory: () => dir }, state: store.arshjul, clock: fixedClock('2027-03-18T11:00:00.000Z'), logger: silentLogger });
    const keyOf = (id: string) => reminderKey({ eventId: 'var-frist', occurrenceId: '2027-04-01', employeeId: id, kind: { type: 'offset', days: 14 } });
    expect((await service.planReminders()).filter((i) => i.item.eventId === 'var-frist').map((i) => i.recipientId).sort()).toEqual([P.hr, '1009']);
    expect(await service.markDone(P.hr, keyOf(P.hr))).toMatchObject({ ok: true, alreadyDone: false });
    expect(await service.markDone('1009', keyOf('1009'))).toMatchObject({ ok: true, alreadyDone: true, item: { done: true } });
    expect((await service.planReminders(new Date('2027-03-29T10:00:00.000Z'))).filter((i) => i.item.eventId === 'var-frist')).toEqual([]);
  });

  it('When «Minn meg på igjen» is chosen, then the time is stored and shown in Norwegian, Oslo time', async () => {
    const { service, store } = await setup(undefined, D14);
    const r = await service.snooze(P.rektor, key(P.rektor), '2027-03-18T08:00:00.000Z');
    expect(r).toMatchObject({ ok: true, snoozeUntil: '2027-03-18T08:00:00.000Z', snoozeText: '18. mars 2027 kl. 09.00' });
    expect(await store.arshjul.getTask('plan-mbm', '2027-03-31', P.rektor)).toMatchObject({ snoozedAt: D14, snoozeUntil: '2027-03-18T08:00:00.000Z' });
  });

  it.each([
    ['in the past', '2027-03-17T10:00:00.000Z'],
    ['more than 90 days ahead', '2027-07-01T08:00:00.000Z'],
    ['not a time', 'i morgen'],
  ])('When «Minn meg på igjen» asks for a time %s, then it is refused', async (_label, until) => {
    const { service } = await setup(undefined, D14);
    expect(await service.snooze(P.rektor, key(P.rektor), until)).toMatchObject({ ok: false, code: 'invalid' });
  });

  it('When «Minn meg på igjen» asks for a time after the deadline, then it is refused and the deadline is named', async () => {
    const { service, store } = await setup(undefined, D14);
    // plan-mbm is due 31 March 2027 at 12:00 Oslo time.
    const r = await service.snooze(P.rektor, key(P.rektor), '2027-04-01T07:00:00.000Z');
    expect(r).toMatchObject({ ok: false, code: 'invalid' });
    expect((r as { reason: string }).reason).toContain('31. mars 2027 kl. 12.00');
    expect(await store.arshjul.getTask('plan-mbm', '2027-03-31', P.rektor)).toBeUndefined();
    expect(await service.snooze(P.rektor, key(P.rektor), '2027-03-30T07:00:00.000Z')).toMatchObject({ ok: true });
  });

  it('When a done task is snoozed, then it says it is already done', async () => {
    const { service } = await setup(undefined, D14);
    await service.markDone(P.rektor, key(P.rektor));
    expect(await service.snooze(P.rektor, key(P.rektor), '2027-03-18T08:00:00.000Z')).toMatchObject({ ok: false, code: 'done' });
  });
});

/** An outbox that, like the real one, ignores a key it already has. */
function fakeOutbox() {
  const items = new Map<string, ReminderIntent>();
  const enqueue: EnqueueReminders = async (intents) => {
    for (const i of intents) if (!items.has(i.key)) items.set(i.key, i);
  };
  return { items, enqueue };
}

describe('planning reminders', () => {
  it('When the 14-day reminder is due, then each leader gets one intent with what the card needs', async () => {
    const { service } = await setup(undefined, D14);
    const intents = (await service.planReminders()).filter((i) => i.item.eventId === 'plan-mbm');
    expect(intents.map((i) => i.recipientId).sort()).toEqual(LEADERS);
    const rektor = intents.find((i) => i.recipientId === P.rektor)!;
    expect(rektor).toMatchObject({
      kind: 'reminder',
      offsetDays: 14,
      employeeId: P.rektor,
      employeeName: 'Randi Rektor',
      dueAt: D14,
      item: { title: 'Lokal plan godkjent i MBM', deadlineText: '31. mars 2027', daysLeft: 14, responsible: true },
    });
    expect(rektor.key).toBe('arshjul:plan-mbm:2027-03-31:1003:d14');
  });

  it('When a run has handed the reminders to the outbox, then the next run at the same time plans none', async () => {
    const { service } = await setup(undefined, D14);
    const outbox = fakeOutbox();
    const first = await service.enqueueReminders(outbox.enqueue);
    expect(first.confirmed).toBe(first.intents.length);
    expect(first.intents.length).toBeGreaterThanOrEqual(LEADERS.length);
    expect(await service.planReminders()).toEqual([]);
    expect((await service.enqueueReminders(outbox.enqueue)).intents).toEqual([]);
    expect(outbox.items.size).toBe(first.intents.length);
  });

  it('When two schedulers run at the same instant on the same store, then the outbox gets every reminder once and each key is confirmed once', async () => {
    const store = await openMemoryStore();
    const a = await setup(store, D14);
    const b = await setup(store, D14);
    const outbox = fakeOutbox();
    const handed: string[] = [];
    const enqueue: EnqueueReminders = async (intents) => {
      handed.push(...intents.map((i) => i.key));
      await outbox.enqueue(intents);
    };
    const [x, y] = await Promise.all([a.service.enqueueReminders(enqueue), b.service.enqueueReminders(enqueue)]);
    expect(handed.length).toBe(2 * outbox.items.size); // both planned the same keys …
    expect(new Set(handed).size).toBe(outbox.items.size); // … and the outbox holds each once
    expect(x.confirmed + y.confirmed).toBe(outbox.items.size);
  });

  it('When the bot restarts between two runs, then the reminders handed over before are not planned again', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kbot-arshjul-')), 'data', 'db.json');
    const first = await setup(await openLowdbStore(file), D14);
    expect((await first.service.enqueueReminders(fakeOutbox().enqueue)).confirmed).toBeGreaterThan(0);
    await first.store.close();
    const second = await setup(await openLowdbStore(file), '2027-03-17T11:15:00.000Z');
    expect(await second.service.planReminders()).toEqual([]);
  });

  it('When the run dies after the outbox took the reminders but before confirming, then the next run offers the same keys and the outbox keeps one of each', async () => {
    const store = await openMemoryStore();
    const outbox = fakeOutbox();
    const crashing = createArshjulService({
      calendar,
      org: { directory: () => directory },
      state: { ...store.arshjul, claim: async () => Promise.reject(new Error('prosessen døde')) },
      clock: fixedClock(D14),
      logger: silentLogger,
    });
    await expect(crashing.enqueueReminders(outbox.enqueue)).rejects.toThrow('prosessen døde');
    const before = outbox.items.size;
    expect(before).toBeGreaterThan(0);
    const { service } = await setup(store, '2027-03-17T11:15:00.000Z');
    const again = await service.enqueueReminders(outbox.enqueue);
    expect(again.intents.map((i) => i.key).sort()).toEqual([...outbox.items.keys()].sort());
    expect(outbox.items.size).toBe(before);
  });

  it('When the outbox fails, then nothing is confirmed and the next run tries the same reminders again', async () => {
    const { service } = await setup(undefined, D14);
    await expect(service.enqueueReminders(async () => Promise.reject(new Error('outbox nede')))).rejects.toThrow('outbox nede');
    expect((await service.planReminders()).length).toBeGreaterThanOrEqual(LEADERS.length);
  });

  it('When a leader pressed «Ferdig» before the 3-day reminder, then they are left out of it', async () => {
    const { service, clock } = await setup(undefined, D14);
    await service.enqueueReminders(fakeOutbox().enqueue);
    await service.markDone(P.rektor, 'arshjul:plan-mbm:2027-03-31:1003:d14');
    clock.set(D3);
    const intents = (await service.planReminders()).filter((i) => i.item.eventId === 'plan-mbm');
    expect(intents.map((i) => i.recipientId).sort()).toEqual(LEADERS.filter((id) => id !== P.rektor));
  });

  it('When a leader snoozes, then one «snoozed» reminder comes at that time and no other reminder in between', async () => {
    const { service, clock } = await setup(undefined, D14);
    const outbox = fakeOutbox();
    await service.enqueueReminders(outbox.enqueue);
    await service.snooze(P.rektor, 'arshjul:plan-mbm:2027-03-31:1003:d14', '2027-03-29T07:00:00.000Z');
    clock.set(D3);
    expect((await service.enqueueReminders(outbox.enqueue)).intents.map((i) => i.recipientId)).not.toContain(P.rektor);
    clock.set('2027-03-29T07:00:00.000Z');
    const snoozed = await service.enqueueReminders(outbox.enqueue);
    expect(snoozed.intents).toEqual([expect.objectContaining({ kind: 'snoozed', recipientId: P.rektor, key: 'arshjul:plan-mbm:2027-03-31:1003:s20270329T070000Z' })]);
  });

  it('When a task is overdue, then the escalation names the person and goes once to their leader', async () => {
    const { service } = await setup(undefined, '2027-04-01T10:00:00.000Z');
    const outbox = fakeOutbox();
    const esc = (await service.enqueueReminders(outbox.enqueue)).intents.filter((i) => i.kind === 'escalation' && i.employeeId === P.styrer);
    expect(esc).toEqual([expect.objectContaining({ recipientId: P.kommunalsjef, employeeName: 'Stine Styrer', item: expect.objectContaining({ overdue: true }) })]);
    expect((await service.enqueueReminders(outbox.enqueue)).intents).toEqual([]);
  });
});

describe('the reminder at send time', () => {
  it('When a reminder is rendered, then it carries the task, whose it is, and «Minn meg på igjen» choices ahead of now', async () => {
    const { service } = await setup(undefined, D14);
    const view = await service.reminderView('arshjul:plan-mbm:2027-03-31:1003:d14');
    if (!view.ok) throw new Error(view.reason);
    expect(view).toMatchObject({ kind: 'reminder', stillRelevant: true, employeeName: 'Randi Rektor', recipientId: P.rektor, offsetDays: 14, item: { taskKey: expect.stringContaining(':task') } });
    expect(view.snoozeChoices.map((c) => [c.label, c.untilText])).toEqual([
      ['I morgen', '18. mars 2027 kl. 09.00'],
      ['Om tre dager', '20. mars 2027 kl. 09.00'],
      ['Om en uke', '24. mars 2027 kl. 09.00'],
      ['Dagen før fristen', '30. mars 2027 kl. 09.00'],
    ]);
  });

  it('When the task was done after the reminder was planned, then the view says it is no longer relevant', async () => {
    const { service } = await setup(undefined, D14);
    await service.markDone(P.rektor, 'arshjul:plan-mbm:2027-03-31:1003:d14');
    expect(await service.reminderView('arshjul:plan-mbm:2027-03-31:1003:d14')).toMatchObject({ ok: true, stillRelevant: false, snoozeChoices: [] });
  });

  it('When an escalation is rendered, then it goes to the leader and offers no snooze', async () => {
    const { service } = await setup(undefined, '2027-04-01T10:00:00.000Z');
    const key = reminderKey({ eventId: 'plan-mbm', occurrenceId: '2027-03-31', employeeId: P.styrer, kind: { type: 'escalation', recipientId: P.kommunalsjef } });
    expect(await service.reminderView(key)).toMatchObject({ ok: true, kind: 'escalation', recipientId: P.kommunalsjef, employeeName: 'Stine Styrer', snoozeChoices: [], stillRelevant: true });
  });

  it('When the key is malformed, then the view is refused', async () => {
    const { service } = await setup(undefined, D14);
    expect(await service.reminderView('arshjul:x')).toMatchObject({ ok: false, code: 'invalid' });
  });
});

describe('iCalendar export', () => {
  it('When a year is exported, then the file is a calendar named for the year with a source line per event', async () => {
    const { service } = await setup();
    const r = service.exportIcs(2027);
    if (!r.ok) throw new Error(r.reason);
    expect(r.file).toMatchObject({ fileName: 'arshjul-2027.ics', contentType: 'text/calendar; charset=utf-8' });
    const unfolded = r.file.content.replace(/\r\n /g, '');
    expect(unfolded).toContain('X-WR-CALNAME:Årshjul 2027');
    expect(unfolded).toContain('Kilde: KS-rapport 2010 (2010)\\, SKUP årshjul');
    expect(unfolded).toContain('Ansvarlig: ledere');
  });

  it('When the year is out of range, then it is refused', async () => {
    const { service } = await setup();
    expect(service.exportIcs(1999)).toMatchObject({ ok: false, code: 'invalid' });
    expect(service.exportIcs(2027.5)).toMatchObject({ ok: false, code: 'invalid' });
  });
});
