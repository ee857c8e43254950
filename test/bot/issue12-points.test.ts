/**
 * #12, one test per point that the shared walk test (test/bot/samtale-conversation.test.ts) or
 * another test covered only together with other points (docs/issue-12-points.md, rows 2, 9, 10,
 * 12, 14, 16, 19, 21, 23). Each test walks the real Application over TestAdapter just far enough and
 * asserts what the reader of that one card or notice sees.
 *
 * The imports are only those that also exist on main before #12 (131c5b0: the bot harness, the
 * verbs, `renderNotice`), so this file can be run there and fails at each point's own assertion
 * (see the table for what it printed).
 *
 * People of test/fixtures/org/small-org.json: Randi Rektor (1003) leads Lars Lærer (1004) at
 * Nordby skole; Hanne HR (1007). The harness clock stands at 23 November 2026.
 */
import { describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs.js';
import { renderNotice } from '../../src/modules/samtale/cards/messages.js';
import { actionsOf, cardOf, cardText, createHarness, invokeCardOf, type TestUser } from '../helpers/bot-harness.js';

const RANDI: TestUser = { id: '29:randi', aadObjectId: '11111111-1111-4111-8111-111111111003', name: 'Randi Rektor' };
const LARS: TestUser = { id: '29:lars', aadObjectId: '11111111-1111-4111-8111-111111111004', name: 'Lars Lærer' };
const HANNE: TestUser = { id: '29:hanne', aadObjectId: '11111111-1111-4111-8111-111111111007', name: 'Hanne HR' };

const LARS_SECRET = 'Lars: arbeidsmengden er for stor';
const RANDI_SECRET = 'Randi: Lars gjør en god jobb';

type Harness = Awaited<ReturnType<typeof createHarness>>;
type Action = Record<string, unknown> & { verb?: string; title?: string; data?: Record<string, unknown> };
type Card = NonNullable<ReturnType<typeof cardOf>>;

function action(card: unknown, title: string): Action {
  const found = (actionsOf(card) as Action[]).find((a) => a.title === title);
  if (!found) throw new Error(`no «${title}» on the card:\n${cardText(card)}`);
  return found;
}

/** Clicks a button of a card (Action.Execute) with the given inputs; returns the card that replaces it. */
async function click(h: Harness, user: TestUser, card: unknown, title: string, inputs: Record<string, unknown> = {}): Promise<Card> {
  const a = action(card, title);
  const replies = await h.execute(a.verb!, { ...a.data, ...inputs }, user);
  const next = replies.map(invokeCardOf).find(Boolean);
  if (!next) throw new Error(`no card after «${title}»: ${JSON.stringify(replies.at(-1)?.value)}`);
  return next;
}

async function execute(h: Harness, user: TestUser, verb: string, data: Record<string, unknown>): Promise<Card> {
  const replies = await h.execute(verb, data, user);
  const card = replies.map(invokeCardOf).find(Boolean);
  if (!card) throw new Error(`no card after ${verb}`);
  return card;
}

async function say(h: Harness, text: string, user: TestUser): Promise<Card> {
  const [reply] = await h.say(text, user);
  const card = cardOf(reply);
  if (!card) throw new Error(`no card after «${text}»: ${reply?.text}`);
  return card;
}

/** Lars has opened Kompetansebot once; Randi starts a samtale with him on 1 December 2026. */
async function start(h: Harness) {
  await h.execute(VERBS.samtaleMine, {}, LARS);
  const form = await say(h, 'start medarbeidersamtale med lars', RANDI);
  const overview = await click(h, RANDI, form, 'Start og send invitasjon', { date: '2026-12-01' });
  const samtaleId = String((actionsOf(overview) as Action[]).find((a) => a.data?.samtaleId)?.data?.samtaleId);
  return { overview, samtaleId };
}

/** Lars answers the first part and goes through the other two to «Se over» (his overview card). */
async function larsPrepares(h: Harness, samtaleId: string): Promise<Card> {
  const prep1 = await execute(h, LARS, VERBS.samtaleSection, { samtaleId });
  const prep2 = await click(h, LARS, prep1, 'Lagre og gå videre', { q_hverdag: LARS_SECRET });
  const prep3 = await click(h, LARS, prep2, 'Lagre og gå videre', { q_egenvurdering: 'God', q_ubrukt: 'Nei' });
  return click(h, LARS, prep3, 'Lagre og se over', { q_status: '' });
}

/** Both prepare and submit; Randi starts the conversation. Returns the conduct card. */
async function conducted(h: Harness, samtaleId: string): Promise<Card> {
  const larsOverview = await larsPrepares(h, samtaleId);
  await click(h, LARS, larsOverview, 'Send inn forberedelsen');
  const randiPrep = await execute(h, RANDI, VERBS.samtaleSection, { samtaleId });
  const randiSaved = await click(h, RANDI, randiPrep, 'Lagre og fortsett senere', { q_hverdag: RANDI_SECRET });
  const randiSubmitted = await click(h, RANDI, randiSaved, 'Send inn forberedelsen');
  return click(h, RANDI, randiSubmitted, 'Start samtalen');
}

/** …and Randi sends the referat. */
async function referatSent(h: Harness, samtaleId: string): Promise<void> {
  const conduct = await conducted(h, samtaleId);
  const shared = await click(h, RANDI, conduct, 'Lagre som felles notat', { noteText: 'Vi avtalte mindre inspeksjon' });
  await click(h, RANDI, shared, 'Send referatet', { summary: 'God samtale' });
}

/** …and Lars confirms it. */
async function confirmed(h: Harness, samtaleId: string): Promise<void> {
  await referatSent(h, samtaleId);
  const larsReferat = await execute(h, LARS, VERBS.samtaleOpen, { samtaleId });
  h.clock.advance(60_000);
  await click(h, LARS, larsReferat, 'Bekreft referatet', { confirmComment: 'Takk for samtalen' });
  expect((await h.store.samtaler.get(samtaleId))?.state).toBe('bekreftet');
}

/** What one person's proactive notice of this kind says (the card the outbox item renders to). */
async function noticeText(h: Harness, samtaleId: string, kind: string, employeeId: string): Promise<string[]> {
  const items = (await h.store.outbox.list(`samtale:${samtaleId}`)).filter(
    (i) => i.key.includes(`:${kind}:`) && i.recipient.kind === 'employee' && i.recipient.employeeId === employeeId,
  );
  return items.map((i) => cardText(renderNotice(i.data as Parameters<typeof renderNotice>[0])));
}

/** The FactSet facts of a card, as [title, value]. */
function factsOf(card: unknown): [string, string][] {
  const out: [string, string][] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'FactSet' && Array.isArray(o.facts)) for (const f of o.facts as { title: string; value: string }[]) out.push([f.title, f.value]);
      for (const v of Object.values(o)) if (v && typeof v === 'object') walk(v);
    }
  };
  walk(card);
  return out;
}

