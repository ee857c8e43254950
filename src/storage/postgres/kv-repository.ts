import { randomUUID } from 'node:crypto';
import { ConcurrencyError } from '../ports/errors.js';
import { versionedValueSchema, type KeyValueRepository, type VersionedValue } from '../ports/kv.js';
import { withTransaction, type Pool } from './pool.js';
import { recordReader } from './rows.js';

const read = recordReader(versionedValueSchema, 'kv');

/**
 * Key/value documents with eTags (the bot's turn state). A write locks the stored rows of its
 * keys, checks every eTag, then writes all items: all or none, like the lowdb adapter. As there,
 * an expected eTag on a key that is not stored does not fail the write.
 */
export function createPostgresKvRepository(pool: Pool): KeyValueRepository {
  return {
    async read(keys) {
      const out = new Map<string, VersionedValue>();
      if (!keys.length) return out;
      const { rows } = await pool.query<{ key: string; value: unknown; etag: string }>(
        'SELECT key, value, etag FROM kv WHERE key = ANY($1::text[])',
        [keys],
      );
      const byKey = new Map(rows.map((r) => [r.key, r]));
      for (const key of keys) {
        const row = byKey.get(key);
        if (row) out.set(key, read({ value: row.value, eTag: row.etag }));
      }
      return out;
    },

    async write(items) {
      if (!items.length) return;
      // The last item of a key wins, as in lowdb; keys in sorted order so two writers lock alike.
      const last = new Map(items.map((i) => [i.key, i]));
      const keys = [...last.keys()].sort();
      await withTransaction(pool, async (client) => {
        const { rows } = await client.query<{ key: string; etag: string }>(
          'SELECT key, etag FROM kv WHERE key = ANY($1::text[]) ORDER BY key COLLATE "C" FOR UPDATE',
          [keys],
        );
        const stored = new Map(rows.map((r) => [r.key, r.etag]));
        for (const item of items) {
          const current = stored.get(item.key);
          if (item.expectedETag && item.expectedETag !== '*' && current !== undefined && current !== item.expectedETag) {
            throw new ConcurrencyError(item.key);
          }
        }
        await client.query(
          `INSERT INTO kv (key, value, etag)
           SELECT k, v, e FROM unnest($1::text[], $2::jsonb[], $3::text[]) AS t(k, v, e) ORDER BY k COLLATE "C"
           ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, etag = EXCLUDED.etag`,
          [keys, keys.map((k) => JSON.stringify(last.get(k)!.value)), keys.map(() => randomUUID())],
        );
      });
    },

    async delete(keys) {
      if (!keys.length) return;
      await pool.query('DELETE FROM kv WHERE key = ANY($1::text[])', [keys]);
    },
  };
}
