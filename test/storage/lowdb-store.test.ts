import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLowdbStore } from '../../src/storage/lowdb/lowdb-store.js';
import { openMemoryStore } from '../../src/storage/open-store.js';
import { CorruptStoreError, type SamtaleRecord } from '../../src/storage/ports.js';
import { storeContract } from './store-contract.js';

const tmpFile = () => join(mkdtempSync(join(tmpdir(), 'kbot-')), 'data', 'db.json');

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
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { kv: Record<string, unknown> };
    expect(Object.keys(saved.kv)).toHaveLength(200);
  });
});
