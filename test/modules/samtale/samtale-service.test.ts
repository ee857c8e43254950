import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CompetenceService } from '../../../src/modules/gap/gap-service.js';
import type { PersonGap } from '../../../src/modules/gap/person-gap.js';
import type { OrgSnapshot } from '../../../src/modules/org/model.js';
import { createOrgDirectory } from '../../../src/modules/org/org-directory.js';
import type { CommandResult } from '../../../src/modules/samtale/views.js';
import { createSamtaleService, SAMTALE_TEXT } from '../../../src/modules/samtale/samtale-service.js';
import type { SamtaleCompetenceAccess } from '../../../src/modules/samtale/service-context.js';
import type { SamtaleOutbox } from '../../../src/modules/samtale/delivery.js';
import { TEXT } from '../../../src/modules/samtale/commands.js';
import { fixedClock } from '../../../src/shared/dates.js';
import { openLowdbStore } from '../../../src/storage/lowdb/lowdb-store.js';
import { openMemoryStore } from '../../../src/storage/open-store.js';
import type { Store } from '../../../src/storage/ports/store.js';
import { P, smallOrg } from '../org/helpers.js';
import { NOW, template } from './fixtures.js';
import { recordingLogger } from '../../helpers/logger.js';

/** A logger that keeps every call, so tests can check that nothing anyone wrote is logged. */
// The competence module's service is what main.ts will pass in: it must fit the port.
const competenceServiceFits = (c: CompetenceService): SamtaleCompetenceAccess => c;
void competenceServiceFits;

const templates = { defaultTemplate: template, byId: new Map([[template.id, template]]) };
const competence: SamtaleCompetenceAccess = {
  content: { competenceById: new Map([['veiledning', { name: 'Veiledning' }]]) } as unknown as SamtaleCompetenceAccess['content'],
};

async function setup(opts: { store?: Store; clock?: ReturnType<typeof fixedClock>; org?: OrgSnapshot; competence?: SamtaleCompetenceAccess; outbox?: SamtaleOutbox } = {}) {
  const store = opts.store ?? (await openMemoryStore());
  let directory = createOrgDirectory(opts.org ?? smallOrg());
  const clock = opts.clock ?? fixedClock(NOW);
  const { logger, lines } = recordingLogger();
  let ids = 0;
  const service = createSamtaleService({
    samtaler: store.samtaler,
    audit: store.audit,
    org: { directory: () => directory },
    templates,
    competence: opts.competence ?? competence,
    clock,
    logger,
    notesRetentionMonths: 3,
    newId: () => `smt-${++ids}`,
    ...(opts.outbox ? { outbox: opts.outbox } : {}),
  });
  return {
    service,
    store,
    clock,
    lines,
    setOrg(snapshot: OrgSnapshot) {
      directory = createOrgDirectory(snapshot);
    },
  };
}

const SECRET_PREP = 'Jeg vurderer å slutte fordi jeg ikke får brukt spesialpedagogikken';
const LEADER_PREP = 'Lars trenger mer veiledning i klasseledelse';
const PRIVATE_NOTE = 'Privat: snakk med HR om permisjonen til Lars';
const SHARED_NOTE = 'Lars ønsker å ta videreutdanning i spesialpedagogikk';
const ACTION = 'Søke videreutdanning i spesialpedagogikk';

function ok<T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}

/** Rektor Randi starts a samtale with lektor Lars on 1 December 2026. */
async function started(t: Awaited<ReturnType<typeof setup>>) {
  return ok(await t.service.startSamtale(P.rektor, P.laerer, '2026-12-01')).view;
}

/** Both prepare and submit, Randi holds the conversation and sends the referat, Lars confirms. */
async function fullPath(t: Awaited<ReturnType<typeof setup>>) {
  const s = t.service;
  let v = await started(t);
  v = ok(await s.execute(P.laerer, v.id, { type: 'saveAnswer', sectionId: 'kompetanse', answers: { egenvurdering: SECRET_PREP } }, v.version)).view;
  v = ok(await s.execute(P.rektor, v.id, { type: 'saveAnswer', sectionId: 'kompetanse', answers: { egenvurdering: LEADER_PREP } }, v.version)).view;
  v = ok(await s.execute(P.laerer, v.id, { type: 'submitPreparation' }, v.version)).view;
  v = ok(await s.execute(P.rektor, v.id, { type: 'submitPreparation' }, v.version)).view;
  v = ok(await s.execute(P.rektor, v.id, { type: 'open' }, v.version)).view;
  v = ok(await s.execute(P.rektor, v.id, { type: 'addNote', visibility: 'shared', text: SHARED_NOTE, sectionId: 'kompetanse' }, v.version)).view;
  v = ok(await s.execute(P.rektor, v.id, { type: 'addNote', visibility: 'private', text: PRIVATE_NOTE }, v.version)).view;
  v = ok(await s.execute(P.rektor, v.id, { type: 'addAction', what: ACTION, ownerEmployeeId: P.laerer, dueDate: '2027-01-10' }, v.version)).view;
  v = ok(await s.execute(P.rektor, v.id, { type: 'addDevPlanItem', what: 'Veilede nye lærere', competenceId: 'veiledning' }, v.version)).view;
  const sent = ok(await s.execute(P.rektor, v.id, { type: 'sendReferat', summary: 'En god samtale om videreutdanning.' }, v.version));
  const confirmed = ok(await s.execute(P.laerer, v.id, { type: 'confirm', comment: 'Enig i referatet' }, sent.view.version));
  return { id: v.id, sent, confirmed };
}

