import { describe, expect, it } from 'vitest';
import { ConcurrencyError, type Store } from '../../src/storage/ports.js';

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
  });
}
