import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLowdbStore } from '../../../src/storage/lowdb/lowdb-store.js';
import { registration } from './fixtures.js';

describe('registrations in the lowdb files', () => {
  it('When the bot restarts, then saved registrations are still there, spread over small shard files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kbot-reg-'));
    const file = join(dir, 'data', 'db.json');
    const first = await openLowdbStore(file);
    for (let i = 0; i < 50; i++) {
      await first.registrations.save(registration(`e${i}`, { languages: [{ language: 'Norsk', level: 4 }], mobilisation: { competenceIds: [], note: 'Æøå' } }), 0);
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