describe('samtale service: starting', () => {
  it('When the service is called directly (no Teams), then it queues the invitation itself after saving; a refused or repeated command queues nothing', async () => {
    const queued: { campaign: string; keys: string[]; to: unknown[]; saved: number }[] = [];
    let t: Awaited<ReturnType<typeof setup>> | undefined;
    const outbox: SamtaleOutbox = {
      async enqueue(campaign, items) {
        // What was stored when the notice was queued: the samtale it tells about must already be saved.
        queued.push({ campaign: campaign.id, keys: items.map((i) => i.key), to: items.map((i) => i.recipient), saved: await t!.store.samtaler.count() });
        return { added: items.length, existing: 0 };
      },
    };
    t = await setup({ outbox });
    const first = ok(await t.service.startSamtale(P.rektor, P.laerer, '2026-12-01'));
    expect(queued).toEqual([{ campaign: `samtale:${first.view.id}`, keys: [`samtale:${first.view.id}:invitasjon:${P.laerer}:1`], to: [{ kind: 'employee', employeeId: P.laerer }], saved: 1 }]);
    ok(await t.service.startSamtale(P.rektor, P.laerer, '2026-12-01'));
    expect(await t.service.execute(P.laerer, first.view.id, { type: 'cancel' }, 1)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(queued).toHaveLength(1);
    ok(await t.service.execute(P.rektor, first.view.id, { type: 'cancel' }, 1));
    expect(queued.map((q) => q.keys[0])).toEqual([`samtale:${first.view.id}:invitasjon:${P.laerer}:1`, `samtale:${first.view.id}:avlyst:${P.laerer}:2`]);
  });

  it('When a leader starts a samtale with their own employee, then it is planned and the employee gets an invitation to prepare', async () => {
    const t = await setup();
    const result = ok(await t.service.startSamtale(P.rektor, P.laerer, '2026-12-01'));
    expect(result.view).toMatchObject({ state: 'planlagt', version: 1, scheduledForText: '1. desember 2026', employee: { name: 'Lars Lærer' }, leader: { name: 'Randi Rektor' }, viewer: { role: 'leader' } });
    expect(result.notifications).toEqual([
      expect.objectContaining({ kind: 'invitasjon', toEmployeeId: P.laerer, toName: 'Lars Lærer', fromName: 'Randi Rektor', samtaleId: result.view.id, version: 1 }),
    ]);
  });

  it('When «start» is clicked twice, then there is one samtale and one invitation; another date while it is open is refused', async () => {
    const t = await setup();
    const first = ok(await t.service.startSamtale(P.rektor, P.laerer, '2026-12-01'));
    const second = ok(await t.service.startSamtale(P.rektor, P.laerer, '2026-12-01'));
    expect(second).toMatchObject({ duplicate: true, notifications: [], view: { id: first.view.id } });
    expect(await t.store.samtaler.count()).toBe(1);
    expect(await t.service.startSamtale(P.rektor, P.laerer, '2026-12-05')).toMatchObject({ ok: false, code: 'exists', samtaleId: first.view.id, reason: SAMTALE_TEXT.exists('1. desember 2026') });
  });

  it.each([
    ['a leader of another unit', P.styrer, P.laerer, SAMTALE_TEXT.notYourReport],
    ['the leader’s own leader', P.kommunalsjef, P.laerer, SAMTALE_TEXT.notYourReport],
    ['HR', P.hr, P.laerer, SAMTALE_TEXT.notYourReport],
    ['a colleague', P.tillitsvalgt, P.laerer, SAMTALE_TEXT.notYourReport],
    ['the leader with someone in another unit', P.rektor, P.assistent, SAMTALE_TEXT.notYourReport],
    ['someone with themselves', P.laerer, P.laerer, SAMTALE_TEXT.notYourself],
  ])('When %s tries to start one, then it is refused and nothing is stored', async (_label, leaderId, employeeId, reason) => {
    const t = await setup();
    expect(await t.service.startSamtale(leaderId, employeeId, '2026-12-01')).toEqual({ ok: false, code: 'forbidden', reason });
    expect(await t.store.samtaler.count()).toBe(0);
  });

  it('When the date is in the past, then the date field says so', async () => {
    const t = await setup();
    expect(await t.service.startSamtale(P.rektor, P.laerer, '2026-11-01')).toMatchObject({ ok: false, code: 'invalid', errors: [{ field: 'date', message: 'Datoen har passert (1. november 2026). Velg i dag eller en senere dato.' }] });
  });

  it('When a leader writes part of a name, then their matching reports are found and nobody else', async () => {
    const t = await setup();
    expect(ok(t.service.findReports(P.rektor, 'lars')).matches.map((m) => m.name)).toEqual(['Lars Lærer']);
    expect(ok(t.service.findReports(P.rektor, 'tor t')).matches.map((m) => m.name)).toEqual(['Tor Tillitsvalgt']);
    expect(ok(t.service.findReports(P.rektor, 'Lars Laerer')).matches.map((m) => m.name)).toEqual(['Lars Lærer']);
    expect(ok(t.service.findReports(P.rektor, 'anne')).matches).toEqual([]);
    expect(t.service.findReports(P.laerer, 'tor')).toMatchObject({ ok: false, reason: SAMTALE_TEXT.notALeader });
  });

  it('When a leader lists their reports, then each shows the unfinished samtale', async () => {
    const t = await setup();
    const v = await started(t);
    const reports = ok(await t.service.reportsForLeader(P.rektor)).reports;
    expect(reports.map((r) => [r.name, r.active?.samtaleId])).toEqual([
      ['Lars Lærer', v.id],
      ['Tor Tillitsvalgt', undefined],
    ]);
  });
});

describe('samtale service: the full path with two users', () => {
  it('When both prepare, the leader holds the conversation and the employee confirms, then the referat is locked and both were told', async () => {
    const t = await setup();
    const { id, sent, confirmed } = await fullPath(t);
    expect(sent.view.state).toBe('referat_sendt');
    expect(sent.notifications.map((n) => [n.kind, n.toEmployeeId])).toEqual([
      ['referat-sendt', P.laerer],
      ['referat-sendt', P.rektor],
    ]);
    expect(confirmed.view).toMatchObject({ state: 'bekreftet', content: { locked: true } });
    expect(confirmed.notifications.map((n) => [n.kind, n.toEmployeeId])).toEqual([['bekreftet', P.rektor]]);
    const forEmployee = ok(await t.service.getForViewer(P.laerer, id)).view;
    expect(forEmployee.content.referat).toMatchObject({
      summary: 'En god samtale om videreutdanning.',
      sharedNotes: [{ sectionId: 'kompetanse', text: SHARED_NOTE }],
      actions: [{ what: ACTION, ownerName: 'Lars Lærer', dueDate: '2027-01-10' }],
      devPlan: [{ what: 'Veilede nye lærere', competenceName: 'Veiledning' }],
    });
    expect(forEmployee.can).toMatchObject({ comment: true, confirm: false, addNote: false });
    expect(await t.service.execute(P.rektor, id, { type: 'addNote', visibility: 'shared', text: 'Endring' }, confirmed.view.version)).toMatchObject({
      ok: false,
      reason: 'Referatet er bekreftet og låst. Du kan fortsatt legge til en kommentar.',
    });
    const remark = ok(await t.service.execute(P.rektor, id, { type: 'comment', text: 'Kurset er godkjent' }, confirmed.view.version));
    expect(remark.view.content.comments.at(-1)).toMatchObject({ authorId: P.rektor, afterConfirmation: true });
    expect(remark.notifications.map((n) => [n.kind, n.toEmployeeId])).toEqual([['kommentar', P.laerer]]);
  });

  it('When one party has not submitted, then the other cannot read their preparation; the leader sees only that it is started', async () => {
    const t = await setup();
    let v = await started(t);
    v = ok(await t.service.execute(P.laerer, v.id, { type: 'saveAnswer', sectionId: 'kompetanse', answers: { egenvurdering: SECRET_PREP } }, v.version)).view;
    const leaderView = ok(await t.service.getForViewer(P.rektor, v.id)).view;
    expect(leaderView.preparationLabels.other).toBe('Påbegynt');
    expect(JSON.stringify(leaderView)).not.toContain(SECRET_PREP);
    ok(await t.service.execute(P.laerer, v.id, { type: 'submitPreparation' }, v.version));
    expect(JSON.stringify(ok(await t.service.getForViewer(P.rektor, v.id)).view)).not.toContain(SECRET_PREP);
  });

  it('When the employee submits, then the leader is told (without any of the content) and sees the status change', async () => {
    const t = await setup();
    let v = await started(t);
    v = ok(await t.service.execute(P.laerer, v.id, { type: 'saveAnswer', sectionId: 'kompetanse', answers: { egenvurdering: SECRET_PREP } }, v.version)).view;
    const submitted = ok(await t.service.execute(P.laerer, v.id, { type: 'submitPreparation' }, v.version));
    expect(submitted.notifications).toEqual([expect.objectContaining({ kind: 'forberedelse-sendt', toEmployeeId: P.rektor, fromName: 'Lars Lærer' })]);
    expect(JSON.stringify(submitted.notifications)).not.toContain(SECRET_PREP);
  });

  it('When the leader is asked for development-plan suggestions, then unmet requirements from the competence gap come back; the employee is refused', async () => {
    const gap = {
      requirements: [
        { label: 'Pedagogisk utdanning', status: 'missing', critical: true, priority: 'required', legal: {}, unmet: [{ competenceId: 'utd-pedagogisk', name: 'Pedagogisk utdanning' }] },
        { label: 'Veiledning nivå 3', status: 'below', critical: false, priority: 'desired', unmet: [{ competenceId: 'veiledning', name: 'Veiledning' }] },
        { label: 'Norsk', status: 'met', critical: false, priority: 'required', unmet: [] },
      ],
    } as unknown as PersonGap;
    const asked: string[] = [];
    const t = await setup({ competence: { ...competence, personGap: async (viewerId, employeeId) => (asked.push(`${viewerId}>${employeeId}`), { ok: true, gap }) } });
    const v = await started(t);
    expect(ok(await t.service.devPlanSuggestions(P.rektor, v.id))).toMatchObject({
      available: true,
      suggestions: [
        { competenceId: 'utd-pedagogisk', reason: 'Lovkrav' },
        { competenceId: 'veiledning', reason: 'Ønsket' },
      ],
    });
    expect(asked).toEqual([`${P.rektor}>${P.laerer}`]);
    expect(await t.service.devPlanSuggestions(P.laerer, v.id)).toMatchObject({ ok: false, reason: SAMTALE_TEXT.leaderOnlySuggestions });
    const without = await setup({ competence: competence });
    const w = await started(without);
    expect(ok(await without.service.devPlanSuggestions(P.rektor, w.id))).toMatchObject({ available: false, suggestions: [] });
  });
});

describe('samtale service: privacy and audit', () => {
  it.each([
    ['a leader of another unit', P.styrer],
    ['the leader’s own leader', P.kommunalsjef],
    ['HR', P.hr],
    ['a colleague', P.tillitsvalgt],
  ])('When %s tries to open, change or export a samtale, then they are refused and the attempt is in the audit log', async (_label, viewer) => {
    const t = await setup();
    const { id, confirmed } = await fullPath(t);
    expect(await t.service.getForViewer(viewer, id)).toEqual({ ok: false, code: 'forbidden', reason: TEXT.noAccess });
    expect(await t.service.execute(viewer, id, { type: 'comment', text: 'x' }, confirmed.view.version)).toEqual({ ok: false, code: 'forbidden', reason: TEXT.noAccess });
    expect(await t.service.exportReferat(viewer, id)).toEqual({ ok: false, code: 'forbidden', reason: TEXT.noAccess });
    expect(await t.service.actionReminder(viewer, id, confirmed.view.content.actions[0]!.id)).toMatchObject({ ok: false, code: 'forbidden' });
    const log = await t.store.audit.listForSamtale(id);
    expect(log).toEqual([
      { samtaleId: id, viewerId: viewer, action: 'view', outcome: 'refused', at: NOW.toISOString() },
      { samtaleId: id, viewerId: viewer, action: 'command', outcome: 'refused', command: 'comment', reason: 'forbidden', at: NOW.toISOString() },
      { samtaleId: id, viewerId: viewer, action: 'export', outcome: 'refused', at: NOW.toISOString() },
    ]);
  });

  it('When someone without access tries to save, note or cancel, then each refused attempt is in the audit log with who, what and why, and none of what they wrote', async () => {
    const t = await setup();
    const v = await started(t);
    const outsider = P.styrer;
    const secret = 'Dette skal ingen lese';
    expect(await t.service.execute(outsider, v.id, { type: 'saveAnswer', sectionId: 'kompetanse', answers: { egenvurdering: secret } }, v.version)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await t.service.execute(outsider, v.id, { type: 'addNote', visibility: 'private', text: secret }, v.version)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await t.service.execute(outsider, v.id, { type: 'cancel' }, v.version)).toMatchObject({ ok: false, code: 'forbidden' });
    // The employee may not cancel either (the leader's command): refused for another reason.
    const byEmployee = await t.service.execute(P.laerer, v.id, { type: 'cancel' }, v.version);
    expect(byEmployee.ok).toBe(false);
    const log = (await t.store.audit.listForSamtale(v.id)).filter((e) => e.action === 'command');
    expect(log.map((e) => [e.viewerId, e.command, e.outcome, e.reason])).toEqual([
      [outsider, 'saveAnswer', 'refused', 'forbidden'],
      [outsider, 'addNote', 'refused', 'forbidden'],
      [outsider, 'cancel', 'refused', 'forbidden'],
      [P.laerer, 'cancel', 'refused', byEmployee.ok ? '' : byEmployee.code],
    ]);
    expect(JSON.stringify(await t.store.audit.listForSamtale(v.id))).not.toContain(secret);
  });

  it('When the employee and the leader open the samtale, then every opening is written to the audit log with who and when, and no content', async () => {
    const t = await setup();
    const v = await started(t);
    await t.service.getForViewer(P.laerer, v.id);
    t.clock.advance(60_000);
    await t.service.getForViewer(P.rektor, v.id);
    await t.service.getForViewer(P.rektor, v.id);
    const log = await t.store.audit.listForSamtale(v.id);
    expect(log.map((e) => [e.viewerId, e.action, e.outcome])).toEqual([
      [P.laerer, 'view', 'allowed'],
      [P.rektor, 'view', 'allowed'],
      [P.rektor, 'view', 'allowed'],
    ]);
    expect(log[1]!.at).toBe('2026-11-23T10:01:00.000Z');
    expect(Object.keys(log[0]!).sort()).toEqual(['action', 'at', 'outcome', 'samtaleId', 'viewerId']);
  });

  it('When the employee gets a new leader, then until the change is applied neither leader may open the samtale (never the new one)', async () => {
    const t = await setup();
    const v = await started(t);
    t.setOrg(newLeaderForLars());
    expect(await t.service.getForViewer(P.rektor, v.id)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await t.service.getForViewer(P.kommunalsjef, v.id)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await t.service.execute(P.kommunalsjef, v.id, { type: 'open' }, v.version)).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('When HR asks for counts, then they get numbers per unit and nothing anyone wrote; others are refused', async () => {
    const t = await setup();
    await fullPath(t);
    const counts = ok(await t.service.hrCounts(P.hr, 2026));
    const skole = counts.units.find((u) => u.unitId === 'nordby-skole')!;
    expect(skole).toEqual({ unitId: 'nordby-skole', name: 'Nordby skole', parentUnitId: 'oppvekst', employees: 3, ikke_startet: 2, forberedes: 0, gjennomfort: 0, bekreftet: 1 });
    expect(counts.totals).toMatchObject({ employees: 8, bekreftet: 1, ikke_startet: 7 });
    const text = JSON.stringify(counts);
    for (const secret of [SECRET_PREP, LEADER_PREP, SHARED_NOTE, PRIVATE_NOTE, ACTION, 'smt-1', 'Lars']) expect(text).not.toContain(secret);
    expect(await t.service.hrCounts(P.rektor, 2026)).toEqual({ ok: false, code: 'forbidden', reason: SAMTALE_TEXT.hrOnly });
    expect(await t.service.hrCounts(P.radmann, 2026)).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('When a leader looks at the year, then each report is ikke startet, forberedes, gjennomført or bekreftet', async () => {
    const t = await setup();
    let v = await started(t);
    let overview = ok(await t.service.leaderOverview(P.rektor, 2026));
    expect(overview.rows.map((r) => [r.name, r.statusLabel])).toEqual([
      ['Lars Lærer', 'Forberedes'],
      ['Tor Tillitsvalgt', 'Ikke startet'],
    ]);
    v = ok(await t.service.execute(P.rektor, v.id, { type: 'open' }, v.version)).view;
    overview = ok(await t.service.leaderOverview(P.rektor, 2026));
    expect(overview.rows[0]).toMatchObject({ status: 'gjennomfort', employeePreparation: 'ikke_startet', openActions: 0 });
    expect(overview.totals).toEqual({ ikke_startet: 1, forberedes: 0, gjennomfort: 1, bekreftet: 0 });
    expect(ok(await t.service.leaderOverview(P.rektor, 2027)).totals.ikke_startet).toBe(2);
    expect(await t.service.leaderOverview(P.laerer, 2026)).toMatchObject({ ok: false, reason: SAMTALE_TEXT.notALeader });
  });

  it('When someone asks for «samtaleoversikt», then one use case decides: a leader gets her reports, HR the counts, someone who is both may switch, anyone else is refused', async () => {
    const t = await setup();
    await fullPath(t);
    const leader = ok(await t.service.overview(P.rektor, 0));
    expect(leader).toMatchObject({ view: 'team', page: 0, other: false });
    if (leader.view === 'team') expect(leader.team.rows.map((r) => [r.name, r.statusLabel])).toEqual([['Lars Lærer', 'Bekreftet'], ['Tor Tillitsvalgt', 'Ikke startet']]);
    expect(await t.service.overview(P.rektor, 0, 'hr')).toEqual({ ok: false, code: 'forbidden', reason: SAMTALE_TEXT.hrOnly });
    const hr = ok(await t.service.overview(P.hr, 2));
    expect(hr).toMatchObject({ view: 'hr', page: 2, other: false, hr: { year: 2026, totals: { bekreftet: 1 } } });
    expect(JSON.stringify(hr)).not.toContain('Lars');
    expect(await t.service.overview(P.hr, 0, 'team')).toEqual({ ok: false, code: 'forbidden', reason: SAMTALE_TEXT.notALeader });
    expect(await t.service.overview(P.laerer, 0)).toEqual({ ok: false, code: 'forbidden', reason: SAMTALE_TEXT.overviewRefused });
    expect(await t.service.overview('9999', 0)).toEqual({ ok: false, code: 'not-found', reason: SAMTALE_TEXT.unknownPerson });

    // Rektor with the HR role too: the reports first, with a way to the counts, and the counts when asked.
    const org = smallOrg();
    org.employees = org.employees.map((e) => (e.employeeId === P.rektor ? { ...e, roles: [...e.roles, 'hr' as const] } : e));
    t.setOrg(org);
    expect(ok(await t.service.overview(P.rektor, 0))).toMatchObject({ view: 'team', other: true });
    expect(ok(await t.service.overview(P.rektor, 0, 'hr'))).toMatchObject({ view: 'hr', other: true });
  });

  it('When the whole path has run, then the logs hold ids and counts but nothing anyone wrote', async () => {
    const t = await setup();
    const { id } = await fullPath(t);
    await t.service.exportReferat(P.laerer, id);
    await t.service.getForViewer(P.hr, id);
    const logs = t.lines.join('\n');
    expect(logs).toContain(id);
    for (const secret of [SECRET_PREP, LEADER_PREP, SHARED_NOTE, PRIVATE_NOTE, ACTION, 'En god samtale', 'Enig i referatet', 'Veilede nye']) expect(logs).not.toContain(secret);
  });
});

describe('samtale service: double clicks, stale cards and restarts', () => {
  it('When «send inn» is clicked twice on the same card, then it is submitted once, one notice goes out, and the second answer says it was done', async () => {
    const t = await setup();
    const v = await started(t);
    const first = ok(await t.service.execute(P.laerer, v.id, { type: 'submitPreparation' }, v.version));
    const second = ok(await t.service.execute(P.laerer, v.id, { type: 'submitPreparation' }, v.version));
    expect(first.duplicate).toBe(false);
    expect(first.notifications).toHaveLength(1);
    expect(second).toMatchObject({ duplicate: true, notifications: [], view: { version: first.view.version } });
    expect((await t.store.samtaler.get(v.id))?.version).toBe(2);
  });

  it('When two clicks of «legg til tiltak» race, then there is one action', async () => {
    const t = await setup();
    let v = await started(t);
    v = ok(await t.service.execute(P.rektor, v.id, { type: 'open' }, v.version)).view;
    const action = { what: ACTION, ownerEmployeeId: P.laerer, dueDate: '2027-01-10' };
    const [a, b] = await Promise.all([t.service.execute(P.rektor, v.id, { type: 'addAction', ...action }, v.version), t.service.execute(P.rektor, v.id, { type: 'addAction', ...action }, v.version)]);
    expect([a, b].filter((r: CommandResult) => r.ok && r.duplicate)).toHaveLength(1);
    expect((await t.store.samtaler.get(v.id))?.actions).toHaveLength(1);
  });

  it('When a card from an earlier step is clicked, then nothing changes and the user is told the card is old', async () => {
    const t = await setup();
    const v = await started(t);
    const opened = ok(await t.service.execute(P.rektor, v.id, { type: 'open' }, v.version)).view;
    const stale = await t.service.execute(P.laerer, v.id, { type: 'saveAnswer', sectionId: 'kompetanse', answers: { egenvurdering: 'for sent' } }, v.version);
    expect(stale).toEqual({ ok: false, code: 'stale', reason: TEXT.staleStep('Samtalen pågår') });
    expect(await t.service.execute(P.rektor, v.id, { type: 'reschedule', date: '2026-12-24' }, v.version)).toMatchObject({ ok: false, code: 'stale' });
    expect((await t.store.samtaler.get(v.id))?.version).toBe(opened.version);
  });

  it('When a card carries a tampered samtale id or version, then the user is told and nothing changes', async () => {
    const t = await setup();
    const v = await started(t);
    expect(await t.service.execute(P.laerer, 'smt-finnes-ikke', { type: 'saveAnswer', sectionId: 'kompetanse', answers: { egenvurdering: 'x' } }, 1)).toEqual({ ok: false, code: 'not-found', reason: SAMTALE_TEXT.notFound });
    expect(await t.service.execute(P.laerer, v.id, { type: 'saveAnswer', sectionId: 'kompetanse', answers: { egenvurdering: 'x' } }, 42)).toEqual({ ok: false, code: 'stale', reason: TEXT.unknownVersion });
    expect(await t.service.execute(P.laerer, v.id, { type: 'saveAnswer', sectionId: '../admin', answers: { egenvurdering: 'x' } }, 1)).toMatchObject({ ok: false, code: 'invalid', errors: [{ field: 'sectionId' }] });
    expect(await t.service.execute(P.laerer, v.id, { type: 'confirm' }, 1)).toMatchObject({ ok: false, code: 'not-allowed' });
    expect((await t.store.samtaler.get(v.id))?.version).toBe(1);
  });

  it('When the bot restarts in the middle of the preparation, then both continue where they left off', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kbot-samtale-')), 'data', 'db.json');
    const before = await setup({ store: await openLowdbStore(file) });
    let v = await started(before);
    v = ok(await before.service.execute(P.laerer, v.id, { type: 'saveAnswer', sectionId: 'trivsel', answers: { hverdag: 'Travelt før jul' } }, v.version)).view;
    const leaderCard = v.version;
    ok(await before.service.execute(P.rektor, v.id, { type: 'saveAnswer', sectionId: 'trivsel', answers: { hverdag: 'Han virker sliten' } }, leaderCard));
    await before.store.close();

    const after = await setup({ store: await openLowdbStore(file) });
    const mine = ok(await after.service.getForViewer(P.laerer, v.id)).view;
    expect(mine).toMatchObject({ state: 'forberedes', version: 3, content: { mine: { status: 'pagar', answers: { trivsel: { hverdag: 'Travelt før jul' } } } } });
    const next = ok(await after.service.execute(P.laerer, v.id, { type: 'saveAnswer', sectionId: 'kompetanse', answers: { egenvurdering: 'God' } }, mine.version)).view;
    const done = ok(await after.service.execute(P.laerer, v.id, { type: 'submitPreparation' }, next.version)).view;
    expect(done.content.mine).toMatchObject({ status: 'sendt', answers: { trivsel: { hverdag: 'Travelt før jul' }, kompetanse: { egenvurdering: 'God' } } });
    // a card the employee clicked again after the restart is still recognised as a double click
    expect(ok(await after.service.execute(P.laerer, v.id, { type: 'submitPreparation' }, next.version)).duplicate).toBe(true);
  });
});

describe('samtale service: follow-up of actions', () => {
  it('When a new samtale starts, then last year’s open actions come back and must be closed or carried on before the referat is sent', async () => {
    const t = await setup();
    const first = await fullPath(t);
    t.clock.set('2027-11-01T10:00:00Z');
    let v = ok(await t.service.startSamtale(P.rektor, P.laerer, '2027-11-15')).view;
    expect(v.content.previousActions).toMatchObject([{ samtaleId: first.id, what: ACTION }]);
    v = ok(await t.service.execute(P.rektor, v.id, { type: 'open' }, v.version)).view;
    expect(v.blockers).toEqual([TEXT.previousOpen(1)]);
    expect(await t.service.execute(P.rektor, v.id, { type: 'sendReferat' }, v.version)).toMatchObject({ ok: false, code: 'not-allowed', reason: TEXT.previousOpen(1) });
    v = ok(await t.service.execute(P.rektor, v.id, { type: 'reviewPreviousAction', actionId: v.content.previousActions[0]!.actionId, decision: 'carry', dueDate: '2028-03-01' }, v.version)).view;
    expect(v.content.actions).toMatchObject([{ what: ACTION, dueDate: '2028-03-01', status: 'open' }]);
    expect((await t.store.samtaler.get(first.id))?.actions[0]?.status).toBe('carried');
    expect(ok(await t.service.execute(P.rektor, v.id, { type: 'sendReferat' }, v.version)).view.state).toBe('referat_sendt');
  });

  it('When an action is due within the reminder window, then its owner gets one reminder; the text is only given to a party', async () => {
    const t = await setup();
    const { id, confirmed } = await fullPath(t);
    const actionId = confirmed.view.content.actions[0]!.id;
    expect(await t.service.dueActions(new Date('2027-01-03T08:00:00Z'), 7)).toEqual([
      { kind: 'tiltak-frist', key: `${id}:${actionId}:2027-01-10`, toEmployeeId: P.laerer, samtaleId: id, actionId, employeeId: P.laerer, dueDate: '2027-01-10', dueDateText: '10. januar 2027', daysLeft: 7 },
    ]);
    expect(await t.service.dueActions(new Date('2027-01-03T08:00:00Z'), 3)).toEqual([]);
    expect(ok(await t.service.actionReminder(P.laerer, id, actionId))).toMatchObject({ what: ACTION, dueDateText: '10. januar 2027' });
    ok(await t.service.execute(P.laerer, id, { type: 'completeAction', actionId }, confirmed.view.version));
    expect(await t.service.dueActions(new Date('2027-01-03T08:00:00Z'), 7)).toEqual([]);
  });
});

describe('samtale service: export and retention', () => {
  it('When the referat is exported for the archive, then it has a clear header and the referat, and no preparation or private note', async () => {
    const t = await setup();
    const { id } = await fullPath(t);
    const byLeader = ok(await t.service.exportReferat(P.rektor, id, 'markdown')).file;
    // Planned for 1 December, held (opened) on 23 November: the archive gets the day it was held (#12).
    expect(byLeader.fileName).toBe(`referat-medarbeidersamtale-${P.laerer}-2026-11-23.md`);
    expect(byLeader.contentType).toBe('text/markdown; charset=utf-8');
    const doc = byLeader.content;
    expect(doc).toMatch(/^# Referat fra medarbeidersamtale\n/);
    expect(doc).toContain('| Arkiv | Personalmappe – Lars Lærer (ansattnr. 1004) |');
    expect(doc).toContain('| Leder | Randi Rektor (ansattnr. 1003) |');
    expect(doc).toContain('| Samtaledato | 23. november 2026 |');
    expect(doc).toContain('| Planlagt dato | 1. desember 2026 |');
    expect(doc).toContain('Bekreftet av medarbeideren');
    for (const part of ['En god samtale om videreutdanning.', SHARED_NOTE, ACTION, 'Veilede nye lærere (kompetanse: Veiledning)', 'Enig i referatet']) expect(doc).toContain(part);
    for (const secret of [SECRET_PREP, LEADER_PREP, PRIVATE_NOTE]) expect(doc).not.toContain(secret);
    const text = ok(await t.service.exportReferat(P.laerer, id, 'text')).file;
    expect(text.fileName.endsWith('.txt')).toBe(true);
    expect(text.content).toContain('REFERAT FRA MEDARBEIDERSAMTALE');
    expect(text.content).not.toContain(PRIVATE_NOTE);
    expect((await t.store.audit.listForSamtale(id)).map((e) => [e.viewerId, e.action])).toEqual([
      [P.rektor, 'export'],
      [P.laerer, 'export'],
    ]);
  });

  it('When the referat is not sent yet, then there is nothing to export', async () => {
    const t = await setup();
    const v = await started(t);
    expect(await t.service.exportReferat(P.rektor, v.id)).toEqual({ ok: false, code: 'not-allowed', reason: SAMTALE_TEXT.noReferat });
  });

  it('When the employee exports their own samtaler, then they get the referat and their own preparation, not the leader’s', async () => {
    const t = await setup();
    await fullPath(t);
    const file = ok(await t.service.exportMine(P.laerer)).file;
    expect(file.content).toContain(SECRET_PREP);
    expect(file.content).toContain(SHARED_NOTE);
    expect(file.content).not.toContain(LEADER_PREP);
    expect(file.content).not.toContain(PRIVATE_NOTE);
  });

  it('When the retention time passes after confirmation, then working notes are deleted and the referat stays', async () => {
    const t = await setup();
    const { id } = await fullPath(t);
    expect(await t.service.purgeWorkingNotes(new Date('2027-02-22T12:00:00Z'))).toEqual({ purged: 0 });
    expect(JSON.stringify(await t.store.samtaler.get(id))).toContain(SECRET_PREP);
    expect(await t.service.purgeWorkingNotes(new Date('2027-02-23T10:00:00Z'))).toEqual({ purged: 1 });
    const stored = (await t.store.samtaler.get(id))!;
    const json = JSON.stringify(stored);
    for (const gone of [SECRET_PREP, LEADER_PREP, PRIVATE_NOTE]) expect(json).not.toContain(gone);
    expect(stored.referat?.sharedNotes).toEqual([{ sectionId: 'kompetanse', text: SHARED_NOTE }]);
    expect(stored.actions.map((a) => a.what)).toEqual([ACTION]);
    expect(stored.comments.map((c) => c.text)).toEqual(['Enig i referatet']);
    expect(ok(await t.service.exportReferat(P.laerer, id)).file.content).toContain(SHARED_NOTE);
    expect(await t.service.purgeWorkingNotes(new Date('2028-01-01T00:00:00Z'))).toEqual({ purged: 0 });
  });
});

describe('samtale service: deleting archived referater (SAMTALE_REFERAT_RETENTION_MONTHS, default 24)', () => {
  // fullPath confirms the referat at NOW, 23 November 2026 10:00 UTC: 24 months later is 23 November 2028.
  const TWO_YEARS_LATER = new Date('2028-11-23T10:00:00Z');
  const referatText = [SHARED_NOTE, ACTION, 'En god samtale om videreutdanning.', 'Enig i referatet', 'Veilede nye lærere', SECRET_PREP, LEADER_PREP, PRIVATE_NOTE];

  it('When the leader exported the confirmed referat and 24 months have passed, then its content is deleted and a tombstone keeps ids, state, dates and counts', async () => {
    const t = await setup();
    const { id } = await fullPath(t);
    ok(await t.service.exportReferat(P.rektor, id));
    const exported = (await t.store.samtaler.get(id))!;
    expect(exported.referatExportedAt).toBe(NOW.toISOString());
    // The leader's card shows when it went to the archive.
    expect(ok(await t.service.getForViewer(P.rektor, id)).view.referatExportedAt).toBe(NOW.toISOString());

    t.clock.set(TWO_YEARS_LATER);
    expect(await t.service.purgeArchivedReferats(TWO_YEARS_LATER)).toEqual({ deleted: 1, notArchived: 0 });
    const stored = (await t.store.samtaler.get(id))!;
    const json = JSON.stringify(stored);
    for (const gone of referatText) expect(json).not.toContain(gone);
    expect(stored).toMatchObject({ id, employeeId: P.laerer, leaderId: P.rektor, state: 'bekreftet', scheduledFor: '2026-12-01', confirmedAt: exported.confirmedAt, referatDeletedAt: TWO_YEARS_LATER.toISOString() });
    expect(stored.referat).toBeUndefined();
    expect(stored.actions.map((a) => [a.id, a.status, a.dueDate, a.what])).toEqual([[exported.actions[0]!.id, 'open', '2027-01-10', '']]);

    // Both parties see that it was deleted; it cannot be exported or commented on any more.
    const view = ok(await t.service.getForViewer(P.laerer, id)).view;
    expect(view.content.referatDeletedAt).toBe(TWO_YEARS_LATER.toISOString());
    expect(view.content.referat).toBeUndefined();
    expect(Object.values(view.can).some(Boolean)).toBe(false);
    expect(await t.service.exportReferat(P.rektor, id)).toEqual({ ok: false, code: 'not-allowed', reason: SAMTALE_TEXT.referatDeleted('23. november 2028') });
    expect(await t.service.execute(P.laerer, id, { type: 'comment', text: 'Ny kommentar' }, stored.version)).toMatchObject({ ok: false, code: 'not-allowed' });
    const mine = ok(await t.service.exportMine(P.laerer)).file.content;
    expect(mine).toContain('Slettet etter arkivering (23. november 2028)');
    for (const gone of referatText) expect(mine).not.toContain(gone);
    // The overview and HR's counts still count the samtale and its open (now overdue) action.
    const overview = ok(await t.service.leaderOverview(P.rektor, 2026));
    expect(overview.rows.find((r) => r.employeeId === P.laerer)).toMatchObject({ status: 'bekreftet', openActions: 1, overdueActions: 1 });
    expect(ok(await t.service.hrCounts(P.hr, 2026)).totals.bekreftet).toBe(1);
    // No reminder for an action whose text is gone; a second run deletes nothing.
    expect(await t.service.dueActions(new Date('2027-01-05T08:00:00Z'), 7)).toEqual([]);
    expect(await t.service.purgeArchivedReferats(new Date('2029-01-01T00:00:00Z'))).toEqual({ deleted: 0, notArchived: 0 });
  });

  it('When the referat was never exported for the archive, then it is kept however old, and counted and logged so HR can see it', async () => {
    const t = await setup();
    const { id } = await fullPath(t);
    // The employee's own exports are not the archive copy.
    ok(await t.service.exportReferat(P.laerer, id));
    ok(await t.service.exportMine(P.laerer));
    expect((await t.store.samtaler.get(id))?.referatExportedAt).toBeUndefined();

    expect(await t.service.purgeArchivedReferats(TWO_YEARS_LATER)).toEqual({ deleted: 0, notArchived: 1 });
    expect(await t.service.purgeArchivedReferats(new Date('2036-01-01T00:00:00Z'))).toEqual({ deleted: 0, notArchived: 1 });
    expect((await t.store.samtaler.get(id))?.referat?.sharedNotes).toEqual([{ sectionId: 'kompetanse', text: SHARED_NOTE }]);
    const logged = t.lines.filter((l) => l.includes('samtale.retention.referat')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged.at(-1)).toMatchObject({ deleted: 0, notArchived: 1, months: 24 });
    for (const secret of referatText) expect(t.lines.join('\n')).not.toContain(secret);
  });

  it('When a comment is added after the export, then the archive copy is incomplete and the referat is kept until it is exported again', async () => {
    const t = await setup();
    const { id } = await fullPath(t);
    ok(await t.service.exportReferat(P.rektor, id));
    t.clock.set('2027-01-15T09:00:00Z');
    const v = ok(await t.service.getForViewer(P.laerer, id)).view;
    ok(await t.service.execute(P.laerer, id, { type: 'comment', text: 'Merknad etter arkiveringen' }, v.version));
    expect(await t.service.purgeArchivedReferats(TWO_YEARS_LATER)).toEqual({ deleted: 0, notArchived: 1 });
    ok(await t.service.exportReferat(P.rektor, id));
    expect(await t.service.purgeArchivedReferats(TWO_YEARS_LATER)).toEqual({ deleted: 1, notArchived: 0 });
  });

  it('When the referat was exported but confirmed less than 24 months ago, then it is kept', async () => {
    const t = await setup();
    const { id } = await fullPath(t);
    ok(await t.service.exportReferat(P.rektor, id));
    expect(await t.service.purgeArchivedReferats(new Date('2028-11-23T09:59:59Z'))).toEqual({ deleted: 0, notArchived: 0 });
    const stored = (await t.store.samtaler.get(id))!;
    expect(stored.referatDeletedAt).toBeUndefined();
    expect(stored.referat?.actions.map((a) => a.what)).toEqual([ACTION]);
    expect(stored.comments.map((c) => c.text)).toEqual(['Enig i referatet']);
  });
});

/** Lars (lektor) gets Kjell Kommunalsjef as his leader instead of Randi Rektor. */
function newLeaderForLars() {
  const org = smallOrg();
  org.employees = org.employees.map((e) => (e.employeeId === P.laerer ? { ...e, leaderEmployeeId: P.kommunalsjef, unitId: 'oppvekst' } : e));
  return org;
}

describe('samtale service: leader change (#17)', () => {
  it('When the leader changes before the referat is confirmed, then the samtale ends as «avsluttet ved lederbytte», all three are told, and it is audited', async () => {
    const t = await setup();
    let v = await started(t);
    v = ok(await t.service.execute(P.laerer, v.id, { type: 'saveAnswer', sectionId: 'kompetanse', answers: { egenvurdering: SECRET_PREP } }, v.version)).view;
    t.setOrg(newLeaderForLars());
    const outcome = await t.service.reconcileLeaders();
    expect(outcome).toMatchObject({ closed: 1, handedOver: 0 });
    expect(outcome.notices.map((n) => [n.kind, n.toEmployeeId])).toEqual([
      ['lederbytte', P.laerer],
      ['lederbytte-tidligere', P.rektor],
      ['lederbytte-ny', P.kommunalsjef],
    ]);
    expect(JSON.stringify(outcome.notices)).not.toContain(SECRET_PREP);
    const stored = (await t.store.samtaler.get(v.id))!;
    expect(stored).toMatchObject({ state: 'avlyst', closedReason: 'lederbytte', closedForLeaderId: P.kommunalsjef, leaderId: P.rektor });
    // the employee's draft is still there, and still only theirs
    expect(stored.preparations.employee.answers).toEqual({ kompetanse: { egenvurdering: SECRET_PREP } });
    const mine = ok(await t.service.listMine(P.laerer)).samtaler;
    expect(mine).toEqual([expect.objectContaining({ samtaleId: v.id, stateLabel: 'Avsluttet ved lederbytte', leaderName: 'Randi Rektor' })]);
    const own = ok(await t.service.getForViewer(P.laerer, v.id)).view;
    expect(own).toMatchObject({ stateLabel: 'Avsluttet ved lederbytte', leader: { name: 'Randi Rektor' } });
    // neither leader sees it
    for (const leader of [P.rektor, P.kommunalsjef]) expect(await t.service.getForViewer(leader, v.id)).toEqual({ ok: false, code: 'forbidden', reason: TEXT.noAccess });
    const log = await t.store.audit.listForSamtale(v.id);
    expect(log.filter((e) => e.action === 'lederbytte')).toEqual([{ samtaleId: v.id, viewerId: P.kommunalsjef, action: 'lederbytte', outcome: 'allowed', at: NOW.toISOString() }]);
    // a rerun changes nothing and tells nobody again
    expect(await t.service.reconcileLeaders()).toEqual({ closed: 0, handedOver: 0, notices: [] });
  });

  it('When the employee carries their draft into a new samtale with the new leader, then only their own answers go, and the new leader sees them only when both have sent in', async () => {
    const t = await setup();
    let v = await started(t);
    v = ok(await t.service.execute(P.laerer, v.id, { type: 'saveAnswer', sectionId: 'kompetanse', answers: { egenvurdering: SECRET_PREP } }, v.version)).view;
    v = ok(await t.service.execute(P.rektor, v.id, { type: 'saveAnswer', sectionId: 'kompetanse', answers: { egenvurdering: LEADER_PREP } }, v.version)).view;
    t.setOrg(newLeaderForLars());
    await t.service.reconcileLeaders();
    const fresh = ok(await t.service.startSamtale(P.kommunalsjef, P.laerer, '2026-12-10')).view;
    expect(fresh.content.other.answers).toBeUndefined();
    const forLars = ok(await t.service.getForViewer(P.laerer, fresh.id)).view;
    expect(forLars.carryFrom).toEqual({ samtaleId: v.id, scheduledForText: '1. desember 2026' });
    const carried = ok(await t.service.carryPreparation(P.laerer, fresh.id, v.id, forLars.version)).view;
    expect(carried.content.mine.answers).toEqual({ kompetanse: { egenvurdering: SECRET_PREP } });
    const forKjell = ok(await t.service.getForViewer(P.kommunalsjef, fresh.id)).view;
    expect(JSON.stringify(forKjell)).not.toContain(SECRET_PREP);
    expect(JSON.stringify(forKjell)).not.toContain(LEADER_PREP);
    // the new leader cannot carry anything, and nobody can carry twice
    expect(await t.service.carryPreparation(P.kommunalsjef, fresh.id, v.id, carried.version)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await t.service.carryPreparation(P.laerer, fresh.id, v.id, carried.version)).toMatchObject({ ok: false, code: 'not-allowed' });
    expect(ok(await t.service.getForViewer(P.laerer, fresh.id)).view.carryFrom).toBeUndefined();
  });

  it('When the leader changes after the referat is confirmed, then the referat keeps its parties, date and unit; the new leader sees only the agreed actions; the former leader loses access', async () => {
    const t = await setup();
    const { id } = await fullPath(t);
    t.setOrg(newLeaderForLars());
    const outcome = await t.service.reconcileLeaders();
    expect(outcome).toMatchObject({ closed: 0, handedOver: 1 });
    expect(outcome.notices.map((n) => [n.kind, n.toEmployeeId])).toEqual([['tiltak-overtatt', P.kommunalsjef]]);
    const stored = (await t.store.samtaler.get(id))!;
    expect(stored).toMatchObject({ state: 'bekreftet', leaderId: P.rektor, unitId: 'nordby-skole', scheduledFor: '2026-12-01' });
    expect(stored.referat).toMatchObject({ leader: { id: P.rektor, name: 'Randi Rektor' }, unit: { id: 'nordby-skole', name: 'Nordby skole' } });
    // the employee still sees it as it was
    const forLars = ok(await t.service.getForViewer(P.laerer, id)).view;
    expect(forLars).toMatchObject({ leader: { name: 'Randi Rektor' }, unit: { name: 'Nordby skole' }, stateLabel: 'Referatet er bekreftet' });
    // the new leader: refused as a party, but gets the agreed actions
    expect(await t.service.getForViewer(P.kommunalsjef, id)).toMatchObject({ ok: false, code: 'forbidden' });
    const followUp = ok(await t.service.followUp(P.kommunalsjef, id)).followUp;
    expect(followUp).toMatchObject({ formerLeaderName: 'Randi Rektor', unitName: 'Nordby skole', scheduledForText: '1. desember 2026', actions: [{ what: ACTION, ownerName: 'Lars Lærer', status: 'open' }] });
    const seen = JSON.stringify(followUp);
    for (const secret of [SECRET_PREP, LEADER_PREP, SHARED_NOTE, PRIVATE_NOTE, 'En god samtale']) expect(seen).not.toContain(secret);
    // the former leader is out
    expect(await t.service.getForViewer(P.rektor, id)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await t.service.followUp(P.rektor, id)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await t.service.exportReferat(P.rektor, id)).toMatchObject({ ok: false, code: 'forbidden' });
    // others get no follow-up either
    expect(await t.service.followUp(P.hr, id)).toMatchObject({ ok: false, code: 'forbidden' });
    // audited once; a rerun hands nothing over again
    expect((await t.store.audit.listForSamtale(id)).filter((e) => e.action === 'lederbytte').map((e) => e.viewerId)).toEqual([P.kommunalsjef]);
    expect((await t.service.reconcileLeaders()).handedOver).toBe(0);
  });
});

describe('samtale service: reminders after a leader change (#17)', () => {
  it('When the former leader owned an open action of a confirmed referat, then its reminder goes to the new leader, who may read that action only', async () => {
    const t = await setup();
    const s = t.service;
    let v = await started(t);
    v = ok(await s.execute(P.rektor, v.id, { type: 'open' }, v.version)).view;
    v = ok(await s.execute(P.rektor, v.id, { type: 'addAction', what: 'Skaffe vikar til kurset', ownerEmployeeId: P.rektor, dueDate: '2026-12-20' }, v.version)).view;
    v = ok(await s.execute(P.rektor, v.id, { type: 'sendReferat' }, v.version)).view;
    v = ok(await s.execute(P.laerer, v.id, { type: 'confirm' }, v.version)).view;
    t.setOrg(newLeaderForLars());
    await s.reconcileLeaders();
    const due = await s.dueActions(new Date('2026-12-15T06:00:00Z'), 7);
    expect(due.map((d) => [d.toEmployeeId, d.samtaleId])).toEqual([[P.kommunalsjef, v.id]]);
    expect(await s.actionReminder(P.kommunalsjef, v.id, due[0]!.actionId)).toMatchObject({ ok: true, what: 'Skaffe vikar til kurset' });
    expect(await s.actionReminder(P.rektor, v.id, due[0]!.actionId)).toMatchObject({ ok: false, code: 'forbidden' });
  });
});

describe('samtale service: leader change to nobody (#17)', () => {
  it('When the employee has no leader any more, then the samtale still ends, and the employee and the former leader are told', async () => {
    const t = await setup();
    const v = await started(t);
    const org = smallOrg();
    // Lars moves to the top unit, which has no leader (nobody above to fall back on).
    org.employees = org.employees.map((e) => (e.employeeId === P.laerer ? { ...e, unitId: 'topp', leaderEmployeeId: undefined } : e));
    org.units = org.units.map((u) => (u.id === 'topp' ? { ...u, leaderEmployeeId: undefined } : u));
    t.setOrg(org);
    const outcome = await t.service.reconcileLeaders();
    expect(outcome.closed).toBe(1);
    expect(outcome.notices.map((n) => [n.kind, n.toEmployeeId])).toEqual([
      ['lederbytte', P.laerer],
      ['lederbytte-tidligere', P.rektor],
    ]);
    expect((await t.store.samtaler.get(v.id))!.closedForLeaderId).toBeUndefined();
  });
});
