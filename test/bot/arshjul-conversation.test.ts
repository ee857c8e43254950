import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs.js';
import { ARSHJUL_TEXT } from '../../src/modules/arshjul/arshjul-service.js';
import { renderReminderView } from '../../src/modules/arshjul/cards.js';
import { reminderKey } from '../../src/modules/arshjul/due-dates.js';
import { ARSHJUL_NOW_COMMAND, ARSHJUL_STALE_TEXT } from '../../src/modules/arshjul/teams.js';
import { projectRoot } from '../../src/util/project-root.js';
import { actionsOf, cardOf, cardText, createHarness, invokeCardOf, type TestUser } from '../helpers/bot-harness.js';
import { testCalendar } from '../modules/arshjul/fixtures.js';

// People of test/fixtures/org/small-org.json (Testvik kommune); the harness clock stands at 23 November 2026.
const user = (employeeId: string, name: string): TestUser => ({ id: `29:${employeeId}`, aadObjectId: `11111111-1111-4111-8111-11111111${employeeId}`, name });
const RANDI_REKTOR = user('1003', 'Randi Rektor');
const LARS_LAERER = user('1004', 'Lars Lærer');
const TOR_TILLITSVALGT = user('1008', 'Tor Tillitsvalgt');
const HANNE_HR = user('1007', 'Hanne HR');

const taskKey = (eventId: string, occurrenceId: string, employeeId: string) => reminderKey({ eventId, occurrenceId, employeeId, kind: { type: 'task' } });
const SAMTALER_RANDI = taskKey('samtaler', '2026-11-30', '1003');
const doneButtons = (card: unknown) => actionsOf(card).filter((a) => a.verb === VERBS.arshjulDone);
const invokeText = (reply: unknown) => JSON.stringify((reply as { value?: unknown })?.value ?? '');

describe('«Hva skjer i årshjulet nå?»', () => {
  it('When a rektor asks, then the card shows her overdue autumn deadline, the samtaler going on now with «Ferdig», what comes next, Q&A links and an .ics link', async () => {
    const h = await createHarness();
    const card = cardOf((await h.say('Hva skjer i årshjulet nå?', RANDI_REKTOR))[0])!;
    const text = cardText(card);
    // The roles in the singular: «som leder og enhetsleder», never «som en av verneombud» (#12).
    expect(text).toContain('som leder og enhetsleder.');
    expect(text).toContain('Forsinket');
    expect(text).toContain('Høstfrist for ledere');
    expect(text).toContain('Pågår nå');
    expect(text).toContain('Medarbeidersamtaler');
    expect(text).toContain('Frist: 30. november 2026 (om 7 dager)');
    // Nothing starts within 30 days: no «Kommer snart»; the MBM window from 1 January (39 days away) is «Senere i året» (#12).
    expect(text).not.toContain('Kommer snart');
    expect(text).toContain('Senere i året');
    expect(text.indexOf('Lokal plan godkjent i MBM')).toBeGreaterThan(text.indexOf('Senere i året'));
    expect(text).toMatch(/\[Last ned årshjulet for 2026 som kalenderfil \(\.ics\)\]\(http:\/\/127\.0\.0\.1:3978\/api\/downloads\/[\w-]+\)/);
    // «Ferdig» on her own tasks – overdue, now and (to finish early) next – and on nobody else's.
    const keys = doneButtons(card).map((a) => (a.data as { task: string }).task);
    expect(keys).toEqual(expect.arrayContaining([SAMTALER_RANDI, taskKey('host-frist', '2026-10-28', '1003'), taskKey('rektor-frist', '2027-05-15', '1003')]));
    expect(keys.every((k) => k.includes(':1003:task'))).toBe(true);
    expect(actionsOf(card).filter((a) => (a.data as { verb?: string })?.verb === VERBS.qaShow).map((a) => a.title)).toContain('Årshjulet for opplæringsplanene i skolene');
  });

  it('When the .ics link on the card is opened, then it gives the årshjul as a calendar file once', async () => {
    const h = await createHarness();
    const card = cardOf((await h.say('årshjulet', RANDI_REKTOR))[0]);
    const token = /\/api\/downloads\/([\w-]+)\)/.exec(cardText(card))![1]!;
    const file = h.downloads.take(token);
    expect(file).toMatchObject({ fileName: 'arshjul-2026.ics', contentType: 'text/calendar; charset=utf-8' });
    expect(file!.content).toContain('BEGIN:VCALENDAR');
    expect(h.downloads.take(token)).toBeUndefined();
  });

  it('When an employee without a leader role asks in nynorsk, then only the samtaler show, as something to know about, with nothing to tick off', async () => {
    const h = await createHarness();
    const card = cardOf((await h.say('Kva skjer i årshjulet no?', LARS_LAERER))[0])!;
    const text = cardText(card);
    expect(text).toContain('Medarbeidersamtaler');
    expect(text).not.toContain('Høstfrist');
    expect(text).not.toContain('Forsinket');
    expect(doneButtons(card)).toEqual([]);
  });

  it('When a tillitsvalgt and HR ask, then each sees the events for their own role', async () => {
    const h = await createHarness();
    const tor = cardText(cardOf((await h.say('hva skjer i årshjulet', TOR_TILLITSVALGT))[0]));
    expect(tor).toContain('Lokal plan godkjent i MBM');
    expect(tor).not.toContain('Vårfrist for HR');
    const hanne = cardText(cardOf((await h.say('årshjul', HANNE_HR))[0]));
    expect(hanne).toContain('Vårfrist for HR');
    expect(hanne).toContain('Nyttårsfrist');
  });

  it('When someone not in the organisation asks, then they are told to contact HR', async () => {
    const h = await createHarness();
    const [reply] = await h.say('Hva skjer i årshjulet nå?', { id: '29:ukjent', aadObjectId: '99999999-9999-4999-8999-999999999999', name: 'Ukjent' });
    expect(reply?.text).toContain('Jeg finner deg ikke i organisasjonsoversikten');
  });

  it('When an ordinary question about the content of an årshjul is asked, then it goes to the Q&A, not to the «now» card', async () => {
    const h = await createHarness({ knowledgeDir: join(projectRoot, 'content/knowledge'), arshjulCalendar: testCalendar() });
    const card = cardOf((await h.say('Hva skjer i januar–mars i Bærums SKUP-årshjul?', RANDI_REKTOR))[0]);
    const text = cardText(card);
    expect(text).not.toContain('Hva skjer i årshjulet nå?');
    expect(text).toContain('Årshjul januar–mars: innarbeiding og evaluering (Bærum SKUP)');
    for (const q of ['Hva skjer i årshjulet i mai?', 'Hvem har ansvar for årshjulet?', 'årshjul for barnehagene', 'Hva er et årshjul?']) {
      expect(ARSHJUL_NOW_COMMAND.test(q), q).toBe(false);
    }
    for (const q of ['årshjul', 'Årshjulet!', 'vis årshjulet', 'mitt årshjul', 'Hva skjer i årshjulet nå?', 'hva skjer nå i årshjulet', 'kva skjer i årshjulet no', 'Hva må jeg gjøre i årshjulet nå?']) {
      expect(ARSHJUL_NOW_COMMAND.test(q), q).toBe(true);
    }
  });
});

