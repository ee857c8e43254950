import { feedbackRecordSchema } from '../../modules/qa/model.js';
import type { FeedbackRepository } from '../ports/feedback.js';
import type { Pool } from './pool.js';
import { recordReader } from './rows.js';

const read = recordReader(feedbackRecordSchema, 'feedback');

/** «Var dette nyttig?» answers, one row per answer card and user. */
export function createPostgresFeedbackRepository(pool: Pool): FeedbackRepository {
  return {
    async upsert(record) {
      await pool.query(
        `INSERT INTO feedback (id, entry_id, helpful, record) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET entry_id = EXCLUDED.entry_id, helpful = EXCLUDED.helpful, record = EXCLUDED.record`,
        [record.id, record.entryId, record.helpful, JSON.stringify(record)],
      );
    },
    async get(id) {
      const { rows } = await pool.query<{ record: unknown }>('SELECT record FROM feedback WHERE id = $1', [id]);
      return rows[0] && read(rows[0].record);
    },
    async summary() {
      const { rows } = await pool.query<{ entry_id: string; helpful: number; not_helpful: number }>(
        `SELECT entry_id, count(*) FILTER (WHERE helpful)::int AS helpful, count(*) FILTER (WHERE NOT helpful)::int AS not_helpful
         FROM feedback GROUP BY entry_id`,
      );
      // Sorted in JS with the same comparison as the lowdb adapter (the database collation may differ).
      return rows.map((r) => ({ entryId: r.entry_id, helpful: r.helpful, notHelpful: r.not_helpful })).sort((a, b) => a.entryId.localeCompare(b.entryId));
    },
    async count() {
      const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM feedback');
      return rows[0]!.n;
    },
  };
}