describe('#12, one point at a time', () => {
  it('When the leader opens the samtale overview, then its date fact reads «1. desember 2026» as text: no fact value starts like a numbered list item (row 21)', async () => {
    const h = await createHarness();
    const { overview } = await start(h);
    const facts = factsOf(overview);
    expect(facts.length).toBeGreaterThan(0);
    // Teams' markdown turns «1. desember 2026» at the start of a fact into a list from 1.
    expect(facts.filter(([, value]) => /^\d+\. /.test(value))).toEqual([]);
    expect(facts.map(([, value]) => value)).toContain('1.\u00A0desember 2026');
  });

  it('When Lars has answered his preparation and presses «Lagre og se over», then the card shows his answers question by question, not only the status (row 9)', async () => {
    const h = await createHarness();
    const { samtaleId } = await start(h);
    const review = cardText(await larsPrepares(h, samtaleId));
    expect(review).toContain('Dine svar');
    expect(review).toContain('Hvordan har du det på jobb?');
    expect(review).toContain(LARS_SECRET);
    expect(review).toContain('Ikke besvart.');
  });

  it('When the leader starts the samtale, then the employee gets a notice that it has started (row 12)', async () => {
    const h = await createHarness();
    const { samtaleId } = await start(h);
    await conducted(h, samtaleId);
    const toLars = await noticeText(h, samtaleId, 'samtale-startet', '1004');
    expect(toLars).toHaveLength(1);
    expect(toLars[0]).toContain('Randi Rektor har startet medarbeidersamtalen med deg.');
    expect(await noticeText(h, samtaleId, 'samtale-startet', '1003')).toEqual([]);
  });

  it('When the referat is sent, then the leader’s «referat klart» notice does not tell her to confirm it; only the employee is asked to (row 10)', async () => {
    const h = await createHarness();
    const { samtaleId } = await start(h);
    await referatSent(h, samtaleId);
    const toRandi = await noticeText(h, samtaleId, 'referat-sendt', '1003');
    const toLars = await noticeText(h, samtaleId, 'referat-sendt', '1004');
    expect(toRandi).toHaveLength(1);
    expect(toRandi[0]).not.toMatch(/bekreft det/i);
    expect(toRandi[0]).toContain('Lars Lærer leser det og bekrefter det eller legger til en kommentar – du får beskjed når det er gjort.');
    expect(toLars[0]).toContain('Les det, og bekreft det eller legg til en kommentar.');
  });

  it('When the referat is confirmed, then «mine samtaler» still lists the samtale for the leader and for the employee (row 2)', async () => {
    const h = await createHarness();
    const { samtaleId } = await start(h);
    await confirmed(h, samtaleId);
    const randiMine = cardText(await say(h, 'mine samtaler', RANDI));
    expect(randiMine).not.toMatch(/ingen medarbeidersamtaler/i);
    expect(randiMine).toContain('Samtale med Lars Lærer 1. desember 2026');
    const larsMine = cardText(await say(h, 'mine samtaler', LARS));
    expect(larsMine).not.toMatch(/ingen medarbeidersamtaler/i);
    expect(larsMine).toContain('Din samtale 1. desember 2026');
  });

  it('When the leader starts a samtale with the same employee again in the same year, then the form says one is already confirmed before anything starts (row 14)', async () => {
    const h = await createHarness();
    const { samtaleId } = await start(h);
    await confirmed(h, samtaleId);
    const form = cardText(await say(h, 'start medarbeidersamtale med lars', RANDI));
    expect(form).toContain('Du har allerede en bekreftet medarbeidersamtale med Lars i år (holdt 23. november 2026).');
    expect(await h.store.samtaler.listForEmployee('1004')).toHaveLength(1);
  });

  it('When an employee opens «mitt kompetansegap», then a desired competence reads «Nivå 2 ønskes» and only a required one «Nivå 2 kreves» (row 16)', async () => {
    const h = await createHarness();
    // Lars's registration as in test/bot/gap-conversation.test.ts: teacher education, two self-assessed levels.
    const education = await h.competence.saveSection('1004', 'education' as never, { items: [{ level: 'bachelor', field: 'Grunnskolelærer', inProgress: false, competenceIds: ['utd-laererutdanning'] }] }, 0);
    if (!education.ok) throw new Error(JSON.stringify(education));
    const ratings = { ratings: [{ competenceId: 'digital-grunnleggende', level: 3 }, { competenceId: 'digital-fagsystemer', level: 2 }] };
    const assessed = await h.competence.saveSection('1004', 'selfAssessment' as never, ratings, education.registration.version);
    if (!assessed.ok) throw new Error(JSON.stringify(assessed));
    const mine = cardText(await say(h, 'mitt kompetansegap', LARS));
    expect(mine).toContain('Spesialpedagogikk og inkluderende praksis');
    expect(mine).toMatch(/Spesialpedagogikk og inkluderende praksis\nNivå 2 ønskes/);
    expect(mine).not.toMatch(/Spesialpedagogikk og inkluderende praksis\nNivå 2 kreves/);
    expect(mine).toMatch(/Kommunens fagsystemer\nNivå 2 kreves/);
  });

  it('When a rektor asks what is happening in the årshjul, then nothing weeks or months away is called «Kommer snart» (row 19)', async () => {
    const h = await createHarness();
    const text = cardText(await say(h, 'Hva skjer i årshjulet nå?', RANDI));
    // Nothing in the test årshjul starts within 30 days of 23 November 2026; the MBM window (1 January) is later.
    expect(text).toContain('Lokal plan godkjent i MBM');
    expect(text).not.toContain('Kommer snart');
    expect(text).toContain('Senere i året');
  });

  it('When HR opens «samtaleoversikt», then no unit reads «1 ansatte» (row 23)', async () => {
    const h = await createHarness();
    const text = cardText(await say(h, 'samtaleoversikt', HANNE));
    // Units of one person (Kommunedirektøren, Oppvekst, Personalavdelingen) are listed.
    expect(text).toContain('Personalavdelingen');
    expect(text).not.toMatch(/(?<![\d\u00A0\u202F])1 ansatte\b/);
    expect(text).toContain('8 ansatte i alt');
  });
});
