import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hrQuestionsFileFor, openLowdbHrQuestionRepository } from '../../src/storage/lowdb/hr-question-repository.js';
import { kvShardDirFor, openLowdbStore } from '../../src/storage/lowdb/lowdb-store.js';
import { openMemoryStore } from '../../src/storage/open-store.js';
import { ConcurrencyError, CorruptStoreError } from '../../src/storage/ports/errors.js';
import type { CompetenceRegistrationRecord } from '../../src/modules/registration/model.js';
import { emptyRegistration } from '../../src/modules/registration/sections.js';
import type { SamtaleRecord } from '../../src/modules/samtale/model.js';
import { storeContract } from './store-contract.js';

const tmpFile = () => join(mkdtempSync(join(tmpdir(), 'kbot-')), 'data', 'db.json');

/** Every turn-state entry in the shard files beside this data file, as they are on disk. */
function kvOnDisk(file: string): Record<string, { value: unknown; eTag: string }> {
  const dir = kvShardDirFor(file);
  const out: Record<string, { value: unknown; eTag: string }> = {};
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) Object.assign(out, (JSON.parse(readFileSync(join(dir, name), 'utf8')) as { items: typeof out }).items);
  return out;
}
const mainOnDisk = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

storeContract('lowdb file', () => openLowdbStore(tmpFile()));
storeContract('lowdb memory', () => openMemoryStore());

