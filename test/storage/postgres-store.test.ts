import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatCounts, importLowdbFile } from '../../src/cli/lowdb-to-postgres.js';
import { openLowdbStore } from '../../src/storage/lowdb/lowdb-store.js';
import { runMigrations } from '../../src/storage/postgres/migrate.js';
import { MIGRATIONS } from '../../src/storage/postgres/migrations/index.js';
import { createPool } from '../../src/storage/postgres/pool.js';
import { openPostgresStore, PostgresUnavailableError } from '../../src/storage/postgres/postgres-store.js';
import { CorruptStoreError } from '../../src/storage/ports/errors.js';
import type { NewOutboxItem } from '../../src/storage/ports/delivery.js';
import type { Store } from '../../src/storage/ports/store.js';
import { findTestPostgres, freshSchemas } from '../helpers/postgres.js';
import { storeContract } from './store-contract.js';

const found = await findTestPostgres();

if ('fail' in found) {
  describe('PostgreSQL store', () => {
    it('needs a reachable PostgreSQL (TEST_DATABASE_URL)', () => {
      throw new Error(found.fail);
    });
  });
} else if ('skip' in found) {
  describe.skip(`PostgreSQL store (hoppet over: ${found.skip})`, () => {
    it('runs the storage contract against PostgreSQL', () => undefined);
  });
} else {
  const { url } = found;
  const schemas = freshSchemas(url);

  storeContract('postgres', () => schemas.open());

  const T0 = new Date('2026-11-23T08:00:00Z');
  const at = (ms: number) => new Date(T0.getTime() + ms);
  const LEASE = 60_000;
  const people = (n: number, campaign = 'b1'): NewOutboxItem[] =>
    Array.from({ length: n }, (_, i) => ({ key: `broadcast:${campaign}:e${String(i).padStart(5, '0')}`, recipient: { kind: 'employee', employeeId: `e${i}` } }));

  describe('postgres: two bot instances on one database', () => {
    it('When two instances claim the same outbox at once, then every item is claimed exactly once', async () => {
      const schema = schemas.next();
      const a = await openPostgresStore(url, { schema, max: 4 });
      const b = await openPostgresStore(url, { schema, max: 4 });
      const items = people(600);
      expect(await a.outbox.enqueue({ id: 'b1', kind: 'broadcast', expectedItems: 600 }, items, T0)).toEqual({ added: 600, existing: 0 });
      const claimedBy = async (store: Store, owner: string) => {
        const keys: string[] = [];
        for (;;) {
          const batch = await Promise.all([0, 1].map(() => store.outbox.claimDue(T0, 7, LEASE, owner)));
          const got = batch.flat();
          if (!got.length && (await store.outbox.counts('b1')).pending === 0) break;
          keys.push(...got.map((i) => i.key));
          for (const i of got) expect(await store.outbox.markSent(i.key, owner, T0)).toBe(true);
        }
        return keys;
      };
      const [fromA, fromB] = await Promise.all([claimedBy(a, 'a'), claimedBy(b, 'b')]);
      const all = [...fromA, ...fromB];
      expect(all).toHaveLength(600);
      expect(new Set(all).size).toBe(600);
      expect(fromA.length).toBeGreaterThan(0);
      expect(fromB.length).toBeGreaterThan(0);
      expect(await a.outbox.counts('b1')).toMatchObject({ sent: 600, total: 600 });
      await Promise.all([a.close(), b.close()]);
    });

    it('When two instances claim the same due jobs at once, then each job runs once', async () => {
      const schema = schemas.next();
      const a = await openPostgresStore(url, { schema, max: 4 });
      const b = await openPostgresStore(url, { schema, max: 4 });
      await a.jobs.schedule(Array.from({ length: 200 }, (_, i) => ({ key: `reminder:${i}`, name: 'reminder', dueAt: T0 })), T0);
      const run = async (store: Store, owner: string) => {
        const keys: string[] = [];
        for (let got = await store.jobs.claimDue(T0, 3, LEASE, owner); got.length; got = await store.jobs.claimDue(T0, 3, LEASE, owner)) {
          for (const j of got) {
            keys.push(j.key);
            expect(await store.jobs.complete(j.key, owner, T0)).toBe(true);
          }
        }
        return keys;
      };
      const [fromA, fromB] = await Promise.all([run(a, 'a'), run(b, 'b')]);
      expect([...fromA, ...fromB].sort()).toEqual(Array.from({ length: 200 }, (_, i) => `reminder:${i}`).sort());
      expect((await a.jobs.list({ status: 'done' })).length).toBe(200);
      await Promise.all([a.close(), b.close()]);
    });

    it('When two instances migrate one fresh database at once, then one applies the migrations and both can use it; running again changes nothing', async () => {
      const schema = schemas.next();
      const pools = [createPool(url, { schema }), createPool(url, { schema })];
      const results = await Promise.all(pools.map((p) => runMigrations(p, schema)));
      expect(results.map((r) => r.applied.length).sort()).toEqual([0, MIGRATIONS.length]);
      const again = await runMigrations(pools[0]!, schema);
      expect(again.applied).toEqual([]);
      expect(again.version).toBe(results.find((r) => r.applied.length)!.version);
      const store = await openPostgresStore(url, { schema });
      await store.kv.write([{ key: 'k', value: { ok: true } }]);
      expect((await store.kv.read(['k'])).get('k')?.value).toEqual({ ok: true });
      await store.close();
      await Promise.all(pools.map((p) => p.end()));
    });
  });

  describe('postgres: moving a lowdb data file in', () => {
    it('When a lowdb file with every kind of record is imported twice, then every record arrives once, as it was, and the counts match', async () => {
      const file = join(mkdtempSync(join(tmpdir(), 'kbot-import-')), 'data.json');
      const lowdb = await openLowdbStore(file);
      await lowdb.kv.write([{ key: 'conv/1', value: { turn: 1, text: 'Æøå' } }, { key: 'user/1', value: {} }]);
      const eTag = (await lowdb.kv.read(['conv/1'])).get('conv/1')!.eTag;
      await lowdb.feedback.upsert({ id: 'a:u', entryId: 'e1', helpful: true, userId: 'u', createdAt: T0.toISOString() });
      await lowdb.org.replace({ units: [{ id: 'u1', name: 'Skolen' }], employees: [], importedAt: T0.toISOString(), source: 'demo.json' });
      await lowdb.arshjul.markDone('ev', '2027-03-31', 'e1', T0.toISOString(), 'e1');
      await lowdb.arshjul.claim([{ key: 'r1', occurrenceId: '2027-03-31' }, { key: 'r2', occurrenceId: '2027-03-31' }], T0.toISOString());
      await lowdb.arshjul.setLastPlanningRun(T0.toISOString());
      await lowdb.audit.append({ samtaleId: 's1', viewerId: 'l1', action: 'view', outcome: 'allowed', at: T0.toISOString() });
      await lowdb.audit.append({ samtaleId: 's1', viewerId: 'l1', action: 'view', outcome: 'allowed', at: T0.toISOString() });
      await lowdb.audit.append({ samtaleId: 's1', viewerId: 'l2', action: 'lederbytte', outcome: 'allowed', at: T0.toISOString() });
      await lowdb.conversationRefs.save({ key: 'user:e1', kind: 'user', serviceUrl: 'https://smba.example/', conversationId: 'c1', botId: '28:b', channelId: 'msteams', employeeId: 'e1', updatedAt: T0.toISOString() });
      await lowdb.outbox.enqueue({ id: 'b1', kind: 'broadcast', priority: 3, payload: { title: 'Hei' } }, people(5), T0);
      const [claimed] = await lowdb.outbox.claimDue(T0, 1, LEASE, 'old-instance');
      await lowdb.outbox.markSent(claimed!.key, 'old-instance', at(1), 'act-9');
      await lowdb.jobs.schedule([{ key: 'every:plan', name: 'plan', dueAt: at(5000) }], T0);
      await lowdb.hrQuestions.create({ id: 'q1', question: 'Får vikarer ferie?', askerEmployeeId: 'e1', sentTo: 2, askedAt: T0.toISOString() });
      await lowdb.hrQuestions.create({ id: 'q2', question: 'Hvem godkjenner kurs?', askerEmployeeId: 'e2', askerName: 'Eva', sentTo: 1, askedAt: T0.toISOString() });
      await lowdb.hrQuestions.answer('q2', { answer: 'Lederen din.', answeredBy: 'hr1', answeredAt: at(60_000).toISOString() });
      await lowdb.hrQuestions.recordDecline('hva er lønna mi', '2026-11-01');
      await lowdb.hrQuestions.recordDecline('hva er lønna mi', '2026-11-02');
      await lowdb.hrQuestions.recordDecline('hva er lønna mi', '2026-11-02');
      await lowdb.close();
      // Turn state from a file written before it moved to shard files, still in the main file.
      writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), kv: { 'conv/old': { value: { turn: 9 }, eTag: 'old-etag' } } }));

      const schema = schemas.next();
      const first = await importLowdbFile(file, url, { schema });
      const byName = Object.fromEntries(first.map((c) => [c.collection, c]));
      expect(first.every((c) => c.found === c.source && c.added === c.source)).toBe(true);
      expect(byName['utsendingskø (meldinger)']).toMatchObject({ source: 5, found: 5 });
      expect(byName['innsynslogg (samtaler)']).toMatchObject({ source: 3, found: 3 });
      expect(byName['kv (samtaletilstand)']).toMatchObject({ source: 3, found: 3 });
      expect(formatCounts(first).ok).toBe(true);
      const second = await importLowdbFile(file, url, { schema });
      expect(second.map((c) => [c.collection, c.added, c.found === c.source, c.targetTotal])).toEqual(first.map((c) => [c.collection, 0, true, c.found]));

      const pgStore = await schemas.open(schema);
      expect((await pgStore.kv.read(['conv/1'])).get('conv/1')).toEqual({ value: { turn: 1, text: 'Æøå' }, eTag });
      expect((await pgStore.kv.read(['conv/old'])).get('conv/old')).toEqual({ value: { turn: 9 }, eTag: 'old-etag' });
      expect(await pgStore.outbox.get(claimed!.key)).toMatchObject({ status: 'sent', attempts: 1, activityId: 'act-9' });
      expect(await pgStore.outbox.counts('b1')).toMatchObject({ pending: 4, sent: 1 });
      // The imported outbox goes on where lowdb stopped: the sent one is not claimed again, in priority order.
      expect((await pgStore.outbox.claimDue(at(10), 10, LEASE, 'new')).map((i) => i.key)).toEqual(people(5).map((p) => p.key).filter((k) => k !== claimed!.key));
      expect(await pgStore.arshjul.claim([{ key: 'r1', occurrenceId: '2027-03-31' }], at(2).toISOString())).toEqual([]);
      expect(await pgStore.arshjul.lastPlanningRun()).toBe(T0.toISOString());
      expect(await pgStore.conversationRefs.findByEmployeeId('e1')).toMatchObject({ conversationId: 'c1' });
      expect((await pgStore.jobs.get('every:plan'))?.dueAt).toBe(at(5000).toISOString());
      expect(await pgStore.audit.count()).toBe(3);
      expect((await pgStore.audit.listForSamtale('s1')).map((e) => e.action)).toEqual(['view', 'view', 'lederbytte']);
      expect(byName['spørsmål til HR']).toMatchObject({ source: 2, found: 2 });
      expect(byName['ubesvarte spørsmål (tellinger)']).toMatchObject({ source: 2, found: 2 });
      expect(await pgStore.hrQuestions.get('q2')).toMatchObject({ askerName: 'Eva', answer: 'Lederen din.' });
      // An answered question stays answered after the move: a second answer is refused there too.
      expect(await pgStore.hrQuestions.answer('q2', { answer: 'Annet', answeredBy: 'hr2', answeredAt: at(120_000).toISOString() })).toBe(false);
      expect(await pgStore.hrQuestions.topDeclines(20)).toEqual([{ text: 'hva er lønna mi', count: 3 }]);
      await pgStore.close();
    });

    it('When a record is missing in the target, then the report shows the mismatch', () => {
      const { text, ok } = formatCounts([{ collection: 'samtaler', source: 3, added: 2, found: 2, targetTotal: 2 }]);
      expect(ok).toBe(false);
      expect(text).toMatch(/samtaler\s+3\s+2\s+2\s+2\s+AVVIK/);
    });
  });

  describe('postgres: rows read back', () => {
    it('When a stored row does not have its record’s shape, then reading it fails with CorruptStoreError naming the table and field, not the value', async () => {
      const schema = schemas.next();
      const store = await schemas.open(schema);
      await store.conversationRefs.save({ key: 'user:a', kind: 'user', serviceUrl: 'https://smba/', conversationId: 'c1', botId: '28:b', channelId: 'msteams', updatedAt: T0.toISOString() });
      await store.registrations.save({ employeeId: 'e1', version: 1, createdAt: 'x', updatedAt: 'x', education: [], experience: [], courses: [], certifications: [], languages: [], digitalSkills: [], selfAssessment: [], mobilisation: { competenceIds: [] } }, 0);
      const pool = createPool(url, { schema });
      try {
        await pool.query(`UPDATE conversation_refs SET record = record || '{"kind": "hemmelig-verdi"}'::jsonb`);
        await pool.query(`UPDATE registrations SET record = record - 'education'`);
      } finally {
        await pool.end();
      }
      const err = await store.conversationRefs.get('user:a').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CorruptStoreError);
      expect((err as Error).message).toMatch(/tabellen conversation_refs .*«kind»/);
      expect((err as Error).message).not.toContain('hemmelig-verdi');
      await expect(store.conversationRefs.all()).rejects.toBeInstanceOf(CorruptStoreError);
      await expect(store.registrations.get('e1')).rejects.toThrow(/tabellen registrations .*«education»/);
      // The other rows still read.
      expect(await store.conversationRefs.get('user:none')).toBeUndefined();
      await store.close();
    });
  });

  describe('postgres: start-up', () => {
    it('When the database cannot be reached, then opening fails with a Norwegian message naming the server, never the password', async () => {
      const bad = 'postgres://kompetansebot:hemmelig@127.0.0.1:1/kompetansebot';
      const err = await openPostgresStore(bad, { connectTimeoutMs: 2000 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PostgresUnavailableError);
      expect((err as Error).message).toMatch(/Får ikke kontakt med PostgreSQL på 127\.0\.0\.1:1\/kompetansebot/);
      expect((err as Error).message).not.toContain('hemmelig');
    });
  });
}
