/**
 * A leader change in Teams (issue #17), through the real Application over TestAdapter: lektor
 * Lars Lærer (1004) moves from rektor Randi Rektor (1003) to Kjell Kommunalsjef (1002) in an org
 * import; then the bot applies the change as it does at start-up (reconcileLeaders + notices
 * into the outbox) and each person opens what they have.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs.js';
import { renderNotice } from '../../src/modules/samtale/cards/messages.js';
import { SAMTALE_NOTICE_KIND } from '../../src/modules/samtale/delivery.js';
import { TEXT } from '../../src/modules/samtale/commands.js';
import type { NotificationKind } from '../../src/modules/samtale/commands.js';
import { projectRoot } from '../../src/util/project-root.js';
import { actionsOf, cardText, createHarness, invokeCardOf, type TestUser } from '../helpers/bot-harness.js';
import { KJELL, LARS, RANDI } from '../helpers/small-org-users.js';

const LARS_DRAFT = 'Lars: jeg vil bytte til spesialundervisning';
const RANDI_PREP = 'Randi: Lars trenger tettere oppfølging';
const SHARED_NOTE = 'Felles: Lars tar videreutdanning';
const PRIVATE_NOTE = 'Privat: snakk med HR om Lars';
const ACTION = 'Søke videreutdanning i spesialpedagogikk';

type Harness = Awaited<ReturnType<typeof createHarness>>;
type Action = Record<string, unknown> & { verb?: string; title?: string; data?: Record<string, unknown> };

const ok = <T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> => {
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r as Extract<T, { ok: true }>;
};

/** The org import that gives Lars a new leader, then what the bot does at start-up. */
async function moveLarsToKjell(h: Harness) {
  const org = JSON.parse(readFileSync(join(projectRoot, 'test/fixtures/org/small-org.json'), 'utf8')) as { employees: { employeeId: string; leaderEmployeeId?: string; unitId: string }[] };
  for (const e of org.employees) if (e.employeeId === '1004') Object.assign(e, { leaderEmployeeId: '1002', unitId: 'oppvekst' });
  const report = await h.org.importOrg(JSON.stringify(org), 'ny-org.json');
  expect(report).toMatchObject({ imported: true, errors: [] });
  // The service queues the notices itself (the harness gives it the store's outbox).
  return h.samtale.reconcileLeaders();
}

async function open(h: Harness, user: TestUser, samtaleId: string) {
  const replies = await h.execute(VERBS.samtaleOpen, { samtaleId }, user);
  return replies.map(invokeCardOf).find(Boolean)!;
}

/** The notice cards in the outbox for one samtale, by recipient. */
async function noticesFor(h: Harness, samtaleId: string) {
  const items = await h.store.outbox.list(`samtale:${samtaleId}`);
  const campaign = await h.store.outbox.getCampaign(`samtale:${samtaleId}`);
  expect(campaign?.kind).toBe(SAMTALE_NOTICE_KIND);
  const byRecipient = new Map<string, string[]>();
  for (const item of items) {
    if (item.recipient.kind !== 'employee') continue;
    const d = item.data as Record<string, string>;
    if (!String(d.kind).startsWith('lederbytte') && d.kind !== 'tiltak-overtatt') continue;
    const card = renderNotice({ kind: d.kind as NotificationKind, samtaleId: d.samtaleId!, fromName: d.fromName!, employeeName: d.employeeName!, scheduledForText: d.scheduledForText! });
    byRecipient.set(item.recipient.employeeId, [...(byRecipient.get(item.recipient.employeeId) ?? []), cardText(card)]);
  }
  return byRecipient;
}

const SECRETS = [LARS_DRAFT, RANDI_PREP, SHARED_NOTE, PRIVATE_NOTE];

