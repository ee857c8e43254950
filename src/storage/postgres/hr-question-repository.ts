import { hrQuestionRecordSchema, type DeclinedQuestionCount } from '../../modules/hr-questions/model.js';
import type { HrQuestionRepository } from '../ports/hr-questions.js';
import type { Pool } from './pool.js';
import { recordReader } from './rows.js';

const read = recordReader(hrQuestionRecordSchema, 'hr_questions');

/**
 * Questions sent to HR and the declined-question counts. «First answer wins» is one conditional
 * UPDATE (`WHERE answered_at IS NULL`), so two HR people answering at once on two instances
 * cannot both win.
 */
export function createPostgresHrQuestionRepository(pool: Pool): HrQuestionRepository {
  return {
    async create(record) {
      const { rowCount } = await pool.query(
        'INSERT INTO hr_questions (id, asked_at, record) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING',
        [record.id, record.askedAt, JSON.stringify(record)],
      );
      return (rowCount ?? 0) > 0;
    },
    async get(id) {
      const { rows } = await pool.query<{ record: unknown }>('SELECT record FROM hr_questions WHERE id = $1', [id]);
      return rows[0] && read(rows[0].record);
    },
    async answer(id, answer) {
      const { rowCount } = await pool.query(
        'UPDATE hr_questions SET answered_at = $2, record = record || $3::jsonb WHERE id = $1 AND answered_at IS NULL',
        [id, answer.answeredAt, JSON.stringify(answer)],
      );
      return (rowCount ?? 0) > 0;
    },
    async deleteAskedBefore(before) {
      const { rowCount } = await pool.query('DELETE FROM hr_questions WHERE asked_at < $1', [before]);
      return rowCount ?? 0;
    },
    async recordDecline(text, day) {
      await pool.query(
        'INSERT INTO hr_declines (day, text, count) VALUES ($1, $2, 1) ON CONFLICT (day, text) DO UPDATE SET count = hr_declines.count + 1',
        [day, text],
      );
    },
    async topDeclines(limit) {
      const { rows } = await pool.query<DeclinedQuestionCount>(
        'SELECT text, sum(count)::int AS count FROM hr_declines GROUP BY text ORDER BY count DESC, text COLLATE "C" LIMIT $1',
        [limit],
      );
      return rows;
    },
    async deleteDeclinesBefore(day) {
      const { rowCount } = await pool.query('DELETE FROM hr_declines WHERE day < $1::date', [day]);
      return rowCount ?? 0;
    },
  };
}
