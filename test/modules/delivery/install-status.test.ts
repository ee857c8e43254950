import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VERBS } from '../../../src/cards/verbs.js';
import { unknownUserText } from '../../../src/bot/identify.js';
import { actionsOf, cardOf, cardText, createHarness, HR_CONTACT, invokeCardOf, type TestUser } from '../../helpers/bot-harness.js';
import { SMALL_ORG_JSON } from '../org/helpers.js';

const user = (employeeNo: string, name: string): TestUser => ({ id: `29:${employeeNo}`, aadObjectId: `11111111-1111-4111-8111-11111111${employeeNo}`, name });
const HANNE_HR = user('1007', 'Hanne HR');
const RANDI = user('1003', 'Randi Rektor');
const LARS = user('1004', 'Lars Lærer');
const STRANGER: TestUser = { id: '29:vikar', aadObjectId: '00000000-0000-4000-8000-00000000beef', name: 'Vikar Ukjent' };

/** The text of an invoke response that is a message, not a card. */
const invokeText = (a: { value?: unknown } | undefined) => JSON.stringify(a?.value ?? '');

describe('«installasjonsstatus» (Installer boten for …)', () => {
  it('When HR asks, then the card lists everyone the bot cannot reach yet, and people drop off the list once they have written to the bot', async () => {
    const h = await createHarness();
    const card = cardOf((await h.say('installasjonsstatus', HANNE_HR, 'a:hanne'))[0]);
    // Hanne herself is reachable now (she just wrote); the other seven are not.
    expect(cardText(card)).toContain('Installer boten for 7 ansatte');
    expect(cardText(card)).toContain('Randi Rektor');
    expect(cardText(card)).toContain('Anne Assistent');
    expect(cardText(card)).not.toContain('Hanne HR');

    await h.say('hei', RANDI, 'a:randi');
    await h.say('hei', LARS, 'a:lars');
    const refreshed = invokeCardOf((await h.execute(VERBS.installStatus, { page: 1 }, HANNE_HR, 'a:hanne'))[0]);
    expect(cardText(refreshed)).toContain('Installer boten for 5 ansatte');
    expect(cardText(refreshed)).not.toContain('Randi Rektor');
    expect(cardText(refreshed)).not.toContain('Lars Lærer');
    expect(cardText(refreshed)).toMatch(/Kan nås\n3/);
  });

  it('When someone who is not HR asks, then they are told politely that the list is for HR, and see no names', async () => {
    const h = await createHarness();
    const [reply] = await h.say('installasjonsstatus', RANDI, 'a:randi');
    expect(reply!.text).toContain('bare for HR');
    expect(reply!.text).toContain(HR_CONTACT);
    expect(cardOf(reply)).toBeUndefined();
    // The card action is refused too, also with a page number typed in.
    const [invoke] = await h.execute(VERBS.installStatus, { page: 2 }, RANDI, 'a:randi');
    expect(invokeText(invoke)).toContain('bare for HR');
    expect(invokeText(invoke)).not.toContain('Anne Assistent');
    const [csv] = await h.execute(VERBS.installStatusCsv, { page: 1 }, RANDI, 'a:randi');
    expect(invokeText(csv)).toContain('bare for HR');
  });

  it('When someone outside the organisation asks, then they get the «not found» message', async () => {
    const h = await createHarness();
    const [reply] = await h.say('installasjonsstatus', STRANGER, 'a:vikar');
    expect(reply!.text).toBe(unknownUserText(HR_CONTACT));
  });

  it('When more than ten people are missing, then the list is paged with «Neste» and «Forrige»', async () => {
    const h = await createHarness();
    const org = JSON.parse(readFileSync(SMALL_ORG_JSON, 'utf8')) as { employees: Record<string, unknown>[] };
    for (let i = 0; i < 15; i++) {
      org.employees.push({
        employeeId: `${2000 + i}`, name: `Ekstra Ansatt ${String(i).padStart(2, '0')}`, upn: `ekstra${i}@testvik.kommune.no`, unitId: 'nordby-skole', leaderEmployeeId: '1003',
        position: { title: 'Lektor', code: '7954' }, employmentPercent: 100, roles: [],
      });
    }
    expect((await h.org.importOrg(JSON.stringify(org), 'org.json')).imported).toBe(true);
    const first = cardOf((await h.say('installasjonsstatus', HANNE_HR, 'a:hanne'))[0]);
    expect(cardText(first)).toContain('Side 1 av 3');
    const next = actionsOf(first).find((a) => a.title === 'Neste')!;
    expect(actionsOf(first).find((a) => a.title === 'Forrige')).toBeUndefined();
    const second = invokeCardOf((await h.execute(VERBS.installStatus, next.data, HANNE_HR, 'a:hanne'))[0]);
    expect(cardText(second)).toContain('Side 2 av 3');
    expect(actionsOf(second).map((a) => a.title)).toEqual(expect.arrayContaining(['Forrige', 'Neste']));
    // Each person appears on one page only.
    const names = (c: unknown): string[] => cardText(c).match(/\*\*[^*]+\*\*/g) ?? [];
    expect(names(first)).toHaveLength(10);
    expect(names(second).filter((n) => names(first).includes(n))).toEqual([]);
    // A page beyond the end shows the last page.
    expect(cardText(invokeCardOf((await h.execute(VERBS.installStatus, { page: 99 }, HANNE_HR, 'a:hanne'))[0]))).toContain('Side 3 av 3');
  });

  it('When HR asks for the list as CSV, then a one-time link gives every missing person with e-mail', async () => {
    const h = await createHarness();
    await h.say('hei', HANNE_HR, 'a:hanne');
    const card = invokeCardOf((await h.execute(VERBS.installStatusCsv, { page: 1 }, HANNE_HR, 'a:hanne'))[0]);
    const link = /\((http:\/\/127\.0\.0\.1:3978\/api\/downloads\/([A-Za-z0-9_-]+))\)/.exec(cardText(card));
    expect(link).not.toBeNull();
    const file = h.downloads.take(link![2]!)!;
    expect(file.contentType).toContain('text/csv');
    expect(file.content).toContain('1006;Anne Assistent;anne.assistent@testvik.kommune.no;Assistent;Sørby barnehage');
    expect(file.content).not.toContain('Hanne HR');
    expect(h.downloads.take(link![2]!)).toBeUndefined();
  });

  it('When a card action carries nonsense, then HR is told the card is outdated', async () => {
    const h = await createHarness();
    const [invoke] = await h.execute(VERBS.installStatus, { page: 'tull' }, HANNE_HR, 'a:hanne');
    expect(invokeText(invoke)).toContain('utdatert');
  });
});

describe('«Be … installere Kompetansebot»', () => {
  it('When a leader asks for the install request for her own employee, then a new message names him; for someone else’s employee it names nobody', async () => {
    const h = await createHarness();
    const randi = user('1003', 'Randi Rektor');
    const [own] = await h.submit({ verb: VERBS.installRequest, employeeId: '1004' }, randi);
    expect(own?.type).toBe('message');
    expect(cardText(cardOf(own))).toContain('Be Lars Lærer installere Kompetansebot');
    expect(cardText(cardOf(own))).toContain('Boten kan ikke sende deg meldinger før du har åpnet den én gang.');
    const stine = user('1005', 'Stine Styrer');
    const [other] = await h.submit({ verb: VERBS.installRequest, employeeId: '1004' }, stine);
    expect(cardText(cardOf(other))).toContain('Be dem installere Kompetansebot');
    expect(JSON.stringify(cardOf(other))).not.toContain('Lars');
  });
});
