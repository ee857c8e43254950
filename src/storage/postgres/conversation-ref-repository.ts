import { conversationRefRecordSchema, type ConversationRefRepository } from '../ports/delivery.js';
import type { Pool } from './pool.js';
import { recordReader } from './rows.js';

const read = recordReader(conversationRefRecordSchema, 'conversation_refs');

/**
 * Conversation references, one row per person (personal chat) or team. When several references
 * carry the same employee id, the one saved last is the person's (as in the lowdb adapter).
 */
export function createPostgresConversationRefRepository(pool: Pool): ConversationRefRepository {
  return {
    async get(key) {
      const { rows } = await pool.query<{ record: unknown }>('SELECT record FROM conversation_refs WHERE key = $1', [key]);
      return rows[0] && read(rows[0].record);
    },
    async findByEmployeeId(employeeId) {
      const { rows } = await pool.query<{ record: unknown }>(
        'SELECT record FROM conversation_refs WHERE employee_id = $1 ORDER BY saved_seq DESC LIMIT 1',
        [employeeId],
      );
      return rows[0] && read(rows[0].record);
    },
    async save(ref) {
      await pool.query(
        `INSERT INTO conversation_refs (key, employee_id, conversation_id, saved_seq, record) VALUES ($1, $2, $3, nextval('conversation_refs_saved'), $4)
         ON CONFLICT (key) DO UPDATE SET employee_id = EXCLUDED.employee_id, conversation_id = EXCLUDED.conversation_id,
           saved_seq = EXCLUDED.saved_seq, record = EXCLUDED.record`,
        [ref.key, ref.employeeId ?? null, ref.conversationId, JSON.stringify(ref)],
      );
    },
    async remove(key, onlyIfConversationId) {
      const result = await pool.query('DELETE FROM conversation_refs WHERE key = $1 AND ($2::text IS NULL OR conversation_id = $2::text)', [
        key,
        onlyIfConversationId ?? null,
      ]);
      return (result.rowCount ?? 0) > 0;
    },
    async all() {
      const { rows } = await pool.query<{ record: unknown }>('SELECT record FROM conversation_refs ORDER BY key COLLATE "C"');
      return rows.map((r) => read(r.record));
    },
    async count() {
      const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM conversation_refs');
      return rows[0]!.n;
    },
  };
}
