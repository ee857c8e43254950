import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { createRegistrationService } from '../../../src/modules/registration/registration-service.js';
import { serviceDeps } from './fixtures.js';

async function setup() {
  const { deps, ...rest } = await serviceDeps();
  return { service: createRegistrationService(deps), ...rest };
}

describe('competence service: the employee’s own registration', () => {
  it('When an employee saves a valid section, then it is stored with version 1 and read back with their profile', async () => {
    const { service } = await setup();
    const saved = await service.saveSection('3', 'selfAssessment', { ratings: [{ competenceId: 'digital-grunnleggende', level: '3' }] }, 0);
    expect(saved).toMatchObject({ ok: true, registration: { employeeId: '3', version: 1, selfAssessment: [{ competenceId: 'digital-grunnleggende', level: 3 }] } });
    const mine = await service.getMyRegistration('3');
    expect(mine.ok && mine.stored).toBe(true);
    if (!mine.ok) return;
    expect(mine.registration.version).toBe(1);
    expect(mine.profile?.id).toBe('assistent');
    expect(mine.skillsToAssess.map((c) => c.id)).toEqual(['digital-grunnleggende', 'norsk']);
  });

  it('When nothing is stored yet, then the employee gets an empty registration with version 0', async () => {
    const { service } = await setup();
    const mine = await service.getMyRegistration('4');
    expect(mine).toMatchObject({ ok: true, stored: false, registration: { employeeId: '4', version: 0, education: [] } });
  });

  it('When a section has an invalid field, then the errors are returned per field and nothing is saved', async () => {
    const { service, store } = await setup();
    await service.saveSection('3', 'languages', { items: [{ language: 'Norsk', level: 3 }] }, 0);
    const bad = await service.saveSection(
      '3',
      'languages',
      { items: [{ language: 'Norsk', level: 4 }, { language: 'Engelsk', level: 9 }] },
      1,
    );
    expect(bad).toEqual({ ok: false, code: 'invalid', errors: [{ field: 'items.1.level', message: 'Nivå må være et nivå fra 1 til 4.' }] });
    const stored = await store.registrations.get('3');
    expect(stored?.version).toBe(1);
    expect(stored?.languages).toEqual([{ language: 'Norsk', level: 3 }]);
  });

  it('When a card was opened before a newer save, then saving from it is refused as a conflict and nothing is saved', async () => {
    const { service, store } = await setup();
    await service.saveSection('3', 'languages', { items: [{ language: 'Norsk', level: 3 }] }, 0);
    await service.saveSection('3', 'digitalSkills', { items: [{ tool: 'Teams', level: 3 }] }, 1);
    const stale = await service.saveSection('3', 'languages', { items: [{ language: 'Norsk', level: 1 }] }, 1);
    expect(stale.ok).toBe(false);
    if (stale.ok) return;
    expect(stale.code).toBe('conflict');
    expect(stale.errors[0]).toMatchObject({ field: 'version' });
    expect(stale.errors[0]!.message).toMatch(/endret et annet sted.*Ingenting er lagret/);
    expect((await store.registrations.get('3'))?.languages).toEqual([{ language: 'Norsk', level: 3 }]);
  });

  it('When two cards save the same version at once, then one wins and the other gets a conflict', async () => {
    const { service } = await setup();
    const [a, b] = await Promise.all([
      service.saveSection('3', 'languages', { items: [{ language: 'Norsk', level: 3 }] }, 0),
      service.saveSection('3', 'languages', { items: [{ language: 'Svensk', level: 3 }] }, 0),
    ]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
  });

  it('When someone not in the organisation saves, then it is refused', async () => {
    const { service } = await setup();
    const r = await service.saveSection('999', 'languages', { items: [] }, 0);
    expect(r).toMatchObject({ ok: false, code: 'not-found' });
  });

  it('When the employee exports and deletes, then they get their data as JSON and CSV, and afterwards it is gone', async () => {
    const { service, store } = await setup();
    await service.saveSection('3', 'mobilisation', { competenceIds: ['veiledning'], note: 'Æ kan veilede; «gjerne»' }, 0);
    const json = await service.exportMyRegistration('3', 'json');
    expect(json.ok && JSON.parse(json.file.content).registration.mobilisation.note).toBe('Æ kan veilede; «gjerne»');
    const csv = await service.exportMyRegistration('3', 'csv');
    expect(csv.ok).toBe(true);
    if (csv.ok) {
      const rows = parse(csv.file.content, { delimiter: ';', bom: true }) as string[][];
      expect(rows.at(-1)?.[3]).toBe('Æ kan veilede; «gjerne»');
    }
    expect(await service.deleteMyRegistration('3')).toEqual({ ok: true, deleted: true });
    expect(await store.registrations.get('3')).toBeUndefined();
    expect(await service.deleteMyRegistration('3')).toEqual({ ok: true, deleted: false });
  });
});
