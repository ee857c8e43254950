/**
 * The medarbeidersamtale in Teams, through the real Application over TestAdapter: a leader
 * (Randi Rektor, 1003) and her report (Lars Lærer, 1004) in test/fixtures/org/small-org.json.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Activity } from 'botbuilder';
import { afterEach, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs.js';
import { renderNotice } from '../../src/modules/samtale/cards/messages.js';
import { SAMTALE_TEXT } from '../../src/modules/samtale/samtale-service.js';
import { TEXT } from '../../src/modules/samtale/commands.js';
import { DUPLICATE_TEXT, SAMTALE_STALE_TEXT } from '../../src/modules/samtale/teams-input.js';
import { openStore } from '../../src/storage/open-store.js';
import type { Store } from '../../src/storage/ports/store.js';
import { actionsOf, cardOf, cardText, createHarness, invokeCardOf, type TestUser } from '../helpers/bot-harness.js';
import { HANNE, LARS, RANDI, STINE, TOR } from '../helpers/small-org-users.js';

// Besides Randi and Lars: Stine, another leader (Sørby barnehage); Hanne (HR); Tor, a colleague of Lars with the same leader.

const LARS_SECRET = 'Lars: arbeidsmengden er for stor';
const RANDI_SECRET = 'Randi: Lars gjør en god jobb';

type Harness = Awaited<ReturnType<typeof createHarness>>;
type Action = Record<string, unknown> & { verb?: string; title?: string; data?: Record<string, unknown> };

const tmpDirs: string[] = [];
afterEach(() => {
  for (const d of tmpDirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function action(card: unknown, title: string): Action {
  const found = (actionsOf(card) as Action[]).find((a) => a.title === title);
  if (!found) throw new Error(`no «${title}» on the card:\n${cardText(card)}`);
  return found;
}

/** Clicks a button of a card (Action.Execute) with the given inputs; returns the card that replaces it. */
async function click(h: Harness, user: TestUser, card: unknown, title: string, inputs: Record<string, unknown> = {}) {
  const a = action(card, title);
  const replies = await h.execute(a.verb!, { ...a.data, ...inputs }, user);
  // The invoke response carries the card that replaces the clicked one; a message may come before it.
  const next = replies.map(invokeCardOf).find(Boolean);
  if (!next) throw new Error(`no card after «${title}»: ${JSON.stringify(replies.at(-1)?.value)}`);
  return next;
}

async function execute(h: Harness, user: TestUser, verb: string, data: Record<string, unknown>) {
  const replies = await h.execute(verb, data, user);
  return replies.map(invokeCardOf).find(Boolean)!;
}

/** Lars opens Kompetansebot once («mine samtaler»): from then on the bot can message him. */
async function larsOpensTheBot(h: Harness) {
  await h.execute(VERBS.samtaleMine, {}, LARS);
}

/** Randi starts a samtale with Lars on 1 December 2026 (Lars has opened the bot); returns the overview card and the samtale id. */
async function startWithLars(h: Harness) {
  await larsOpensTheBot(h);
  const [reply] = await h.say('start medarbeidersamtale med lars', RANDI);
  const form = cardOf(reply)!;
  expect(cardText(form)).toContain('Medarbeidersamtale med Lars Lærer');
  const overview = await click(h, RANDI, form, 'Start og send invitasjon', { date: '2026-12-01' });
  const samtaleId = String(action(overview, 'Mine samtaler') && (actionsOf(overview) as Action[]).find((a) => a.data?.samtaleId)?.data?.samtaleId);
  return { form, overview, samtaleId };
}

async function outboxKeys(store: Store, samtaleId: string) {
  return (await store.outbox.list(`samtale:${samtaleId}`)).map((i) => i.key);
}

