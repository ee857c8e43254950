/**
 * «samtaleoversikt» in Teams, through the real Application over TestAdapter: the leader Randi
 * Rektor (1003) sees her reports Lars (1004) and Tor (1008) with this year's status; Hanne HR
 * (1007) sees counts per unit only; a colleague without reports is refused. Small fixture org
 * in test/fixtures/org/small-org.json.
 */
import { describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs.js';
import type { CommandResult } from '../../src/modules/samtale/views.js';
import { SAMTALE_TEXT } from '../../src/modules/samtale/samtale-service.js';
import { DUPLICATE_TEXT, OVERVIEW_REFUSED_TEXT } from '../../src/modules/samtale/teams-input.js';
import { actionsOf, cardOf, cardText, createHarness, invokeCardOf, type TestUser } from '../helpers/bot-harness.js';
import { HANNE, RANDI, TOR } from '../helpers/small-org-users.js';

const TOR_SECRET = 'Tor: jeg vurderer å slutte';
const SUMMARY = 'Oppsummering: Tor tar veilederkurset';
const ACTION_TEXT = 'Veilederkurs hos Statsforvalteren';

type Harness = Awaited<ReturnType<typeof createHarness>>;
type Action = Record<string, unknown> & { verb?: string; title?: string; data?: Record<string, unknown> };

const actions = (card: unknown) => actionsOf(card) as Action[];

function button(card: unknown, title: string, match: (a: Action) => boolean = () => true): Action {
  const found = actions(card).find((a) => a.title === title && match(a));
  if (!found) throw new Error(`no «${title}» on the card:\n${cardText(card)}`);
  return found;
}

async function click(h: Harness, user: TestUser, a: Action, inputs: Record<string, unknown> = {}) {
  const replies = await h.execute(a.verb!, { ...a.data, ...inputs }, user);
  const next = replies.map(invokeCardOf).find(Boolean);
  if (!next) throw new Error(`no card after «${a.title}»`);
  return next;
}

async function overviewFor(h: Harness, user: TestUser) {
  const [reply] = await h.say('samtaleoversikt', user);
  const card = cardOf(reply);
  if (!card) throw new Error(`no card: ${JSON.stringify(reply)}`);
  return card;
}

function ok(result: CommandResult) {
  if (!result.ok) throw new Error(`${result.code}: ${result.reason}`);
  return result.view;
}

/** Randi and Tor go through a whole samtale (through the service) until Tor has confirmed the referat; one open action for Tor. */
async function confirmedWithTor(h: Harness): Promise<string> {
  const s = h.samtale;
  let v = ok(await s.startSamtale('1003', '1008', '2026-12-01'));
  const id = v.id;
  v = ok(await s.execute('1008', id, { type: 'saveAnswer', sectionId: 'trivsel', answers: { hverdag: TOR_SECRET } }, v.version));
  v = ok(await s.execute('1003', id, { type: 'saveAnswer', sectionId: 'trivsel', answers: { hverdag: 'Randi om Tor' } }, v.version));
  v = ok(await s.execute('1008', id, { type: 'submitPreparation' }, v.version));
  v = ok(await s.execute('1003', id, { type: 'submitPreparation' }, v.version));
  v = ok(await s.execute('1003', id, { type: 'open' }, v.version));
  v = ok(await s.execute('1003', id, { type: 'addAction', what: ACTION_TEXT, ownerEmployeeId: '1008', dueDate: '2027-01-10' }, v.version));
  v = ok(await s.execute('1003', id, { type: 'sendReferat', ...(SUMMARY !== undefined ? { summary: SUMMARY } : {}) }, v.version));
  ok(await s.execute('1008', id, { type: 'confirm' }, v.version));
  return id;
}

/** The row of one person on the leader's card: the texts of the ColumnSet that holds the name. */
function rowOf(card: unknown, name: string): string {
  const body = (card as { body: unknown[] }).body;
  const row = body.find((b) => JSON.stringify(b).includes(`"text":"${name}"`));
  if (!row) throw new Error(`no row for ${name}:\n${cardText(card)}`);
  return cardText({ type: 'AdaptiveCard', body: [row] });
}

describe('samtaleoversikt in Teams', () => {
  it('When a leader asks for the overview before and after samtaler are started and confirmed, then she sees each report with this year\'s status and open actions', async () => {
    const h = await createHarness();

    const before = await overviewFor(h, RANDI);
    expect(cardText(before)).toContain('Samtaleoversikt 2026');
    expect(rowOf(before, 'Lars Lærer')).toContain('Ikke startet');
    expect(rowOf(before, 'Tor Tillitsvalgt')).toContain('Ikke startet');
    expect(cardText(before)).toContain('0 av 2 er gjennomført');

    // Randi starts one with Lars in Teams; Tor's goes all the way to a confirmed referat.
    const [startReply] = await h.say('start medarbeidersamtale med lars', RANDI);
    await click(h, RANDI, button(cardOf(startReply), 'Start og send invitasjon'), { date: '2026-12-01' });
    const torSamtale = await confirmedWithTor(h);

    const after = await overviewFor(h, RANDI);
    expect(rowOf(after, 'Lars Lærer')).toContain('Forberedes');
    expect(rowOf(after, 'Lars Lærer')).toContain('Samtale 1. desember 2026');
    expect(rowOf(after, 'Lars Lærer')).toContain('Forberedelse: medarbeider ikke startet, du ikke startet');
    expect(rowOf(after, 'Tor Tillitsvalgt')).toContain('Bekreftet');
    expect(rowOf(after, 'Tor Tillitsvalgt')).toContain('1 åpent tiltak');
    expect(cardText(after)).toContain('1 av 2 er gjennomført');
    // The overview holds no content: what Tor wrote, the referat and the action stay in the samtale.
    for (const secret of [TOR_SECRET, SUMMARY, ACTION_TEXT]) expect(JSON.stringify(after)).not.toContain(secret);

    // «Åpne» on Tor's row opens his samtale for Randi.
    const opened = await click(h, RANDI, button(after, 'Åpne', (a) => a.data?.samtaleId === torSamtale));
    expect(cardText(opened)).toContain('Samtale med Tor Tillitsvalgt');
    expect(cardText(opened)).toContain(ACTION_TEXT);
  });

  it('When HR asks for the overview, then she gets counts per unit and no names, answers or referat', async () => {
    const h = await createHarness();
    const [startReply] = await h.say('start medarbeidersamtale med lars', RANDI);
    await click(h, RANDI, button(cardOf(startReply), 'Start og send invitasjon'), { date: '2026-12-01' });
    await confirmedWithTor(h);

    const card = await overviewFor(h, HANNE);
    const text = cardText(card);
    expect(text).toContain('Medarbeidersamtaler 2026 – tall per enhet');
    // Nordby skole: Randi (not started), Lars (preparing), Tor (confirmed).
    expect(text).toContain('Nordby skole');
    // Counts under 3 are suppressed, so a small unit does not give away one person's status (#12).
    expect(text).toContain('3 ansatte · Ikke startet under 3 · Forberedes under 3 · Gjennomført 0 · Bekreftet under 3');
    expect(text).not.toContain('33 %');
    expect(text).not.toMatch(/(Ikke startet|Forberedes|Bekreftet) [12]\b/);
    const json = JSON.stringify(card);
    for (const hidden of ['Lars', 'Tor', 'Randi', TOR_SECRET, SUMMARY, ACTION_TEXT]) expect(json, hidden).not.toContain(hidden);
    // Nothing on it opens a samtale.
    expect(actions(card).map((a) => a.verb)).not.toContain(VERBS.samtaleOpen);
    // HR leads nobody, so there is no way to the leader's list either.
    const asLeader = await click(h, HANNE, { verb: VERBS.samtaleTeam, data: { page: 0 } });
    expect(cardText(asLeader)).toContain(SAMTALE_TEXT.notALeader);
  });

  it('When a colleague who is neither leader nor HR asks for the overview, then she is told politely who it is for and sees nobody', async () => {
    const h = await createHarness();
    await confirmedWithTor(h);

    const card = await overviewFor(h, TOR);
    expect(cardText(card)).toContain(OVERVIEW_REFUSED_TEXT);
    expect(JSON.stringify(card)).not.toContain('Lars');
    // The card verbs sent by hand are refused too.
    const hr = await click(h, TOR, { verb: VERBS.samtaleHr, data: { page: 0 } });
    expect(cardText(hr)).toContain(OVERVIEW_REFUSED_TEXT);
    // A leader who is not HR gets the counts refused.
    const randiHr = await click(h, RANDI, { verb: VERBS.samtaleHr, data: { page: 0 } });
    expect(cardText(randiHr)).toContain(SAMTALE_TEXT.hrOnly);
  });

  it('When the owner marks an agreed action as done on the referat, then it shows as fullført, a double click changes nothing, and the overview counts no open action', async () => {
    const h = await createHarness();
    const samtaleId = await confirmedWithTor(h);

    const referat = await click(h, TOR, { verb: VERBS.samtaleOpen, data: { samtaleId } });
    expect(cardText(referat)).toContain(`${ACTION_TEXT} – Tor Tillitsvalgt, frist 10. januar 2027`);
    const mark = button(referat, 'Marker som fullført');
    const done = await click(h, TOR, mark);
    expect(cardText(done)).toContain('Tiltaket er markert som fullført.');
    expect(cardText(done)).toContain(`${ACTION_TEXT} – Tor Tillitsvalgt, frist 10. januar 2027 (fullført)`);
    expect(actions(done).map((a) => a.title)).not.toContain('Marker som fullført');

    const again = await click(h, TOR, mark);
    expect(cardText(again)).toContain(DUPLICATE_TEXT);
    const stored = await h.store.samtaler.get(samtaleId);
    expect(stored?.actions.map((a) => a.status)).toEqual(['done']);

    const overview = await overviewFor(h, RANDI);
    expect(rowOf(overview, 'Tor Tillitsvalgt')).not.toContain('tiltak');
  });
});

describe('the «samtaleoversikt» command', () => {
  it('When a leader writes the command in other words, then she gets the same overview, and «mine samtaler» still lists her samtaler', async () => {
    const h = await createHarness();
    for (const text of ['Samtaleoversikt', 'samtaleoversikten.', 'oversikt over medarbeidersamtaler', 'oversikten over samtalene']) {
      const [reply] = await h.say(text, RANDI);
      expect(cardText(cardOf(reply)), text).toContain('Samtaleoversikt 2026');
    }
    const [mine] = await h.say('mine samtaler', RANDI);
    const overview = await click(h, RANDI, button(cardOf(mine), 'Samtaleoversikt'));
    expect(cardText(overview)).toContain('Samtaleoversikt 2026');
  });
});
