import { describe, expect, it } from 'vitest';
import type { CompetenceRegistrationRecord } from '../../src/modules/registration/model.js';
import { ConcurrencyError } from '../../src/storage/ports/errors.js';
import type { NewOutboxItem } from '../../src/storage/ports/delivery.js';
import type { Store } from '../../src/storage/ports/store.js';

const T0 = new Date('2026-11-23T08:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const LEASE = 60_000;
const people = (n: number, campaign = 'b1'): NewOutboxItem[] =>
  Array.from({ length: n }, (_, i) => ({ key: `broadcast:${campaign}:e${String(i).padStart(5, '0')}`, recipient: { kind: 'employee', employeeId: `e${i}` } }));

/**
 * The behaviour every storage adapter must have: lowdb (file and memory) and PostgreSQL run the
 * same suite.
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

    describe('årshjul state', () => {
      it('When «Ferdig» is pressed twice, then the first wins and the task reads back as done', async () => {
        const store = await open();
        expect(await store.arshjul.markDone('ev', '2027-03-31', 'e:1', '2027-03-20T10:00:00.000Z', 'e:1')).toBe(true);
        expect(await store.arshjul.markDone('ev', '2027-03-31', 'e:1', '2027-03-21T10:00:00.000Z', 'other')).toBe(false);
        expect(await store.arshjul.getTask('ev', '2027-03-31', 'e:1')).toMatchObject({ doneAt: '2027-03-20T10:00:00.000Z', doneBy: 'e:1' });
        expect(await store.arshjul.getTask('ev', '2027-03-31', 'e')).toBeUndefined();
        await store.close();
      });

      it('When a task is snoozed again, then the later snooze replaces the first and the task is listed once', async () => {
        const store = await open();
        await store.arshjul.snooze('ev', '2027-03-31', 'e1', '2027-03-17T11:00:00.000Z', '2027-03-20T08:00:00.000Z');
        await store.arshjul.snooze('ev', '2027-03-31', 'e1', '2027-03-20T08:05:00.000Z', '2027-03-25T08:00:00.000Z');
        const tasks = await store.arshjul.tasks();
        expect(tasks).toHaveLength(1);
        expect(tasks[0]).toMatchObject({ eventId: 'ev', occurrenceId: '2027-03-31', employeeId: 'e1', snoozeUntil: '2027-03-25T08:00:00.000Z' });
        await store.close();
      });

      it('When two runs claim overlapping keys at once, then each key is granted to exactly one of them', async () => {
        const store = await open();
        const claims = (keys: string[]) => keys.map((key) => ({ key, occurrenceId: '2027-03-31' }));
        const [a, b] = await Promise.all([
          store.arshjul.claim(claims(['k1', 'k2', 'k3']), '2027-03-17T11:00:00.000Z'),
          store.arshjul.claim(claims(['k3', 'k2', 'k4']), '2027-03-17T11:00:00.000Z'),
        ]);
        expect([...a, ...b].sort()).toEqual(['k1', 'k2', 'k3', 'k4']);
        expect(await store.arshjul.claim(claims(['k1', 'k5']), '2027-03-17T11:15:00.000Z')).toEqual(['k5']);
        expect([...(await store.arshjul.sentKeys())].sort()).toEqual(['k1', 'k2', 'k3', 'k4', 'k5']);
        await store.close();
      });

      it('When the last planning run is set to an earlier time, then it stays at the later one', async () => {
        const store = await open();
        expect(await store.arshjul.lastPlanningRun()).toBeUndefined();
        await store.arshjul.setLastPlanningRun('2027-03-17T11:15:00.000Z');
        await store.arshjul.setLastPlanningRun('2027-03-17T11:00:00.000Z');
        expect(await store.arshjul.lastPlanningRun()).toBe('2027-03-17T11:15:00.000Z');
        await store.close();
      });

      it('When old occurrences are pruned, then their tasks and keys are gone and newer ones stay', async () => {
        const store = await open();
        await store.arshjul.markDone('ev', '2025-03-31', 'e1', '2025-03-20T10:00:00.000Z', 'e1');
        await store.arshjul.markDone('ev', '2027-03-31', 'e1', '2027-03-20T10:00:00.000Z', 'e1');
        await store.arshjul.claim([{ key: 'old', occurrenceId: '2025-03-31' }, { key: 'new', occurrenceId: '2027-03-31' }], '2027-03-20T10:00:00.000Z');
        expect(await store.arshjul.pruneBefore('2026-01-01')).toBe(2);
        expect((await store.arshjul.tasks()).map((t) => t.occurrenceId)).toEqual(['2027-03-31']);
        expect([...(await store.arshjul.sentKeys())]).toEqual(['new']);
        await store.close();
      });
    });

    describe('medarbeidersamtaler and their audit log', () => {
      type Samtale = import('../../src/modules/samtale/model.js').SamtaleRecord;
      const samtale = (id: string, employeeId: string, version: number, extra: Partial<Samtale> = {}): Samtale => ({
        id,
        employeeId,
        leaderId: 'l1',
        unitId: 'u1',
        templateId: 'standard',
        scheduledFor: '2026-12-01',
        year: 2026,
        state: 'forberedes',
        version,
        createdAt: '2026-11-23T10:00:00.000Z',
        updatedAt: '2026-11-23T10:00:00.000Z',
        preparations: { employee: { answers: { trivsel: { hverdag: 'Æøå «sitat»' } }, updatedAt: '2026-11-23T10:00:00.000Z' }, leader: { answers: {} } },
        notes: [{ id: 'n2', authorId: 'l1', visibility: 'private', text: 'Privat', createdAt: '2026-11-23T10:00:00.000Z' }],
        actions: [{ id: 'a3', what: 'Kurs', ownerEmployeeId: employeeId, dueDate: '2027-01-01', status: 'open', createdAt: '2026-11-23T10:00:00.000Z' }],
        devPlan: [],
        previousActions: [],
        comments: [],
        history: [{ v: version, scope: '*', fp: 'x' }],
        ...extra,
      });

      it('When a samtale is saved, then it reads back whole and is listed per employee, pair, unit and year', async () => {
        const store = await open();
        await store.samtaler.save(samtale('s1', 'e1', 1), 0);
        await store.samtaler.save(samtale('s0', 'e1', 1, { scheduledFor: '2025-11-01', year: 2025, leaderId: 'l0', unitId: 'u0' }), 0);
        await store.samtaler.save(samtale('s2', 'e2', 1), 0);
        expect(await store.samtaler.get('s1')).toEqual(samtale('s1', 'e1', 1));
        expect(await store.samtaler.get('nope')).toBeUndefined();
        expect((await store.samtaler.listForEmployee('e1')).map((r) => r.id)).toEqual(['s0', 's1']);
        expect((await store.samtaler.listForPair('e1', 'l1')).map((r) => r.id)).toEqual(['s1']);
        expect((await store.samtaler.listForEmployees(['e1', 'e2', 'e9'], 2026)).map((r) => r.id).sort()).toEqual(['s1', 's2']);
        expect((await store.samtaler.listForEmployees(['e1'])).map((r) => r.id)).toEqual(['s0', 's1']);
        expect((await store.samtaler.listForUnit('u1', 2026)).map((r) => r.id).sort()).toEqual(['s1', 's2']);
        expect((await store.samtaler.listForYear(2025)).map((r) => r.id)).toEqual(['s0']);
        expect(await store.samtaler.count()).toBe(3);
        expect((await store.samtaler.all()).map((r) => r.id)).toEqual(['s0', 's1', 's2']);
        await store.close();
      });

      it('When a samtale save expects another version than the stored one, then it fails and the stored one is kept', async () => {
        const store = await open();
        await store.samtaler.save(samtale('s1', 'e1', 1), 0);
        await expect(store.samtaler.save(samtale('s1', 'e1', 1, { state: 'klar' }), 0)).rejects.toBeInstanceOf(ConcurrencyError);
        await expect(store.samtaler.save(samtale('s1', 'e1', 3, { state: 'klar' }), 2)).rejects.toBeInstanceOf(ConcurrencyError);
        expect((await store.samtaler.get('s1'))?.state).toBe('forberedes');
        await store.samtaler.save(samtale('s1', 'e1', 2, { state: 'klar' }), 1);
        expect((await store.samtaler.get('s1'))?.version).toBe(2);
        await store.close();
      });

      it('When two samtale saves race on the same version, then exactly one wins', async () => {
        const store = await open();
        await store.samtaler.save(samtale('s1', 'e1', 1), 0);
        const results = await Promise.allSettled([
          store.samtaler.save(samtale('s1', 'e1', 2, { state: 'klar' }), 1),
          store.samtaler.save(samtale('s1', 'e1', 2, { state: 'avlyst' }), 1),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof ConcurrencyError)).toHaveLength(1);
        await store.close();
      });

      it('When the caller changes a saved or a read samtale, then the stored one is not changed', async () => {
        const store = await open();
        const mine = samtale('s1', 'e1', 1);
        await store.samtaler.save(mine, 0);
        mine.notes[0]!.text = 'Endret';
        const read = (await store.samtaler.get('s1'))!;
        try {
          (read.notes as { text: string }[])[0]!.text = 'Også endret';
        } catch {
          // frozen records are fine too
        }
        expect((await store.samtaler.get('s1'))?.notes[0]?.text).toBe('Privat');
        await store.close();
      });

      it('When openings are appended to the audit log, then they read back in order per samtale and are counted', async () => {
        const store = await open();
        const entry = (samtaleId: string, viewerId: string, outcome: 'allowed' | 'refused', at: string) => ({ samtaleId, viewerId, action: 'view' as const, outcome, at });
        await store.audit.append(entry('s1', 'e1', 'allowed', '2026-11-23T10:00:00.000Z'));
        await store.audit.append(entry('s1', 'x9', 'refused', '2026-11-23T10:01:00.000Z'));
        await store.audit.append({ ...entry('s2', 'l1', 'allowed', '2026-11-23T10:02:00.000Z'), action: 'export' });
        expect(await store.audit.listForSamtale('s1')).toEqual([entry('s1', 'e1', 'allowed', '2026-11-23T10:00:00.000Z'), entry('s1', 'x9', 'refused', '2026-11-23T10:01:00.000Z')]);
        expect(await store.audit.listForSamtale('s3')).toEqual([]);
        expect(await store.audit.count()).toBe(3);
        // append-only: a read copy changed by the caller does not change the log
        const read = await store.audit.listForSamtale('s2');
        read[0]!.viewerId = 'someone-else';
        expect((await store.audit.listForSamtale('s2'))[0]?.viewerId).toBe('l1');
        await store.close();
      });

      it('When a refused command is audited, then who, which command and why read back, and nothing else it was handed is kept', async () => {
        const store = await open();
        const refused = { samtaleId: 's1', viewerId: 'x9', action: 'command' as const, outcome: 'refused' as const, command: 'note', reason: 'forbidden', at: '2026-11-23T10:03:00.000Z' };
        await store.audit.append({ ...refused, text: 'Hemmelig notat' } as never);
        expect(await store.audit.listForSamtale('s1')).toEqual([refused]);
        await store.close();
      });
    });

    describe('questions sent to HR', () => {
      const question = (id: string, askedAt: string) => ({ id, question: `Spørsmål ${id}?`, askerEmployeeId: '1004', sentTo: 1, askedAt });

      it('When a question is stored twice with the same id, then the first stays and the second is refused', async () => {
        const store = await open();
        expect(await store.hrQuestions.create(question('q1', '2026-11-23T10:00:00.000Z'))).toBe(true);
        expect(await store.hrQuestions.create({ ...question('q1', '2026-11-23T11:00:00.000Z'), question: 'Noe annet' })).toBe(false);
        expect(await store.hrQuestions.get('q1')).toEqual(question('q1', '2026-11-23T10:00:00.000Z'));
        expect(await store.hrQuestions.get('nope')).toBeUndefined();
        await store.close();
      });

      it('When two answers come for one question, then only the first is kept', async () => {
        const store = await open();
        await store.hrQuestions.create({ ...question('q1', '2026-11-23T10:00:00.000Z'), askerName: 'Lars Lærer' });
        const answers = await Promise.all([
          store.hrQuestions.answer('q1', { answer: 'Svar A', answeredBy: '1007', answeredAt: '2026-11-23T12:00:00.000Z' }),
          store.hrQuestions.answer('q1', { answer: 'Svar B', answeredBy: '1009', answeredAt: '2026-11-23T12:00:01.000Z' }),
        ]);
        expect(answers.filter(Boolean)).toHaveLength(1);
        const stored = await store.hrQuestions.get('q1');
        expect(stored?.answer).toBe(answers[0] ? 'Svar A' : 'Svar B');
        expect(stored?.askerName).toBe('Lars Lærer');
        expect(await store.hrQuestions.answer('unknown', { answer: 'x', answeredBy: '1007', answeredAt: '2026-11-23T12:00:00.000Z' })).toBe(false);
        await store.close();
      });

      it('When questions older than the retention are deleted, then only newer ones remain', async () => {
        const store = await open();
        await store.hrQuestions.create(question('old', '2026-08-01T10:00:00.000Z'));
        await store.hrQuestions.create(question('new', '2026-11-01T10:00:00.000Z'));
        expect(await store.hrQuestions.deleteAskedBefore('2026-09-01T00:00:00.000Z')).toBe(1);
        expect(await store.hrQuestions.get('old')).toBeUndefined();
        expect(await store.hrQuestions.get('new')).toBeDefined();
        await store.close();
      });

      it('When declines are counted over several days, then the top list sums them, most first, and old days can be deleted', async () => {
        const store = await open();
        await store.hrQuestions.recordDecline('hva er lønna mi?', '2026-11-01');
        await store.hrQuestions.recordDecline('hva er lønna mi?', '2026-11-02');
        await store.hrQuestions.recordDecline('hvor er kantina?', '2026-11-02');
        await store.hrQuestions.recordDecline('ferie i jula', '2026-11-02');
        await store.hrQuestions.recordDecline('ferie i jula', '2026-11-02');
        await store.hrQuestions.recordDecline('ferie i jula', '2026-11-03');
        expect(await store.hrQuestions.topDeclines(20)).toEqual([
          { text: 'ferie i jula', count: 3 },
          { text: 'hva er lønna mi?', count: 2 },
          { text: 'hvor er kantina?', count: 1 },
        ]);
        expect(await store.hrQuestions.topDeclines(1)).toEqual([{ text: 'ferie i jula', count: 3 }]);
        expect(await store.hrQuestions.deleteDeclinesBefore('2026-11-02')).toBe(1);
        expect(await store.hrQuestions.topDeclines(20)).toEqual([
          { text: 'ferie i jula', count: 3 },
          { text: 'hva er lønna mi?', count: 1 },
          { text: 'hvor er kantina?', count: 1 },
        ]);
        await store.close();
      });
    });
  });

  describe(`${name}: outbox, jobs and conversation references`, () => {
    it('When the same key is enqueued twice, also in another campaign, then there is one item and the first campaign keeps it', async () => {
      const store = await open();
      expect(await store.outbox.enqueue({ id: 'b1', kind: 'broadcast', payload: { t: 'Æøå' } }, people(3), T0)).toEqual({ added: 3, existing: 0 });
      expect(await store.outbox.enqueue({ id: 'b1', kind: 'broadcast' }, [...people(4), ...people(4)], at(1))).toEqual({ added: 1, existing: 7 });
      expect(await store.outbox.enqueue({ id: 'b2', kind: 'broadcast' }, people(1), T0)).toEqual({ added: 0, existing: 1 });
      expect(await store.outbox.counts('b1')).toMatchObject({ pending: 4, total: 4 });
      expect((await store.outbox.counts('b2')).total).toBe(0);
      expect(await store.outbox.getCampaign('b1')).toMatchObject({ id: 'b1', kind: 'broadcast', priority: 0, payload: { t: 'Æøå' }, createdAt: T0.toISOString() });
      expect(await store.outbox.getCampaign('nope')).toBeUndefined();
      await store.close();
    });

    it('When an item is claimed, then nobody else gets it until the lease runs out, and a late mark by the first owner is refused', async () => {
      const store = await open();
      await store.outbox.enqueue({ id: 'b1', kind: 'x' }, people(1), T0);
      const [mine] = await store.outbox.claimDue(T0, 10, LEASE, 'a');
      expect(mine).toMatchObject({ attempts: 1, leaseOwner: 'a', leaseUntil: at(LEASE).toISOString(), status: 'pending' });
      expect(await store.outbox.claimDue(at(LEASE - 1), 10, LEASE, 'b')).toEqual([]);
      const [again] = await store.outbox.claimDue(at(LEASE + 1), 10, LEASE, 'b');
      expect(again).toMatchObject({ key: mine!.key, attempts: 2, leaseOwner: 'b' });
      expect(await store.outbox.markFailed(mine!.key, 'a', at(LEASE + 2), { status: 400 })).toBe(false);
      expect(await store.outbox.markSent(mine!.key, 'b', at(LEASE + 3), 'act-1')).toBe(true);
      const sent = await store.outbox.get(mine!.key);
      expect(sent).toMatchObject({ status: 'sent', activityId: 'act-1', sentAt: at(LEASE + 3).toISOString(), attempts: 2 });
      expect(sent!.leaseOwner).toBeUndefined();
      expect(sent!.leaseUntil).toBeUndefined();
      expect(await store.outbox.claimDue(at(10 * LEASE), 10, LEASE, 'c')).toEqual([]);
      expect(await store.outbox.markAcknowledged(mine!.key, at(LEASE + 4))).toBe(true);
      expect(await store.outbox.get(mine!.key)).toMatchObject({ status: 'acknowledged', acknowledgedAt: at(LEASE + 4).toISOString() });
      await store.close();
    });

    it('When claiming, then higher priority and longer waiting go first, and items not yet due wait', async () => {
      const store = await open();
      await store.outbox.enqueue({ id: 'later', kind: 'x' }, [{ key: 'later:1', recipient: { kind: 'employee', employeeId: '1' }, notBefore: at(60_000) }], T0);
      await store.outbox.enqueue({ id: 'low', kind: 'x' }, [{ key: 'low:1', recipient: { kind: 'employee', employeeId: '1' } }], T0);
      await store.outbox.enqueue({ id: 'high', kind: 'x', priority: 5 }, [{ key: 'high:1', recipient: { kind: 'team', teamId: 't' } }], at(10));
      expect((await store.outbox.claimDue(at(20), 10, LEASE, 'a')).map((i) => i.key)).toEqual(['high:1', 'low:1']);
      expect((await store.outbox.claimDue(at(60_000), 10, LEASE, 'a')).map((i) => i.key)).toEqual(['later:1']);
      await store.close();
    });

    it('When outcomes are marked, then counts and the sorted list show them, and a retry comes back when due', async () => {
      const store = await open();
      await store.outbox.enqueue({ id: 'b1', kind: 'x' }, people(6), T0);
      const items = await store.outbox.claimDue(T0, 6, LEASE, 'a');
      expect(items.map((i) => i.key)).toEqual(people(6).map((p) => p.key));
      expect(await store.outbox.markSent(items[0]!.key, 'a', at(1))).toBe(true);
      expect(await store.outbox.markFailed(items[1]!.key, 'a', at(1), { status: 400, code: 'BadArgument' })).toBe(true);
      expect(await store.outbox.markBlocked(items[2]!.key, 'a', at(1), { status: 403 })).toBe(true);
      expect(await store.outbox.markNotInstalled(items[3]!.key, 'a', at(1))).toBe(true);
      expect(await store.outbox.markRetry(items[4]!.key, 'a', at(30_000), { status: 429 }, at(1))).toBe(true);
      expect(await store.outbox.release(items[5]!.key, 'someone-else', at(1))).toBe(false);
      expect(await store.outbox.release(items[5]!.key, 'a', at(1))).toBe(true);
      expect(await store.outbox.markSent(items[1]!.key, 'a', at(2))).toBe(false);
      expect(await store.outbox.counts('b1')).toEqual({ pending: 1, retrying: 1, sent: 1, failed: 1, blocked: 1, 'not-installed': 1, acknowledged: 0, total: 6 });
      expect((await store.outbox.list('b1')).map((i) => i.status)).toEqual(['sent', 'failed', 'blocked', 'not-installed', 'retrying', 'pending']);
      expect(await store.outbox.get(items[1]!.key)).toMatchObject({ lastError: { status: 400, code: 'BadArgument' } });
      // The released item is due at once with its attempt given back; the retry only at its time.
      const next = await store.outbox.claimDue(at(2), 10, LEASE, 'b');
      expect(next.map((i) => [i.key, i.attempts])).toEqual([[items[5]!.key, 1]]);
      expect((await store.outbox.claimDue(at(30_000), 10, LEASE, 'b')).map((i) => [i.key, i.attempts, i.status])).toEqual([[items[4]!.key, 2, 'retrying']]);
      await store.close();
    });

    it('When jobs are scheduled, claimed and finished, then each outcome is kept and a key scheduled again stays one job', async () => {
      const store = await open();
      const job = (key: string, dueMs: number) => ({ key, name: key.split(':')[0]!, dueAt: at(dueMs), payload: { n: 1 } });
      expect(await store.jobs.schedule([job('plan:1', 0), job('plan:2', 10), job('mail:1', 5), job('plan:1', 0)], T0)).toEqual({ added: 3, existing: 1 });
      expect(await store.jobs.schedule([job('plan:1', 99)], T0)).toEqual({ added: 0, existing: 1 });
      const claimed = await store.jobs.claimDue(at(10), 2, LEASE, 'r1');
      expect(claimed.map((j) => [j.key, j.attempts, j.leaseOwner])).toEqual([['plan:1', 1, 'r1'], ['mail:1', 1, 'r1']]);
      expect((await store.jobs.claimDue(at(10), 5, LEASE, 'r2')).map((j) => j.key)).toEqual(['plan:2']);
      expect(await store.jobs.complete('plan:1', 'r2', at(11))).toBe(false);
      expect(await store.jobs.complete('plan:1', 'r1', at(11), at(1000))).toBe(true);
      expect(await store.jobs.get('plan:1')).toMatchObject({ status: 'pending', attempts: 0, dueAt: at(1000).toISOString(), finishedAt: at(11).toISOString() });
      expect(await store.jobs.retry('mail:1', 'r1', at(500), 'TypeError', at(12))).toBe(true);
      expect(await store.jobs.fail('plan:2', 'r2', at(12), 'RangeError')).toBe(true);
      expect(await store.jobs.get('plan:2')).toMatchObject({ status: 'failed', lastError: 'RangeError' });
      expect(await store.jobs.cancel('mail:1', at(13))).toBe(true);
      expect(await store.jobs.cancel('mail:1', at(14))).toBe(false);
      expect((await store.jobs.list()).map((j) => [j.key, j.status])).toEqual([['plan:2', 'failed'], ['mail:1', 'cancelled'], ['plan:1', 'pending']]);
      expect((await store.jobs.list({ name: 'plan', status: 'pending' })).map((j) => j.key)).toEqual(['plan:1']);
      expect(await store.jobs.claimDue(at(999), 5, LEASE, 'r1')).toEqual([]);
      expect((await store.jobs.claimDue(at(1000), 5, LEASE, 'r1')).map((j) => j.key)).toEqual(['plan:1']);
      await store.close();
    });

    it('When conversation references are saved and removed, then the person’s latest one is found and a stale removal is refused', async () => {
      const store = await open();
      const ref = (key: string, conversationId: string, employeeId?: string) => ({
        key,
        kind: 'user' as const,
        serviceUrl: 'https://smba.example/emea/',
        conversationId,
        botId: '28:bot',
        channelId: 'msteams',
        ...(employeeId ? { employeeId } : {}),
        updatedAt: T0.toISOString(),
      });
      await store.conversationRefs.save(ref('user:a', 'c1', 'e1'));
      await store.conversationRefs.save(ref('user:b', 'c2', 'e2'));
      await store.conversationRefs.save(ref('user:a', 'c3', 'e1'));
      expect(await store.conversationRefs.findByEmployeeId('e1')).toMatchObject({ key: 'user:a', conversationId: 'c3' });
      expect(await store.conversationRefs.remove('user:a', 'c1')).toBe(false);
      expect(await store.conversationRefs.count()).toBe(2);
      expect(await store.conversationRefs.remove('user:a', 'c3')).toBe(true);
      expect(await store.conversationRefs.findByEmployeeId('e1')).toBeUndefined();
      expect(await store.conversationRefs.remove('user:b')).toBe(true);
      expect(await store.conversationRefs.all()).toEqual([]);
      await store.close();
    });
  });
}