describe('medarbeidersamtale in Teams', () => {
  it('When a leader and her report go through the whole samtale, then each step is saved, preparations stay private until opened, and the referat is confirmed and locked', async () => {
    const h = await createHarness();

    // 1. Randi starts it; Lars gets an invitation in the outbox.
    const { form, overview, samtaleId } = await startWithLars(h);
    expect(cardText(overview)).toContain('Samtalen er planlagt. Lars får en invitasjon i Teams til å forberede seg.');
    expect(cardText(overview)).not.toContain('har fått');
    expect(await outboxKeys(h.store, samtaleId)).toEqual([`samtale:${samtaleId}:invitasjon:1004:1`]);
    // A double click on «Start» starts nothing new.
    const again = await click(h, RANDI, form, 'Start og send invitasjon', { date: '2026-12-01' });
    expect(cardText(again)).toContain(DUPLICATE_TEXT);
    expect(await h.store.samtaler.listForEmployee('1004')).toHaveLength(1);

    // 2. Lars prepares one section at a time.
    const prep1 = await execute(h, LARS, VERBS.samtaleSection, { samtaleId });
    expect(cardText(prep1)).toContain('Arbeidssituasjon og trivsel');
    expect(cardText(prep1)).toContain('Del 1 av 3');
    expect(cardText(prep1)).toContain('Hvordan har du det i jobben din nå?');
    const prep2 = await click(h, LARS, prep1, 'Lagre og gå videre', { q_hverdag: LARS_SECRET });
    expect(cardText(prep2)).toContain('Kompetanse og læring');
    expect(cardText(prep2)).toContain('Svarene er lagret.');
    // Clicking the same button again (double click) saves nothing twice and says so.
    const dup = await click(h, LARS, prep1, 'Lagre og gå videre', { q_hverdag: LARS_SECRET });
    expect(cardText(dup)).toContain(DUPLICATE_TEXT);

    // Randi cannot read Lars's preparation yet.
    const randiView = await execute(h, RANDI, VERBS.samtaleOpen, { samtaleId });
    expect(cardText(randiView)).toContain('Påbegynt');
    expect(JSON.stringify(randiView)).not.toContain(LARS_SECRET);

    // 3. Lars finishes and submits; Randi is told.
    const review = await click(h, LARS, prep2, 'Lagre og gå videre', { q_egenvurdering: 'God', q_ubrukt: 'Nei' });
    const lastSection = review;
    expect(cardText(lastSection)).toContain('Oppfølging fra forrige samtale');
    const larsOverview = await click(h, LARS, lastSection, 'Lagre og se over', { q_status: '' });
    // «Se over» shows his answers, question by question, not only the status.
    expect(cardText(larsOverview)).toContain('Dine svar');
    expect(cardText(larsOverview)).toContain('Hvordan har du det på jobb?');
    expect(cardText(larsOverview)).toContain(LARS_SECRET);
    expect(cardText(larsOverview)).toContain('Ikke besvart.');
    const submitted = await click(h, LARS, larsOverview, 'Send inn forberedelsen');
    expect(cardText(submitted)).toContain('Forberedelsen er sendt inn');
    expect(await outboxKeys(h.store, samtaleId)).toContain(`samtale:${samtaleId}:forberedelse-sendt:1003:5`);

    // Randi prepares too, and starts the conversation: both preparations side by side.
    const randiPrep = await execute(h, RANDI, VERBS.samtaleSection, { samtaleId });
    // The leader's card opens with the text written to her, not the employee's.
    expect(cardText(randiPrep)).toContain('Hvordan opplever du at medarbeideren har det i jobben nå?');
    expect(cardText(randiPrep)).not.toContain('jobben din');
    const randiSaved = await click(h, RANDI, randiPrep, 'Lagre og fortsett senere', { q_hverdag: RANDI_SECRET });
    const randiSubmitted = await click(h, RANDI, randiSaved, 'Send inn forberedelsen');
    const conduct = await click(h, RANDI, randiSubmitted, 'Start samtalen');
    expect(cardText(conduct)).toContain(LARS_SECRET);
    expect(cardText(conduct)).toContain(RANDI_SECRET);
    expect(cardText(conduct)).toContain('Lars Lærer skrev');
    // Lars is told the samtale has started.
    const started = (await h.store.outbox.list(`samtale:${samtaleId}`)).filter((i) => i.key.includes(':samtale-startet:'));
    expect(started.map((i) => i.recipient)).toEqual([{ kind: 'employee', employeeId: '1004' }]);
    expect(cardText(renderNotice(started[0]!.data as Parameters<typeof renderNotice>[0]))).toContain('Randi Rektor har startet medarbeidersamtalen med deg.');

    // 4. Notes, an action with a wrong date (shown at the field, nothing saved), then a right one, a plan item.
    const shared = await click(h, RANDI, conduct, 'Lagre som felles notat', { noteText: 'Vi avtalte mindre inspeksjon' });
    expect(cardText(shared)).toContain('Felles notat lagret.');
    const priv = await click(h, RANDI, shared, 'Lagre som privat notat', { noteText: 'Randis private tanke' });
    expect(cardText(priv)).toContain('Privat notat (bare du ser det)');
    const badAction = await click(h, RANDI, priv, 'Legg til tiltaket', { actionWhat: 'Kurs i veiledning', actionOwner: '1004', actionDue: '2020-01-01' });
    expect(cardText(badAction)).toContain('Datoen har passert');
    expect(cardText(badAction)).toContain('Kurs i veiledning'); // the typed value is kept
    const withAction = await click(h, RANDI, badAction, 'Legg til tiltaket', { actionWhat: 'Kurs i veiledning', actionOwner: '1004', actionDue: '2027-02-01' });
    expect(cardText(withAction)).toContain('Kurs i veiledning – Lars Lærer, frist 1. februar 2027');
    const withPlan = await click(h, RANDI, withAction, 'Legg til i utviklingsplanen', { devWhat: 'Videreutdanning i veiledning' });
    expect(cardText(withPlan)).toContain('Videreutdanning i veiledning');

    // A stale card (from before the conversation started) changes nothing and says why.
    const stale = await click(h, LARS, prep2, 'Lagre og gå videre', { q_egenvurdering: 'Endret' });
    expect(cardText(stale)).toContain('Dette kortet er fra et tidligere steg i samtalen (nå: «Samtalen pågår»). Ingenting er endret');

    // 5. The referat goes to both; Lars confirms with a comment; it is locked.
    const sentCard = await click(h, RANDI, withPlan, 'Send referatet', { summary: 'God samtale' });
    expect(cardText(sentCard)).toContain('Referatet er klart. Lars får det i Teams og bekrefter det.');
    const keys = await outboxKeys(h.store, samtaleId);
    expect(keys.filter((k) => k.includes(':referat-sendt:'))).toHaveLength(2);
    // Each reads a notice written for them: only Lars is asked to confirm.
    const referatNotices = (await h.store.outbox.list(`samtale:${samtaleId}`)).filter((i) => i.key.includes(':referat-sendt:'));
    const noticeTo = (id: string) => cardText(renderNotice(referatNotices.find((i) => i.recipient.kind === 'employee' && i.recipient.employeeId === id)!.data as Parameters<typeof renderNotice>[0]));
    expect(noticeTo('1004')).toContain('Les det, og bekreft det eller legg til en kommentar.');
    expect(noticeTo('1003')).not.toMatch(/bekreft det/i);
    expect(noticeTo('1003')).toContain('Lars Lærer leser det og bekrefter det eller legger til en kommentar – du får beskjed når det er gjort.');

    const larsReferat = await execute(h, LARS, VERBS.samtaleOpen, { samtaleId });
    expect(cardText(larsReferat)).toContain('Vi avtalte mindre inspeksjon');
    expect(cardText(larsReferat)).toContain('Kurs i veiledning');
    expect(JSON.stringify(larsReferat)).not.toContain('Randis private tanke');
    h.clock.advance(60_000); // Lars reads the referat before he confirms it.
    const confirmed = await click(h, LARS, larsReferat, 'Bekreft referatet', { confirmComment: 'Takk for samtalen' });
    expect(cardText(confirmed)).toContain('Referatet er bekreftet og låst');
    expect(cardText(confirmed)).toContain('Takk for samtalen');
    expect((await h.store.samtaler.get(samtaleId))?.state).toBe('bekreftet');
    // Confirming again from the same card is a double click, not a second confirmation.
    const confirmedAgain = await click(h, LARS, larsReferat, 'Bekreft referatet', { confirmComment: 'Takk for samtalen' });
    expect(cardText(confirmedAgain)).toContain(DUPLICATE_TEXT);

    // Export as a document through a one-time link.
    const exported = await click(h, LARS, confirmed, 'Last ned referatet');
    expect(cardText(exported)).toMatch(/\[Last ned referatet \(PDF\)\]\(http:\/\/127\.0\.0\.1:3978\/.+\)/);

    // Starting again this year: the form says a samtale with Lars is already confirmed, before anything starts.
    const [secondStart] = await h.say('start medarbeidersamtale med lars', RANDI);
    expect(cardText(cardOf(secondStart))).toContain('Du har allerede en bekreftet medarbeidersamtale med Lars i år (holdt 23. november 2026).');
    expect(await h.store.samtaler.listForEmployee('1004')).toHaveLength(1);

    // «mine samtaler» keeps the confirmed samtale for both, and next year's next to it.
    const next = await h.samtale.startSamtale('1003', '1004', '2027-01-15');
    expect(next.ok).toBe(true);
    const [randiMine] = await h.say('mine samtaler', RANDI);
    expect(cardText(cardOf(randiMine))).not.toContain('ingen medarbeidersamtaler');
    expect(cardText(cardOf(randiMine))).toContain('Samtale med Lars Lærer 1. desember 2026');
    expect(cardText(cardOf(randiMine))).toContain('Samtale med Lars Lærer 15. januar 2027');
    expect(cardText(cardOf(randiMine))).toMatch(/Samtale med Lars Lærer 15\. januar 2027[\s\S]*Samtale med Lars Lærer 1\. desember 2026/);
    const [larsMine] = await h.say('mine samtaler', LARS);
    expect(cardText(cardOf(larsMine))).toContain('Din samtale 1. desember 2026');
    expect(cardText(cardOf(larsMine))).toContain('Din samtale 15. januar 2027');
  });

  it('When the bot restarts in the middle of the preparation, then «mine samtaler» lists the samtale and the answers saved before are still there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'samtale-restart-'));
    tmpDirs.push(dir);
    const file = join(dir, 'data.json');
    const first = await createHarness({ store: await openStore(file) });
    const { samtaleId } = await startWithLars(first);
    const prep = await execute(first, LARS, VERBS.samtaleSection, { samtaleId });
    await click(first, LARS, prep, 'Lagre og fortsett senere', { q_hverdag: LARS_SECRET });
    await first.store.close();

    const second = await createHarness({ store: await openStore(file) });
    const [reply] = await second.say('mine samtaler', LARS);
    const mine = cardOf(reply)!;
    expect(cardText(mine)).toContain('Din samtale 1. desember 2026');
    const overview = await click(second, LARS, mine, 'Åpne');
    expect(cardText(overview)).toContain('Påbegynt');
    const resumed = await click(second, LARS, overview, 'Fortsett forberedelsen');
    expect(cardText(resumed)).toContain(LARS_SECRET);
    await second.store.close();
  });

  it('When another leader, HR or a colleague tries to open the samtale, then they are refused with the reason and see nothing of it', async () => {
    const h = await createHarness();
    const { samtaleId } = await startWithLars(h);
    const prep = await execute(h, LARS, VERBS.samtaleSection, { samtaleId });
    await click(h, LARS, prep, 'Lagre og fortsett senere', { q_hverdag: LARS_SECRET });

    for (const intruder of [STINE, HANNE, TOR]) {
      for (const verb of [VERBS.samtaleOpen, VERBS.samtaleSection, VERBS.samtaleConduct, VERBS.samtaleExport]) {
        const card = await execute(h, intruder, verb, { samtaleId });
        expect(cardText(card), `${intruder.name} ${verb}`).toContain(TEXT.noAccess);
        expect(JSON.stringify(card)).not.toContain(LARS_SECRET);
      }
      const saved = await execute(h, intruder, VERBS.samtaleSave, { samtaleId, version: 2, sectionId: 'trivsel', go: 'later', q_hverdag: 'overskrevet' });
      expect(cardText(saved)).toContain(TEXT.noAccess);
    }
    expect((await h.store.samtaler.get(samtaleId))?.preparations.employee.answers).toEqual({ trivsel: { hverdag: LARS_SECRET } });

    // Another leader cannot start one with Lars, not even with a tampered card.
    const tampered = await execute(h, STINE, VERBS.samtaleStart, { employeeId: '1004', date: '2026-12-03' });
    expect(cardText(tampered)).toContain(SAMTALE_TEXT.notYourReport);
    const [byName] = await h.say('start medarbeidersamtale med lars', STINE);
    expect(cardText(cardOf(byName))).toContain('Ingen av dine medarbeidere heter «lars»');
    // HR leads nobody.
    const [hr] = await h.say('start medarbeidersamtale', HANNE);
    expect(cardText(cardOf(hr))).toContain(SAMTALE_TEXT.notALeader);
  });

  it('When a card is tampered with or stale, then nothing changes and the person is told what happened', async () => {
    const h = await createHarness();
    const { samtaleId } = await startWithLars(h);
    const before = await h.store.samtaler.get(samtaleId);

    const garbled = await execute(h, LARS, VERBS.samtaleSave, { samtaleId, version: 'abc', sectionId: 'trivsel', go: 'later' });
    expect(cardText(garbled)).toContain(SAMTALE_STALE_TEXT);
    const unknown = await execute(h, LARS, VERBS.samtaleOpen, { samtaleId: 'smt-finnes-ikke' });
    expect(cardText(unknown)).toContain(SAMTALE_TEXT.notFound);
    const futureVersion = await execute(h, LARS, VERBS.samtaleSave, { samtaleId, version: 99, sectionId: 'trivsel', go: 'later', q_hverdag: 'x' });
    expect(cardText(futureVersion)).toContain(TEXT.unknownVersion);
    const wrongSection = await execute(h, LARS, VERBS.samtaleSave, { samtaleId, version: 1, sectionId: 'finnes-ikke', go: 'later', q_hverdag: 'x' });
    expect(cardText(wrongSection)).toContain('Ukjent del av samtalen. Åpne samtalen på nytt.');
    // The employee cannot do the leader's steps, even by sending the verb by hand.
    const begin = await execute(h, LARS, VERBS.samtaleBegin, { samtaleId, version: 1 });
    expect(cardText(begin)).toContain('Bare lederen kan starte selve samtalen.');

    expect(await h.store.samtaler.get(samtaleId)).toEqual(before);
  });

  it('When a leader writes a date in the past, then the start form shows the error at the date and nothing is started', async () => {
    const h = await createHarness();
    const [reply] = await h.say('start medarbeidersamtale med Lars Lærer', RANDI);
    const card = await click(h, RANDI, cardOf(reply)!, 'Start og send invitasjon', { date: '2026-01-01' });
    expect(cardText(card)).toContain('Datoen har passert (1. januar 2026). Velg i dag eller en senere dato.');
    expect(await h.store.samtaler.listForEmployee('1004')).toEqual([]);
    // Teams checks the date picker's «min» itself: its message says the date has passed, not just «Velg en dato».
    const picker = (JSON.parse(JSON.stringify(cardOf(reply))).body as { id?: string; errorMessage?: string }[]).find((e) => e.id === 'date');
    expect(picker?.errorMessage).toContain('En dato som har passert, kan ikke velges');
  });

  it('When a leader writes «start medarbeidersamtale», then she gets her reports and can pick one', async () => {
    const h = await createHarness();
    const [reply] = await h.say('start medarbeidersamtale', RANDI);
    const list = cardOf(reply as Partial<Activity>)!;
    expect(cardText(list)).toContain('Lars Lærer');
    expect(cardText(list)).toContain('Tor Tillitsvalgt');
    const form = await click(h, RANDI, list, 'Velg');
    expect(cardText(form)).toMatch(/Medarbeidersamtale med (Lars Lærer|Tor Tillitsvalgt)/);
  });
});

