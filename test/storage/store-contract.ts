import { describe, expect, it } from 'vitest';
import { type CompetenceRegistrationRecord, ConcurrencyError, type Store } from '../../src/storage/ports.js';

/**
 * The behaviour every storage adapter must have. lowdb runs it now; a PostgreSQL adapter
 * must pass the same suite.
 */
export function storeContract(name: string, open: () => Promise<Store>) {
  describe(`${name}: storage contract`, () => {
    it('When a key is written, then it reads back with an eTag', async () => {
      const store = await open();
      await store.kv.write([{ key: 'a', value: { n: 1 } }]);
      const got = await store.kv.read(['a', 'missing']);
      expect(got.get('a')?.value).toEqual({ n: 1 });
      expect(got.get('a')?.eTag).toMatch(/.+/);
      expect(got.has('missing')).toBe(false);
      await store.close();
    });

    it('When a write carries a stale eTag, then it fails and nothing of the batch is written', async () => {
      const store = await open();
      await store.kv.write([{ key: 'a', value: { n: 1 } }]);
      const first = (await store.kv.read(['a'])).get('a')!;
      await store.kv.write([{ key: 'a', value: { n: 2 }, expectedETag: first.eTag }]);
      await expect(
        store.kv.write([
          { key: 'b', value: { n: 9 } },
          { key: 'a', value: { n: 3 }, expectedETag: first.eTag },
        ]),
      ).rejects.toBeInstanceOf(ConcurrencyError);
      const after = await store.kv.read(['a', 'b']);
      expect(after.get('a')?.value).toEqual({ n: 2 });
      expect(after.has('b')).toBe(false);
      await store.close();
    });

    it("When a write carries eTag '*', then it overwrites whatever is stored", async () => {
      const store = await open();
      await store.kv.write([{ key: 'a', value: { n: 1 } }]);
      await store.kv.write([{ key: 'a', value: { n: 5 }, expectedETag: '*' }]);
      expect((await store.kv.read(['a'])).get('a')?.value).toEqual({ n: 5 });
      await store.close();
    });

    it('When a read value is changed by the caller, then the stored value is not', async () => {
      const store = await open();
      await store.kv.write([{ key: 'a', value: { list: [1] } }]);
      const v = (await store.kv.read(['a'])).get('a')!.value as { list: number[] };
      v.list.push(2);
      expect((await store.kv.read(['a'])).get('a')?.value).toEqual({ list: [1] });
      await store.close();
    });

    it('When keys are deleted, then they are gone', async () => {
      const store = await open();
      await store.kv.write([{ key: 'a', value: {} }, { key: 'b', value: {} }]);
      await store.kv.delete(['a', 'nope']);
      const got = await store.kv.read(['a', 'b']);
      expect([...got.keys()]).toEqual(['b']);
      await store.close();
    });

    it('When the same feedback id is stored twice, then the second replaces the first', async () => {
      const store = await open();
      const base = { id: 'ans-1:user-1', entryId: 'e1', userId: 'user-1', createdAt: '2026-11-23T10:00:00.000Z' };
      await store.feedback.upsert({ ...base, helpful: true });
      await store.feedback.upsert({ ...base, helpful: false });
      await store.feedback.upsert({ ...base, id: 'ans-2:user-1', helpful: true });
      expect(await store.feedback.count()).toBe(2);
      expect((await store.feedback.get('ans-1:user-1'))?.helpful).toBe(false);
      expect(await store.feedback.summary()).toEqual([{ entryId: 'e1', helpful: 1, notHelpful: 1 }]);
      await store.close();
    });

    it('When an organisation is replaced, then the next load gives the new one whole, and before any import nothing', async () => {
      const store = await open();
      expect(await store.org.load()).toBeUndefined();
      const employee = (id: string, unitId: string) => ({
        employeeId: id,
        name: `Ansatt ${id}`,
        upn: `a${id}@kommune.example`,
        unitId,
        position: { title: 'Lærer', code: '7958' },
        employmentPercent: 100,
        roles: [] as ('hr' | 'leder')[],
      });
      const first = {
        units: [{ id: 'u1', name: 'Skolen', leaderEmployeeId: '1' }],
        employees: [employee('1', 'u1'), employee('2', 'u1')],
        importedAt: '2026-11-23T10:00:00.000Z',
        source: 'a.csv',
      };
      await store.org.replace(first);
      const second = { units: [{ id: 'u2', name: 'Barnehagen' }], employees: [{ ...employee('3', 'u2'), roles: ['hr' as 'hr' | 'leder'] }], importedAt: '2026-11-24T10:00:00.000Z', source: 'b.json' };
      await store.org.replace(second);
      const loaded = await store.org.load();
      expect(loaded).toEqual(second);
      // the caller's copy is not the stored one
      loaded!.employees.push(employee('9', 'u2'));
      second.employees.push(employee('8', 'u2'));
      expect((await store.org.load())?.employees.map((e) => e.employeeId)).toEqual(['3']);
      await store.close();
    });

    describe('competence registrations', () => {
      const registration = (employeeId: string, version: number, language = 'Norsk'): CompetenceRegistrationRecord => ({
        employeeId,
        version,
        createdAt: '2026-11-23T10:00:00.000Z',
        updatedAt: '2026-11-23T10:00:00.000Z',
        education: [{ level: 'bachelor', field: 'Sykepleie', inProgress: false, competenceIds: ['utd-sykepleier'] }],
        experience: [],
        courses: [],
        certifications: [{ competenceId: 'sert-forstehjelp', name: 'Førstehjelp', validUntil: '2027-01-31' }],
        languages: [{ language, level: 4 }],
        digitalSkills: [],
        selfAssessment: [{ competenceId: 'veiledning', level: 3 }],
        mobilisation: { competenceIds: [], note: 'Æøå «sitat»' },
      });

      it('When a registration is saved, then it reads back, is listed and counted, and unknown ids are absent', async () => {
        const store = await open();
        await store.registrations.save(registration('e1', 1), 0);
        await store.registrations.save(registration('e2', 1));
        expect(await store.registrations.get('e1')).toEqual(registration('e1', 1));
        expect(await store.registrations.get('nobody')).toBeUndefined();
        const some = await store.registrations.listByEmployeeIds(['e2', 'nobody']);
        expect([...some.keys()]).toEqual(['e2']);
        expect(await store.registrations.count()).toBe(2);
        expect((await store.registrations.all()).map((r) => r.employeeId).sort()).toEqual(['e1', 'e2']);
        await store.close();
      });

      it('When a save expects a version that is no longer stored, then it fails and the stored one is kept', async () => {
        const store = await open();
        await store.registrations.save(registration('e1', 1), 0);
        await expect(store.registrations.save(registration('e1', 1, 'Polsk'), 0)).rejects.toBeInstanceOf(ConcurrencyError);
        await expect(store.registrations.save(registration('e1', 3, 'Polsk'), 2)).rejects.toBeInstanceOf(ConcurrencyError);
        expect((await store.registrations.get('e1'))?.languages[0]?.language).toBe('Norsk');
        await store.registrations.save(registration('e1', 2, 'Polsk'), 1);
        expect((await store.registrations.get('e1'))?.version).toBe(2);
        await store.close();
      });

      it('When two saves race on the same version, then exactly one wins', async () => {
        const store = await open();
        await store.registrations.save(registration('e1', 1), 0);
        const results = await Promise.allSettled([
          store.registrations.save(registration('e1', 2, 'Svensk'), 1),
          store.registrations.save(registration('e1', 2, 'Dansk'), 1),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof ConcurrencyError)).toHaveLength(1);
        await store.close();
      });

      it('When the caller changes a saved or a read registration, then the stored one is not changed', async () => {
        const store = await open();
        const mine = registration('e1', 1);
        await store.registrations.save(mine, 0);
        mine.languages[0]!.language = 'Endret';
        const read = (await store.registrations.get('e1'))!;
        try {
          (read.languages as { language: string }[])[0]!.language = 'Også endret';
        } catch {
          // frozen records are fine too
        }
        expect((await store.registrations.get('e1'))?.languages[0]?.language).toBe('Norsk');
        await store.close();
      });

      it('When a registration is deleted, then it is gone and a second delete reports nothing deleted', async () => {
        const store = await open();
        await store.registrations.save(registration('e1', 1), 0);
        expect(await store.registrations.delete('e1')).toBe(true);
        expect(await store.registrations.delete('e1')).toBe(false);
        expect(await store.registrations.get('e1')).toBeUndefined();
        expect(await store.registrations.count()).toBe(0);
        // a new registration starts again at version 0
        await store.registrations.save(registration('e1', 1), 0);
        await store.close();
      });
    });
  });
}