describe('«Ferdig» and «Minn meg på igjen …»', () => {
  it('When the rektor clicks «Ferdig» on the samtaler, then the card updates in place with the task ticked off, and a double click changes nothing', async () => {
    const h = await createHarness();
    const card = cardOf((await h.say('Hva skjer i årshjulet nå?', RANDI_REKTOR))[0]);
    const done = doneButtons(card).find((a) => (a.data as { task: string }).task === SAMTALER_RANDI)!;
    const updated = invokeCardOf((await h.execute(VERBS.arshjulDone, done.data, RANDI_REKTOR))[0]);
    const text = cardText(updated);
    expect(text).toContain('✔ «Medarbeidersamtaler» er markert som ferdig. Du får ingen flere påminnelser om den.');
    expect(text).toContain('✔ Ferdig');
    expect(doneButtons(updated).map((a) => (a.data as { task: string }).task)).not.toContain(SAMTALER_RANDI);
    expect(await h.store.arshjul.getTask('samtaler', '2026-11-30', '1003')).toMatchObject({ doneAt: '2026-11-23T10:00:00.000Z', doneBy: '1003' });

    const again = invokeCardOf((await h.execute(VERBS.arshjulDone, done.data, RANDI_REKTOR))[0]);
    expect(cardText(again)).toContain('«Medarbeidersamtaler» var allerede markert som ferdig.');
    expect((await h.store.arshjul.tasks()).filter((t) => t.doneAt)).toHaveLength(1);
    // A reminder planned before is no longer relevant.
    const view = await h.arshjul.reminderView(reminderKey({ eventId: 'samtaler', occurrenceId: '2026-11-30', employeeId: '1003', kind: { type: 'offset', days: 3 } }));
    expect(view).toMatchObject({ ok: true, stillRelevant: false });
  });

  it('When «Ferdig» is clicked on a reminder card, then the card shows it is done and offers no more buttons', async () => {
    const h = await createHarness();
    const view = await h.arshjul.reminderView(reminderKey({ eventId: 'samtaler', occurrenceId: '2026-11-30', employeeId: '1003', kind: { type: 'offset', days: 14 } }));
    if (!view.ok) throw new Error(view.reason);
    const card = renderReminderView(view);
    expect(cardText(card)).toContain('Påminnelse fra årshjulet – 14 dager til fristen');
    const done = actionsOf(card).find((a) => a.title === 'Ferdig')!;
    const updated = invokeCardOf((await h.execute(VERBS.arshjulDone, done.data, RANDI_REKTOR))[0]);
    expect(cardText(updated)).toContain('✔ Markert som ferdig. Du får ingen flere påminnelser om denne.');
    expect(actionsOf(updated).filter((a) => a.verb === VERBS.arshjulDone || a.verb === VERBS.arshjulSnooze)).toEqual([]);
    expect(await h.store.arshjul.getTask('samtaler', '2026-11-30', '1003')).toMatchObject({ doneBy: '1003' });
  });

  it('When the rektor picks «I morgen» under «Minn meg på igjen …», then the card says when, and the snooze is stored', async () => {
    const h = await createHarness();
    const view = await h.arshjul.reminderView(reminderKey({ eventId: 'samtaler', occurrenceId: '2026-11-30', employeeId: '1003', kind: { type: 'offset', days: 14 } }));
    if (!view.ok) throw new Error(view.reason);
    const card = renderReminderView(view);
    expect(cardText(card)).toContain('Minn meg på igjen …');
    const snooze = actionsOf(card).find((a) => a.verb === VERBS.arshjulSnooze)!;
    const tomorrow = view.snoozeChoices.find((c) => c.label === 'I morgen')!;
    // Teams merges the inputs into the action's data.
    const updated = invokeCardOf((await h.execute(VERBS.arshjulSnooze, { ...(snooze.data as object), until: tomorrow.until }, RANDI_REKTOR))[0]);
    expect(cardText(updated)).toContain('Jeg minner deg på det igjen 24. november 2026 kl. 09.00.');
    expect(actionsOf(updated).map((a) => a.title)).toEqual(['Ferdig']);
    expect(await h.store.arshjul.getTask('samtaler', '2026-11-30', '1003')).toMatchObject({ snoozeUntil: '2026-11-24T08:00:00.000Z' });
  });

  it('When a card carries a tampered key, someone else’s task or a snooze in the past, then nothing is stored and the user is told why', async () => {
    const h = await createHarness();
    const styrersTask = taskKey('samtaler', '2026-11-30', '1005');
    const cases: [string, unknown, string][] = [
      [VERBS.arshjulDone, { task: styrersTask, view: 'now' }, ARSHJUL_TEXT.notYours],
      [VERBS.arshjulDone, { task: 'arshjul:samtaler:2026-11-30:1003:tull', view: 'now' }, ARSHJUL_TEXT.badKey],
      [VERBS.arshjulDone, { task: 'arshjul:finnes-ikke:2026-11-30:1003:task' }, ARSHJUL_TEXT.unknownEvent],
      [VERBS.arshjulDone, { view: 'now' }, ARSHJUL_STALE_TEXT],
      [VERBS.arshjulDone, 'tull', ARSHJUL_STALE_TEXT],
      [VERBS.arshjulSnooze, { task: styrersTask, until: '2026-11-24T08:00:00.000Z' }, ARSHJUL_TEXT.notYours],
      [VERBS.arshjulSnooze, { task: SAMTALER_RANDI, until: '2020-01-01T08:00:00.000Z' }, ARSHJUL_TEXT.badSnooze],
      [VERBS.arshjulSnooze, { task: SAMTALER_RANDI }, ARSHJUL_STALE_TEXT],
    ];
    for (const [verb, data, expected] of cases) {
      const [reply] = await h.execute(verb, data, RANDI_REKTOR);
      expect(invokeText(reply), JSON.stringify(data)).toContain(expected.slice(0, 40));
    }
    expect(await h.store.arshjul.tasks()).toEqual([]);
  });
});

describe('årshjul from other cards', () => {
  it('When «Hva skjer i årshjulet nå?» is clicked on an escalation, or a new .ics link is asked for, then the card comes as a new message', async () => {
    const h = await createHarness();
    expect(cardText(cardOf((await h.submit({ verb: VERBS.arshjulNow }, RANDI_REKTOR))[0]))).toContain('Pågår nå');
    const ics = cardText(cardOf((await h.submit({ verb: VERBS.arshjulIcs, year: 2027 }, RANDI_REKTOR))[0]));
    expect(ics).toContain('Årshjulet 2027 som kalenderfil');
    expect(ics).toMatch(/\[Last ned arshjul-2027\.ics\]\(http:\/\/127\.0\.0\.1:3978\/api\/downloads\//);
    expect((await h.say('årshjulet som kalender', RANDI_REKTOR))[0]).toBeDefined();
    const [bad] = await h.submit({ verb: VERBS.arshjulIcs, year: 1900 }, RANDI_REKTOR);
    expect(bad?.text).toBe(ARSHJUL_TEXT.badYear);
  });
});
