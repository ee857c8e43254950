import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { createCompetenceService } from '../../../src/modules/gap/gap-service.js';
import { serviceDeps } from '../registration/fixtures.js';

async function setup() {
  const { deps, ...rest } = await serviceDeps();
  return { service: createCompetenceService(deps), ...rest };
}

const SECRET = 'Hemmelig: jeg har vært sykepleier i Polen';

describe('competence service: access to gaps', () => {
  it('When a leader opens their own unit, then they get the gap of the people in it', async () => {
    const { service } = await setup();
    const r = await service.unitGap('2', 'skole');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.gap.people.map((p) => p.employeeId).sort()).toEqual(['2', '3', '4']);
  });

  it('When a leader opens another leader’s unit, then it is refused with the access policy’s polite reason', async () => {
    const { service, access } = await setup();
    const r = await service.unitGap('5', 'skole');
    const expected = access.canViewUnit('5', 'skole');
    expect(expected.allowed).toBe(false);
    expect(r).toEqual({ ok: false, code: 'forbidden', reason: expected.allowed ? '' : expected.reason });
    expect(r.ok || r.reason).toMatch(/Enhetens leder eller HR kan hjelpe/);
    expect(r.ok || r.reason).not.toMatch(/Rita Rektor/);
    const csv = await service.unitGapCsv('5', 'skole');
    expect(csv.ok).toBe(false);
  });

  it('When HR opens any unit, then it is allowed', async () => {
    const { service } = await setup();
    expect((await service.unitGap('7', 'skole')).ok).toBe(true);
    expect((await service.unitGap('7', 'sykehjem')).ok).toBe(true);
    expect((await service.personGap('7', '6')).ok).toBe(true);
  });

  it('When an employee asks for a unit or a colleague, then it is refused; their own gap is allowed', async () => {
    const { service } = await setup();
    const unit = await service.unitGap('3', 'skole');
    expect(unit).toMatchObject({ ok: false, code: 'forbidden' });
    const colleague = await service.personGap('3', '4');
    expect(colleague).toMatchObject({ ok: false, code: 'forbidden' });
    expect(colleague.ok || colleague.reason).toMatch(/bare se dine egne/);
    const own = await service.personGap('3', '3');
    expect(own.ok).toBe(true);
    if (own.ok) expect(own.measures.map((m) => m.kind)).toContain('unregistered');
  });

  it('When the top leader opens a unit below them, with sub-units, then everyone below is included', async () => {
    const { service } = await setup();
    const r = await service.unitGap('1', 'topp', { includeSubUnits: true });
    expect(r.ok && r.gap.summary.people).toBe(7);
    const own = await service.unitGap('1', 'topp');
    expect(own.ok && own.gap.summary.people).toBe(1);
  });

  it('When a leader lists their units, then they get the units they lead; HR gets all; an employee none', async () => {
    const { service } = await setup();
    expect(service.unitsForLeader('2')).toEqual([{ unitId: 'skole', name: 'Fjellet skole', parentUnitId: 'topp', employees: 3 }]);
    expect(service.unitsForLeader('7').map((u) => u.unitId).sort()).toEqual(['hr', 'skole', 'sykehjem', 'topp']);
    expect(service.unitsForLeader('3')).toEqual([]);
  });

  it('When a leader downloads the unit gap as CSV, then it parses back with a row per person and requirement', async () => {
    const { service } = await setup();
    await service.saveSection('3', 'selfAssessment', { ratings: [{ competenceId: 'digital-grunnleggende', level: 2 }] }, 0);
    const r = await service.unitGapCsv('2', 'skole');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.file.contentType).toBe('text/csv; charset=utf-8');
    const rows = parse(r.file.content, { delimiter: ';', bom: true }) as string[][];
    expect(rows[0]?.[0]).toBe('Enhet');
    expect(rows.some((row) => row.includes('Åse Æren'))).toBe(true);
    const coverage = await service.unitGapCsv('2', 'skole', { table: 'coverage' });
    expect(coverage.ok && coverage.file.fileName).toMatch(/dekning\.csv$/);
  });

  it('When the whole municipality is asked for, then HR and the top leader get it and a unit leader is refused', async () => {
    const { service } = await setup();
    const hr = await service.municipalityGap('7');
    expect(hr.ok && hr.gap.summary.people).toBe(7);
    expect((await service.municipalityGap('1')).ok).toBe(true);
    const leader = await service.municipalityGap('2');
    expect(leader).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('When registrations are saved, exported and analysed, then the logs hold ids and counts but no competence data or free text', async () => {
    const { service, lines } = await setup();
    await service.saveSection('3', 'mobilisation', { competenceIds: ['veiledning'], note: SECRET }, 0);
    await service.saveSection('3', 'certifications', { items: [{ name: 'Truckførerbevis', validUntil: '2027-01-01' }] }, 1);
    await service.saveSection('3', 'languages', { items: [{ language: 'Tigrinja', level: 9 }] }, 2);
    await service.exportMyRegistration('3', 'json');
    await service.unitGap('2', 'skole');
    await service.personGap('2', '3');
    const all = lines.join('\n');
    expect(lines.length).toBeGreaterThan(4);
    for (const secret of [SECRET, 'Truckførerbevis', 'Tigrinja', 'veiledning', '2027-01-01']) expect(all).not.toContain(secret);
  });
});