describe('leader change in Teams (#17)', () => {
  it('When Lars gets a new leader before the samtale is held, then it is «avsluttet ved lederbytte»; the new leader who opens it is refused, the former too; Lars still sees his own', async () => {
    const h = await createHarness();
    let v = ok(await h.samtale.startSamtale(RANDI_ID, LARS_ID, '2026-12-01')).view;
    v = ok(await h.samtale.execute(LARS_ID, v.id, { type: 'saveAnswer', sectionId: 'kompetanse', answers: { egenvurdering: LARS_DRAFT } }, v.version)).view;
    v = ok(await h.samtale.execute(RANDI_ID, v.id, { type: 'saveAnswer', sectionId: 'kompetanse', answers: { egenvurdering: RANDI_PREP } }, v.version)).view;
    await moveLarsToKjell(h);

    // The new leader tries to open the old samtale (the «Start samtalen» card he should never get): refused, nothing shown.
    const kjell = await open(h, KJELL, v.id);
    expect(cardText(kjell)).toContain(TEXT.noAccess);
    expect(actionsOf(kjell).map((a) => a.verb)).not.toContain(VERBS.samtaleBegin);
    for (const s of SECRETS) expect(cardText(kjell)).not.toContain(s);
    // Start samtalen is refused too.
    const begin = invokeCardOf((await h.execute(VERBS.samtaleBegin, { samtaleId: v.id, version: v.version }, KJELL))[0]);
    expect(cardText(begin)).not.toContain(LARS_DRAFT);
    expect((await h.store.samtaler.get(v.id))!.openedAt).toBeUndefined();

    // The former leader has lost access.
    const randi = await open(h, RANDI, v.id);
    expect(cardText(randi)).toContain(TEXT.noAccess);
    for (const s of SECRETS) expect(cardText(randi)).not.toContain(s);

    // Lars: his list and the samtale say what happened, with the leader it was with.
    const mine = invokeCardOf((await h.execute(VERBS.samtaleMine, {}, LARS))[0]);
    expect(cardText(mine)).toContain('Med Randi Rektor · Avsluttet ved lederbytte');
    const lars = await open(h, LARS, v.id);
    expect(cardText(lars)).toContain('Din samtale med Randi Rektor');
    expect(cardText(lars)).toContain('Avsluttet ved lederbytte');
    expect(cardText(lars)).not.toContain('Kjell');
  });

  it('When the samtale ends at a leader change, then Lars, Randi and Kjell are each told – and nobody is told twice when the bot starts again', async () => {
    const h = await createHarness();
    const v = ok(await h.samtale.startSamtale(RANDI_ID, LARS_ID, '2026-12-01')).view;
    await moveLarsToKjell(h);
    const told = await noticesFor(h, v.id);
    expect(told.get(LARS_ID)!.join('\n')).toContain('Nærmeste leder er endret for deg i organisasjonsoversikten, så samtalen 1. desember 2026 med den tidligere lederen er avsluttet');
    expect(told.get(LARS_ID)!.join('\n')).toContain('ingen av lederne kan se den');
    expect(told.get(RANDI_ID)!.join('\n')).toContain('Lars Lærer har fått ny nærmeste leder, så samtalen 1. desember 2026 er avsluttet. Du har ikke lenger tilgang til den.');
    expect(told.get(KJELL_ID)!.join('\n')).toContain('Lars Lærer har deg som nærmeste leder nå');
    const before = (await h.store.outbox.list(`samtale:${v.id}`)).length;
    expect(await h.samtale.reconcileLeaders()).toEqual({ closed: 0, handedOver: 0, notices: [] });
    expect((await h.store.outbox.list(`samtale:${v.id}`)).length).toBe(before);
    // Audit log: the closing, with the new leader, and the refused openings.
    const log = await h.store.audit.listForSamtale(v.id);
    expect(log.filter((e) => e.action === 'lederbytte')).toEqual([expect.objectContaining({ viewerId: KJELL_ID, outcome: 'allowed' })]);
  });

  it('When Lars is invited by his new leader, then he may carry his own draft over with a button; Kjell sees nothing of it until both have sent in', async () => {
    const h = await createHarness();
    let v = ok(await h.samtale.startSamtale(RANDI_ID, LARS_ID, '2026-12-01')).view;
    v = ok(await h.samtale.execute(LARS_ID, v.id, { type: 'saveAnswer', sectionId: 'kompetanse', answers: { egenvurdering: LARS_DRAFT } }, v.version)).view;
    v = ok(await h.samtale.execute(RANDI_ID, v.id, { type: 'saveAnswer', sectionId: 'kompetanse', answers: { egenvurdering: RANDI_PREP } }, v.version)).view;
    await moveLarsToKjell(h);
    const fresh = ok(await h.samtale.startSamtale(KJELL_ID, LARS_ID, '2026-12-10')).view;

    const overview = await open(h, LARS, fresh.id);
    const carry = (actionsOf(overview) as Action[]).find((a) => a.verb === VERBS.samtaleCarry);
    expect(carry?.title).toBe('Ta med forberedelsen min fra samtalen 1. desember 2026');
    const after = invokeCardOf((await h.execute(carry!.verb!, carry!.data, LARS))[0]);
    expect(cardText(after)).toContain('Forberedelsen din fra den avsluttede samtalen er tatt med');
    expect((actionsOf(after) as Action[]).some((a) => a.verb === VERBS.samtaleCarry)).toBe(false);
    expect((await h.store.samtaler.get(fresh.id))!.preparations.employee.answers).toEqual({ kompetanse: { egenvurdering: LARS_DRAFT } });
    // Randi's preparation never comes along, and Kjell does not see Lars's draft.
    expect(JSON.stringify(await h.store.samtaler.get(fresh.id))).not.toContain(RANDI_PREP);
    const kjell = await open(h, KJELL, fresh.id);
    for (const s of SECRETS) expect(cardText(kjell)).not.toContain(s);
    // Kjell cannot press Lars's button.
    const stolen = invokeCardOf((await h.execute(carry!.verb!, carry!.data, KJELL))[0]);
    expect(cardText(stolen)).toContain(TEXT.noAccess);
  });

  it('When Lars gets a new leader after the referat is confirmed, then it keeps Randi, the date and Nordby skole; Kjell sees the agreed actions only and is told; Randi is out', async () => {
    const h = await createHarness();
    const s = h.samtale;
    let v = ok(await s.startSamtale(RANDI_ID, LARS_ID, '2026-12-01')).view;
    v = ok(await s.execute(LARS_ID, v.id, { type: 'saveAnswer', sectionId: 'kompetanse', answers: { egenvurdering: LARS_DRAFT } }, v.version)).view;
    v = ok(await s.execute(RANDI_ID, v.id, { type: 'saveAnswer', sectionId: 'kompetanse', answers: { egenvurdering: RANDI_PREP } }, v.version)).view;
    v = ok(await s.execute(LARS_ID, v.id, { type: 'submitPreparation' }, v.version)).view;
    v = ok(await s.execute(RANDI_ID, v.id, { type: 'submitPreparation' }, v.version)).view;
    v = ok(await s.execute(RANDI_ID, v.id, { type: 'open' }, v.version)).view;
    v = ok(await s.execute(RANDI_ID, v.id, { type: 'addNote', visibility: 'shared', text: SHARED_NOTE }, v.version)).view;
    v = ok(await s.execute(RANDI_ID, v.id, { type: 'addNote', visibility: 'private', text: PRIVATE_NOTE }, v.version)).view;
    v = ok(await s.execute(RANDI_ID, v.id, { type: 'addAction', what: ACTION, ownerEmployeeId: LARS_ID, dueDate: '2027-01-10' }, v.version)).view;
    v = ok(await s.execute(RANDI_ID, v.id, { type: 'sendReferat' }, v.version)).view;
    v = ok(await s.execute(LARS_ID, v.id, { type: 'confirm' }, v.version)).view;

    const outcome = await moveLarsToKjell(h);
    expect(outcome).toMatchObject({ closed: 0, handedOver: 1 });
    expect((await noticesFor(h, v.id)).get(KJELL_ID)!.join('\n')).toContain('I den bekreftede samtalen 1. desember 2026 med Randi Rektor ble det avtalt tiltak');

    const kjell = await open(h, KJELL, v.id);
    const seen = cardText(kjell);
    expect(seen).toContain('Tiltak å følge opp for Lars Lærer');
    expect(seen).toContain(`${ACTION} – Lars Lærer, frist 10. januar 2027`);
    expect(seen).toContain('med Randi Rektor (Nordby skole)');
    for (const secret of SECRETS) expect(seen).not.toContain(secret);
    expect(seen).not.toContain('Din forberedelse');

    const lars = cardText(await open(h, LARS, v.id));
    expect(lars).toContain('Din samtale med Randi Rektor');
    expect(lars).toContain('Nordby skole');
    expect(lars).toContain('1.\u00A0desember 2026'); // the date fact, kept from reading as a list in Teams (#12)
    expect(lars).toContain(ACTION);

    const randi = cardText(await open(h, RANDI, v.id));
    expect(randi).toContain(TEXT.noAccess);
    expect(randi).not.toContain(ACTION);
  });
});

const RANDI_ID = '1003';
const LARS_ID = '1004';
const KJELL_ID = '1002';