describe('lowdb file store', () => {
  it('When the bot restarts, then stored data is still there', async () => {
    const file = tmpFile();
    const first = await openLowdbStore(file);
    await first.kv.write([{ key: 'k', value: { n: 1 } }]);
    await first.feedback.upsert({ id: 'x', entryId: 'e', helpful: true, userId: 'u', createdAt: '2026-11-23T10:00:00.000Z' });
    await first.close();
    const second = await openLowdbStore(file);
    expect((await second.kv.read(['k'])).get('k')?.value).toEqual({ n: 1 });
    expect(await second.feedback.count()).toBe(1);
  });

  it('When decline counts are still being written (a Q&A turn does not wait for them), then the store\'s flush of them waits until both are in the file', async () => {
    const file = tmpFile();
    const repo = await openLowdbHrQuestionRepository(file);
    // The second count is written after the first write, which is still under way.
    void repo.recordDecline('hva er lønna mi', '2026-11-23');
    void repo.recordDecline('ferie i jula', '2026-11-23');
    await repo.flush();
    const onDisk = JSON.parse(readFileSync(hrQuestionsFileFor(file), 'utf8')) as { declines: unknown };
    expect(onDisk.declines).toEqual({ '2026-11-23': { 'hva er lønna mi': 1, 'ferie i jula': 1 } });
  });

  it('When the bot restarts, then a samtale reads back with its referat archive and deletion dates', async () => {
    const file = tmpFile();
    const first = await openLowdbStore(file);
    const record: SamtaleRecord = {
      id: 's1',
      employeeId: 'e1',
      leaderId: 'l1',
      unitId: 'u1',
      templateId: 'standard',
      scheduledFor: '2024-01-10',
      year: 2024,
      state: 'bekreftet',
      version: 9,
      createdAt: '2024-01-01T10:00:00.000Z',
      updatedAt: '2026-02-01T10:00:00.000Z',
      preparations: { employee: { answers: {} }, leader: { answers: {} } },
      confirmedAt: '2024-01-12T10:00:00.000Z',
      notes: [],
      actions: [],
      devPlan: [],
      previousActions: [],
      comments: [],
      workingNotesPurgedAt: '2025-01-12T10:00:00.000Z',
      referatExportedAt: '2024-01-13T10:00:00.000Z',
      referatDeletedAt: '2026-02-01T10:00:00.000Z',
      history: [{ v: 9, scope: '*', fp: 'x' }],
    };
    await first.samtaler.save(record, 0);
    await first.close();
    const second = await openLowdbStore(file);
    expect(await second.samtaler.get('s1')).toEqual(record);
  });

  it.each([
    ['not JSON', '{"version":1,"kv":{'],
    ['empty', ''],
    ['wrong shape', '{"version":1,"kv":[],"feedback":{}}'],
  ])('When the data file is corrupt (%s), then opening fails clearly and the file is left untouched', async (_label, text) => {
    const file = tmpFile();
    const first = await openLowdbStore(file);
    await first.close();
    writeFileSync(file, text);
    await expect(openLowdbStore(file)).rejects.toBeInstanceOf(CorruptStoreError);
    await expect(openLowdbStore(file)).rejects.toThrow(/ødelagt/);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('When many writes run at once, then the file holds all of them and is valid JSON', async () => {
    const file = tmpFile();
    const store = await openLowdbStore(file);
    await Promise.all(Array.from({ length: 200 }, (_, i) => store.kv.write([{ key: `k${i}`, value: { i } }])));
    await store.close();
    expect(Object.keys(kvOnDisk(file))).toHaveLength(200);
  });

  it('When a turn-state write is awaited, then it is in a shard file beside the data file and not in the main file', async () => {
    const file = tmpFile();
    const store = await openLowdbStore(file);
    await store.kv.write([{ key: 'msteams/c1/conversation', value: { n: 1 } }]);
    expect(kvOnDisk(file)['msteams/c1/conversation']?.value).toEqual({ n: 1 });
    expect(mainOnDisk(file)).not.toHaveProperty('kv');
    await store.kv.delete(['msteams/c1/conversation']);
    expect(kvOnDisk(file)).toEqual({});
    await store.close();
  });

  it('When the bot restarts, then turn state reads back with the same eTags and a stale eTag is still refused', async () => {
    const file = tmpFile();
    const first = await openLowdbStore(file);
    await first.kv.write([{ key: 'a', value: { n: 1 } }, { key: 'b', value: { n: 2 } }]);
    const before = await first.kv.read(['a', 'b']);
    await first.kv.write([{ key: 'a', value: { n: 3 }, expectedETag: before.get('a')!.eTag }]);
    await first.close();
    const second = await openLowdbStore(file);
    const after = await second.kv.read(['a', 'b']);
    expect(after.get('a')?.value).toEqual({ n: 3 });
    expect(after.get('b')).toEqual(before.get('b'));
    await expect(second.kv.write([{ key: 'a', value: { n: 4 }, expectedETag: before.get('a')!.eTag }])).rejects.toBeInstanceOf(ConcurrencyError);
    expect((await second.kv.read(['a'])).get('a')?.value).toEqual({ n: 3 });
  });

  it('When a data file from before turn state was sharded is opened, then its turn state reads back and moves out of the main file', async () => {
    const file = tmpFile();
    const first = await openLowdbStore(file);
    await first.feedback.upsert({ id: 'x', entryId: 'e', helpful: true, userId: 'u', createdAt: '2026-11-23T10:00:00.000Z' });
    await first.close();
    // The old layout: turn state inside the main file.
    const old = mainOnDisk(file);
    const kv = {
      'msteams/c1/conversation': { value: { turn: 7, text: 'Æøå' }, eTag: 'etag-c1' },
      'msteams/u1/user': { value: {}, eTag: 'etag-u1' },
    };
    writeFileSync(file, JSON.stringify({ ...old, kv }));

    const second = await openLowdbStore(file);
    const read = await second.kv.read(Object.keys(kv));
    expect(Object.fromEntries(read)).toEqual(kv);
    expect(mainOnDisk(file)).not.toHaveProperty('kv');
    expect(kvOnDisk(file)).toEqual(kv);
    expect(await second.feedback.count()).toBe(1);
    // The old eTag still guards the entry.
    await expect(second.kv.write([{ key: 'msteams/c1/conversation', value: {}, expectedETag: 'stale' }])).rejects.toBeInstanceOf(ConcurrencyError);
    await second.kv.write([{ key: 'msteams/c1/conversation', value: { turn: 8 }, expectedETag: 'etag-c1' }]);
    await second.close();

    const third = await openLowdbStore(file);
    expect((await third.kv.read(['msteams/c1/conversation'])).get('msteams/c1/conversation')?.value).toEqual({ turn: 8 });
  });

  it('When the move of old turn state was cut off after the shards were written, then the next open keeps the shard copy and adds the rest', async () => {
    const file = tmpFile();
    const first = await openLowdbStore(file);
    await first.kv.write([{ key: 'moved', value: { from: 'shard' } }]);
    await first.close();
    const shardETag = kvOnDisk(file)['moved']!.eTag;
    // A crash before the main file was rewritten leaves the entry in both places (here with an
    // older copy in the main file), plus one only in the main file.
    writeFileSync(file, JSON.stringify({ ...mainOnDisk(file), kv: { moved: { value: { from: 'main' }, eTag: 'old' }, onlyMain: { value: { n: 1 }, eTag: 'm1' } } }));

    const second = await openLowdbStore(file);
    const read = await second.kv.read(['moved', 'onlyMain']);
    expect(read.get('moved')).toEqual({ value: { from: 'shard' }, eTag: shardETag });
    expect(read.get('onlyMain')).toEqual({ value: { n: 1 }, eTag: 'm1' });
    expect(mainOnDisk(file)).not.toHaveProperty('kv');
    await second.close();
  });
});

describe('lowdb file store: what a leader change writes (#17)', () => {
  it('When the bot restarts, then a samtale closed at a leader change, its audit entry and the org’s role start dates are still there', async () => {
    const file = tmpFile();
    const first = await openLowdbStore(file);
    const record: SamtaleRecord = {
      id: 's1', employeeId: 'e1', leaderId: 'l1', unitId: 'u1', templateId: 'standard', scheduledFor: '2026-12-01', year: 2026,
      state: 'avlyst', version: 2, createdAt: '2026-11-23T10:00:00.000Z', updatedAt: '2026-11-24T10:00:00.000Z', cancelledAt: '2026-11-24T10:00:00.000Z',
      closedReason: 'lederbytte', closedForLeaderId: 'l2',
      preparations: { employee: { answers: {} }, leader: { answers: {} } }, notes: [], actions: [], devPlan: [], previousActions: [], comments: [],
      history: [{ v: 2, scope: '*', fp: 'lederbytte' }],
    };
    await first.samtaler.save(record, 0);
    await first.audit.append({ samtaleId: 's1', viewerId: 'l2', action: 'lederbytte', outcome: 'allowed', at: '2026-11-24T10:00:00.000Z' });
    const snapshot = {
      units: [{ id: 'u1', name: 'Skolen', leaderEmployeeId: 'l2' }],
      employees: [{ employeeId: 'l2', name: 'Ny Leder', upn: 'ny@x.no', unitId: 'u1', position: { title: 'Rektor', code: '7451' }, employmentPercent: 100, roles: [] }],
      importedAt: '2026-11-24T10:00:00.000Z',
      source: 'ny.json',
      roleSince: { l2: '2026-11-24T10:00:00.000Z' },
    };
    await first.org.replace(snapshot);
    await first.close();
    const again = await openLowdbStore(file);
    expect(await again.samtaler.get('s1')).toMatchObject({ closedReason: 'lederbytte', closedForLeaderId: 'l2' });
    expect(await again.audit.listForSamtale('s1')).toEqual([{ samtaleId: 's1', viewerId: 'l2', action: 'lederbytte', outcome: 'allowed', at: '2026-11-24T10:00:00.000Z' }]);
    expect((await again.org.load())?.roleSince).toEqual({ l2: '2026-11-24T10:00:00.000Z' });
    await again.close();
  });
});

const emptyRecord = (employeeId: string): CompetenceRegistrationRecord => ({ ...emptyRegistration(employeeId, new Date('2026-03-02T08:00:00.000Z')), version: 1 });

describe('registrations in the lowdb files', () => {
  it('When the bot restarts, then saved registrations are still there, spread over small shard files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kbot-reg-'));
    const file = join(dir, 'data', 'db.json');
    const first = await openLowdbStore(file);
    for (let i = 0; i < 50; i++) {
      await first.registrations.save({ ...emptyRecord(`e${i}`), languages: [{ language: 'Norsk', level: 4 }], mobilisation: { competenceIds: [], note: 'Æøå' } }, 0);
    }
    await first.registrations.delete('e7');
    await first.close();

    const shards = readdirSync(join(dir, 'data', 'db.registrations'));
    expect(shards.length).toBeGreaterThan(10);
    const biggest = Math.max(...shards.map((s) => readFileSync(join(dir, 'data', 'db.registrations', s), 'utf8').length));
    expect(biggest).toBeLessThan(20_000);

    const second = await openLowdbStore(file);
    expect(await second.registrations.count()).toBe(49);
    expect(await second.registrations.get('e7')).toBeUndefined();
    expect((await second.registrations.get('e3'))?.mobilisation.note).toBe('Æøå');
    // a record loaded from disk is protected like a saved one
    const loaded = (await second.registrations.get('e3'))!;
    expect(Object.isFrozen(loaded.languages)).toBe(true);
    await second.close();
  });
});