describe('medarbeidersamtale in Teams: the leader moves, cancels or reopens', () => {
  const NEW_DATE = '2026-12-10';

  /** Randi and Lars until the referat is sent (through the service); returns the samtale id. */
  async function referatSent(h: Harness): Promise<string> {
    const s = h.samtale;
    const done = (r: Awaited<ReturnType<typeof s.execute>>) => {
      if (!r.ok) throw new Error(r.reason);
      return r.view;
    };
    let v = done(await s.startSamtale('1003', '1004', '2026-12-01'));
    v = done(await s.execute('1003', v.id, { type: 'open' }, v.version));
    v = done(await s.execute('1003', v.id, { type: 'addAction', what: 'Kurs i veiledning', ownerEmployeeId: '1004', dueDate: '2027-02-01' }, v.version));
    v = done(await s.execute('1003', v.id, { type: 'sendReferat', summary: 'God samtale' }, v.version));
    return v.id;
  }

  it('When the employee double-clicks «Les referatet», then the second click, landing on the redrawn card\'s «Bekreft referatet», confirms nothing and says why; after reading, the same button confirms', async () => {
    const h = await createHarness();
    const samtaleId = await referatSent(h);
    const notice = renderNotice({ kind: 'referat-sendt', samtaleId, fromName: 'Randi Rektor', employeeName: 'Lars Lærer', scheduledForText: '23. november 2026' });

    // First click: the notice becomes the referat card with «Bekreft referatet».
    const referat = await click(h, LARS, notice, 'Les referatet');
    expect(action(referat, 'Bekreft referatet').data).toMatchObject({ samtaleId, referat: expect.any(String), shownAt: h.clock.now().toISOString() });
    // Second click of the double click, a moment later, on the redrawn card's «Bekreft referatet».
    h.clock.advance(300);
    const second = await click(h, LARS, referat, 'Bekreft referatet');
    expect(cardText(second)).toContain('Referatet er ikke bekreftet: trykket kom med en gang referatet ble vist');
    expect((await h.store.samtaler.get(samtaleId))?.state).toBe('referat_sendt');
    expect((await outboxKeys(h.store, samtaleId)).filter((k) => k.includes(':bekreftet:'))).toEqual([]);
    // The card is drawn again with the referat and the button; once Lars has read it, it confirms.
    expect(cardText(second)).toContain('Kurs i veiledning');
    h.clock.advance(30_000);
    const confirmed = await click(h, LARS, second, 'Bekreft referatet');
    expect(cardText(confirmed)).toContain('Referatet er bekreftet og låst');
    expect((await h.store.samtaler.get(samtaleId))?.state).toBe('bekreftet');
  });

  it('When the referat was taken back and sent again after Lars drew his card, then «Bekreft referatet» on the old card confirms nothing', async () => {
    const h = await createHarness();
    const samtaleId = await referatSent(h);
    const old = await execute(h, LARS, VERBS.samtaleOpen, { samtaleId });
    const s = h.samtale;
    const v = await s.getForViewer('1003', samtaleId);
    if (!v.ok) throw new Error(v.reason);
    const reopened = await s.execute('1003', samtaleId, { type: 'reopen' }, v.view.version);
    if (!reopened.ok) throw new Error(reopened.reason);
    const resent = await s.execute('1003', samtaleId, { type: 'sendReferat', summary: 'Rettet oppsummering' }, reopened.view.version);
    if (!resent.ok) throw new Error(resent.reason);
    h.clock.advance(60_000);
    // The old card's version is older than the new referat: refused, nothing confirmed.
    const answer = await click(h, LARS, old, 'Bekreft referatet');
    expect(cardText(answer)).toContain('Ingenting er endret');
    expect((await h.store.samtaler.get(samtaleId))?.state).toBe('referat_sendt');
  });

  it('When the leader double-clicks «Åpne samtalen» on «Referatet er bekreftet», then the second click, landing on the redrawn card\'s «Lagre kommentaren», saves nothing and shows no red error', async () => {
    const h = await createHarness();
    const samtaleId = await referatSent(h);
    const v = await h.samtale.getForViewer('1004', samtaleId);
    if (!v.ok) throw new Error(v.reason);
    const confirmed = await h.samtale.execute('1004', samtaleId, { type: 'confirm' }, v.view.version);
    if (!confirmed.ok) throw new Error(confirmed.reason);
    const notice = renderNotice({ kind: 'bekreftet', samtaleId, fromName: 'Lars Lærer', employeeName: 'Lars Lærer', scheduledForText: '23. november 2026' });

    // First click: the notice becomes the referat card, whose first button is «Lagre kommentaren».
    const overview = await click(h, RANDI, notice, 'Åpne samtalen');
    const first = (overview as { actions?: Action[] }).actions?.[0];
    expect(first?.title).toBe('Lagre kommentaren');
    // Second click of the double click: that button, with the comment field empty.
    const second = await click(h, RANDI, overview, 'Lagre kommentaren');
    expect(cardText(second)).toContain('Ingen kommentar er lagret – feltet var tomt.');
    expect(JSON.stringify(second)).not.toMatch(/"color":"Attention"|"style":"attention"/);
    expect((await h.store.samtaler.get(samtaleId))?.comments ?? []).toEqual([]);
    // A typed comment is still saved as before.
    const saved = await click(h, RANDI, second, 'Lagre kommentaren', { commentText: 'Godt samarbeid' });
    expect(cardText(saved)).toContain('Kommentaren er lagret.');
  });

  it('When the leader moves the date, then the samtale gets the new date, Lars is told it, and a wrong date or a double click changes nothing', async () => {
    const h = await createHarness();
    const { overview, samtaleId } = await startWithLars(h);
    const form = await click(h, RANDI, overview, 'Flytt dato');
    expect(cardText(form)).toContain('Flytt samtalen med Lars Lærer');
    expect(cardText(form)).toContain('Samtalen står nå på 1. desember 2026');
    const dateInput = JSON.stringify(form).includes('"label":"Ny dato for samtalen"');
    expect(dateInput).toBe(true);

    // A date in the past: shown at the date field, nothing saved.
    const wrong = await click(h, RANDI, form, 'Lagre ny dato', { date: '2026-01-05' });
    expect(cardText(wrong)).toContain('Datoen har passert');
    expect((await h.store.samtaler.get(samtaleId))?.scheduledFor).toBe('2026-12-01');

    const moved = await click(h, RANDI, wrong, 'Lagre ny dato', { date: NEW_DATE });
    expect(cardText(moved)).toContain('Samtalen er flyttet til 10. desember 2026. Lars får beskjed i Teams.');
    expect((await h.store.samtaler.get(samtaleId))?.scheduledFor).toBe(NEW_DATE);
    // A double click on the same form moves nothing twice and sends no second notice.
    const again = await click(h, RANDI, wrong, 'Lagre ny dato', { date: NEW_DATE });
    expect(cardText(again)).toContain(DUPLICATE_TEXT);
    const notices = (await h.store.outbox.list(`samtale:${samtaleId}`)).filter((i) => i.key.includes(':ny-dato:'));
    expect(notices.map((i) => [i.recipient, i.data?.scheduledForText])).toEqual([[{ kind: 'employee', employeeId: '1004' }, '10. desember 2026']]);
    expect(cardText(renderNotice({ ...(notices[0]!.data as Parameters<typeof renderNotice>[0]) }))).toContain('Samtalen er flyttet til 10. desember 2026.');

    // Lars sees the new date when he opens the samtale.
    const lars = await execute(h, LARS, VERBS.samtaleOpen, { samtaleId });
    // In the date fact, a no-break space after «10.»: Teams would read «10. desember» as a list (#12).
    expect(cardText(lars)).toContain('10.\u00A0desember 2026');
  });

  it('When the samtale is held before the planned day, then the referat, its notices and the archive copy carry the day it was held', async () => {
    const h = await createHarness();
    const s = h.samtale;
    const done = (r: Awaited<ReturnType<typeof s.execute>>) => {
      if (!r.ok) throw new Error(r.reason);
      return r;
    };
    // Planned for 14 December; held today, 23 November 2026 (the harness clock).
    let r = done(await s.startSamtale('1003', '1004', '2026-12-14'));
    r = done(await s.execute('1003', r.view.id, { type: 'open' }, r.view.version));
    r = done(await s.execute('1003', r.view.id, { type: 'sendReferat', summary: 'God samtale' }, r.view.version));
    const notice = r.notifications.find((n) => n.kind === 'referat-sendt' && n.toEmployeeId === '1004')!;
    expect(notice.scheduledForText).toBe('23. november 2026');
    const card = await execute(h, LARS, VERBS.samtaleOpen, { samtaleId: r.view.id });
    const facts = JSON.stringify(card);
    // A no-break space after the day: a fact that starts «23. » would be a numbered list in Teams (#12).
    expect(facts).toContain('{"title":"Holdt","value":"23.\u00A0november 2026"}');
    expect(facts).toContain('{"title":"Planlagt","value":"14.\u00A0desember 2026"}');
    expect(facts).not.toContain('"title":"Dato"');
  });

  it('When the employee has not opened Kompetansebot, then no card says «har fått»: the leader is told he cannot be reached and gets «Be Lars installere Kompetansebot» to forward', async () => {
    const h = await createHarness();
    const [reply] = await h.say('start medarbeidersamtale med lars', RANDI);
    const startReplies = await h.execute(VERBS.samtaleStart, { ...action(cardOf(reply), 'Start og send invitasjon').data, date: '2026-12-01' }, RANDI);
    const overview = startReplies.map(invokeCardOf).find(Boolean)!;
    expect(cardText(overview)).toContain('Samtalen er planlagt. Lars får ingen invitasjon fra boten: Lars har ikke åpnet Kompetansebot i Teams ennå');
    expect(cardText(overview)).not.toMatch(/har fått|får en invitasjon/);
    // The card to forward comes as its own message.
    const install = startReplies.map((r) => cardOf(r)).find(Boolean);
    expect(cardText(install)).toContain('Be Lars Lærer installere Kompetansebot');
    expect(cardText(install)).toContain('Videresend denne meldingen');

    // Cancelling: the same honesty.
    const ask = await click(h, RANDI, overview, 'Avlys');
    const cancelReplies = await h.execute(VERBS.samtaleCancelConfirm, action(ask, 'Ja, avlys samtalen').data, RANDI);
    const cancelled = cancelReplies.map(invokeCardOf).find(Boolean)!;
    expect(cardText(cancelled)).toContain('Samtalen er avlyst. Lars får ingen beskjed fra boten:');
    expect(cardText(cancelled)).not.toMatch(/har fått|får beskjed i Teams/);
    expect(cardText(cancelReplies.map((r) => cardOf(r)).find(Boolean))).toContain('Be Lars Lærer installere Kompetansebot');

    // Once Lars has opened the bot, a new samtale says he gets the invitation, and no install card comes.
    await larsOpensTheBot(h);
    const [again] = await h.say('start medarbeidersamtale med lars', RANDI);
    const replies = await h.execute(VERBS.samtaleStart, { ...action(cardOf(again), 'Start og send invitasjon').data, date: '2026-12-02' }, RANDI);
    expect(cardText(replies.map(invokeCardOf).find(Boolean))).toContain('Lars får en invitasjon i Teams til å forberede seg.');
    expect(replies.map((r) => cardOf(r)).filter(Boolean)).toEqual([]);
  });

  it('When the leader clicks «Avlys», then she is asked first; «Nei» keeps it, «Ja» cancels it once and Lars is told', async () => {
    const h = await createHarness();
    const { overview, samtaleId } = await startWithLars(h);
    const ask = await click(h, RANDI, overview, 'Avlys');
    expect(cardText(ask)).toContain('Vil du avlyse samtalen?');
    expect(cardText(ask)).toContain('Medarbeidersamtalen med Lars Lærer 1. desember 2026 blir avlyst, og Lars får beskjed.');
    expect((await h.store.samtaler.get(samtaleId))?.state).toBe('planlagt');

    const kept = await click(h, RANDI, ask, 'Nei, behold samtalen');
    expect(cardText(kept)).toContain('Medarbeidersamtale · Planlagt');
    expect((await h.store.samtaler.get(samtaleId))?.state).toBe('planlagt');

    const cancelled = await click(h, RANDI, ask, 'Ja, avlys samtalen');
    expect(cardText(cancelled)).toContain('Samtalen er avlyst. Lars får beskjed i Teams.');
    expect((await h.store.samtaler.get(samtaleId))?.state).toBe('avlyst');
    // No way to move or cancel it again on the new card; a double click on «Ja» changes nothing.
    expect((actionsOf(cancelled) as Action[]).map((a) => a.title)).not.toContain('Flytt dato');
    expect((actionsOf(cancelled) as Action[]).map((a) => a.title)).not.toContain('Avlys');
    expect(cardText(await click(h, RANDI, ask, 'Ja, avlys samtalen'))).toContain(DUPLICATE_TEXT);
    const avlyst = (await h.store.outbox.list(`samtale:${samtaleId}`)).filter((i) => i.key.includes(':avlyst:'));
    expect(avlyst.map((i) => i.recipient)).toEqual([{ kind: 'employee', employeeId: '1004' }]);
  });

  it('When the leader reopens a sent referat, then she is back in the conversation, Lars is told, and only she has the button', async () => {
    const h = await createHarness();
    const samtaleId = await referatSent(h);
    const larsCard = await execute(h, LARS, VERBS.samtaleOpen, { samtaleId });
    expect((actionsOf(larsCard) as Action[]).map((a) => a.title)).not.toContain('Åpne referatet igjen');

    const randiCard = await execute(h, RANDI, VERBS.samtaleOpen, { samtaleId });
    const reopened = await click(h, RANDI, randiCard, 'Åpne referatet igjen');
    expect(cardText(reopened)).toContain('Referatet er åpnet igjen. Send det på nytt når du er ferdig. Lars får beskjed i Teams.');
    expect(cardText(reopened)).toContain('Kurs i veiledning'); // the action is still there to edit
    const stored = await h.store.samtaler.get(samtaleId);
    expect(stored?.state).toBe('gjennomfores');
    expect(stored?.referat).toBeUndefined();
    expect((await outboxKeys(h.store, samtaleId)).filter((k) => k.includes(':referat-gjenapnet:'))).toEqual([`samtale:${samtaleId}:referat-gjenapnet:1004:${stored!.version}`]);
    // The old card again: a double click, nothing changes.
    expect(cardText(await click(h, RANDI, randiCard, 'Åpne referatet igjen'))).toContain(DUPLICATE_TEXT);
    expect((await h.store.samtaler.get(samtaleId))?.version).toBe(stored!.version);
  });

  it('When the referat was exported for the archive and deleted after the retention time, then both see «Referatet er slettet etter arkivering» instead of the content', async () => {
    const h = await createHarness();
    const samtaleId = await referatSent(h);
    const sent = await h.store.samtaler.get(samtaleId);
    const confirmed = await h.samtale.execute('1004', samtaleId, { type: 'confirm' }, sent!.version);
    if (!confirmed.ok) throw new Error(confirmed.reason);
    // Randi downloads the confirmed referat: that is the copy for the archive.
    const randiCard = await execute(h, RANDI, VERBS.samtaleOpen, { samtaleId });
    const linked = await click(h, RANDI, randiCard, 'Last ned referatet');
    // Making the link is not the export: only the download is (#12).
    expect(cardText(linked)).not.toContain('Eksportert til arkivet');
    expect(cardText(linked)).toContain('Referatet regnes som eksportert til arkivet når filen er lastet ned.');
    expect(await h.samtale.purgeArchivedReferats(new Date('2028-11-24T05:00:00Z'))).toEqual({ deleted: 0, notArchived: 1 });
    const token = /\/api\/downloads\/([\w-]+)\)/.exec(cardText(linked))![1]!;
    const pdf = h.downloads.take(token)!;
    expect(pdf.contentType).toBe('application/pdf');
    expect(pdf.fileName).toMatch(/^referat-medarbeidersamtale-1004-\d{4}-\d{2}-\d{2}\.pdf$/);
    await h.downloads.idle();
    expect(cardText(await execute(h, RANDI, VERBS.samtaleOpen, { samtaleId }))).toContain('Eksportert til arkivet');
    expect(await h.samtale.purgeArchivedReferats(new Date('2028-11-24T05:00:00Z'))).toEqual({ deleted: 1, notArchived: 0 });

    for (const user of [LARS, RANDI]) {
      const card = await execute(h, user, VERBS.samtaleOpen, { samtaleId });
      expect(cardText(card)).toContain('Referatet er slettet etter arkivering (24. november 2028).');
      expect(cardText(card)).not.toContain('Kurs i veiledning');
      expect(cardText(card)).not.toContain('God samtale');
      expect((actionsOf(card) as Action[]).map((a) => a.title)).toEqual(['Mine samtaler']);
    }
  });

  it('When the employee, HR, another leader or a colleague presses these buttons by hand, then they are refused politely and nothing changes', async () => {
    const h = await createHarness();
    const { samtaleId } = await startWithLars(h);
    const sentId = await (async () => {
      // Tor's samtale with a sent referat, for «Åpne referatet igjen».
      const s = h.samtale;
      const r1 = await s.startSamtale('1003', '1008', '2026-12-02');
      if (!r1.ok) throw new Error(r1.reason);
      const r2 = await s.execute('1003', r1.view.id, { type: 'open' }, r1.view.version);
      if (!r2.ok) throw new Error(r2.reason);
      const r3 = await s.execute('1003', r1.view.id, { type: 'sendReferat' }, r2.view.version);
      if (!r3.ok) throw new Error(r3.reason);
      return r1.view.id;
    })();
    const larsOverview = await execute(h, LARS, VERBS.samtaleOpen, { samtaleId });
    for (const title of ['Flytt dato', 'Avlys', 'Åpne referatet igjen']) expect((actionsOf(larsOverview) as Action[]).map((a) => a.title)).not.toContain(title);

    const before = [await h.store.samtaler.get(samtaleId), await h.store.samtaler.get(sentId)];
    const presses: [string, string, Record<string, unknown>][] = [
      [VERBS.samtaleReschedule, samtaleId, { version: 1 }],
      [VERBS.samtaleRescheduleSave, samtaleId, { version: 1, date: NEW_DATE }],
      [VERBS.samtaleCancel, samtaleId, { version: 1 }],
      [VERBS.samtaleCancelConfirm, samtaleId, { version: 1 }],
      [VERBS.samtaleReopen, sentId, { version: before[1]!.version }],
    ];
    const employeeReasons: Record<string, string> = {
      [VERBS.samtaleReschedule]: 'Bare lederen kan endre datoen for samtalen.',
      [VERBS.samtaleRescheduleSave]: 'Bare lederen kan endre datoen for samtalen.',
      [VERBS.samtaleCancel]: 'Bare lederen kan avlyse samtalen.',
      [VERBS.samtaleCancelConfirm]: 'Bare lederen kan avlyse samtalen.',
      [VERBS.samtaleReopen]: 'Bare lederen kan gjenåpne referatet.',
    };
    for (const [verb, id, data] of presses) {
      // Lars is the employee of the first samtale, Tor of the second.
      const employeeOf = id === samtaleId ? LARS : TOR;
      const own = await execute(h, employeeOf, verb, { samtaleId: id, ...data });
      expect(cardText(own), `${employeeOf.name} ${verb}`).toContain(employeeReasons[verb]);
      for (const intruder of [STINE, HANNE, id === samtaleId ? TOR : LARS]) {
        const card = await execute(h, intruder, verb, { samtaleId: id, ...data });
        expect(cardText(card), `${intruder.name} ${verb}`).toContain(TEXT.noAccess);
        expect(cardText(card)).not.toContain('Lars Lærer');
      }
    }
    expect([await h.store.samtaler.get(samtaleId), await h.store.samtaler.get(sentId)]).toEqual(before);
    expect((await outboxKeys(h.store, samtaleId)).filter((k) => !k.includes(':invitasjon:'))).toEqual([]);
  });

  it('When the date form is older than a step change, then saving it is refused as stale; a change by the other party alone does not spoil it', async () => {
    const h = await createHarness();
    const { overview, samtaleId } = await startWithLars(h);
    const form = await click(h, RANDI, overview, 'Flytt dato');

    // Lars saves his preparation meanwhile: that touches nothing the date depends on.
    const prep = await execute(h, LARS, VERBS.samtaleSection, { samtaleId });
    await click(h, LARS, prep, 'Lagre og fortsett senere', { q_hverdag: LARS_SECRET });
    const moved = await click(h, RANDI, form, 'Lagre ny dato', { date: NEW_DATE });
    expect(cardText(moved)).toContain('Samtalen er flyttet til 10. desember 2026');

    // A second form, then Randi starts the conversation from the overview: the form is from an earlier step.
    const secondForm = await click(h, RANDI, moved, 'Flytt dato');
    await click(h, RANDI, moved, 'Start samtalen');
    const stale = await click(h, RANDI, secondForm, 'Lagre ny dato', { date: '2026-12-15' });
    expect(cardText(stale)).toContain('Dette kortet er fra et tidligere steg i samtalen (nå: «Samtalen pågår»). Ingenting er endret');
    const stored = await h.store.samtaler.get(samtaleId);
    expect(stored?.scheduledFor).toBe(NEW_DATE);
    expect(stored?.state).toBe('gjennomfores');
    // And the form itself can no longer be opened in this step.
    const late = await execute(h, RANDI, VERBS.samtaleReschedule, { samtaleId, version: stored!.version });
    expect(cardText(late)).toContain('Samtalen er allerede i gang.');
  });
});
