import { arshjulTaskRecordSchema, type ArshjulTaskRecord } from '../../modules/arshjul/model.js';
import type { ArshjulStateRepository } from '../ports/arshjul.js';
import { withTransaction, type Pool } from './pool.js';
import { recordReader } from './rows.js';

const read = recordReader(arshjulTaskRecordSchema, 'arshjul_tasks');

/**
 * Årshjul state: tasks, claimed reminder keys and the last planning run. A claim is one
 * `INSERT … ON CONFLICT DO NOTHING` in key order (two overlapping claims lock keys in the same
 * order, so they cannot deadlock); each key is granted to exactly one caller, also across processes.
 */
export function createPostgresArshjulRepository(pool: Pool): ArshjulStateRepository {
  const upsertTask = (eventId: string, occurrenceId: string, employeeId: string, patch: Partial<ArshjulTaskRecord>, onlyIfNotDone: boolean) =>
    pool.query(
      `INSERT INTO arshjul_tasks (event_id, occurrence_id, employee_id, record) VALUES ($1, $2, $3, $4::jsonb || $5::jsonb)
       ON CONFLICT (event_id, occurrence_id, employee_id) DO UPDATE SET record = arshjul_tasks.record || $5::jsonb
       ${onlyIfNotDone ? "WHERE arshjul_tasks.record->>'doneAt' IS NULL" : ''}`,
      [eventId, occurrenceId, employeeId, JSON.stringify({ eventId, occurrenceId, employeeId }), JSON.stringify(patch)],
    );
  return {
    async tasks() {
      const { rows } = await pool.query<{ record: unknown }>('SELECT record FROM arshjul_tasks ORDER BY seq');
      return rows.map((r) => read(r.record));
    },
    async getTask(eventId, occurrenceId, employeeId) {
      const { rows } = await pool.query<{ record: unknown }>(
        'SELECT record FROM arshjul_tasks WHERE event_id = $1 AND occurrence_id = $2 AND employee_id = $3',
        [eventId, occurrenceId, employeeId],
      );
      return rows[0] && read(rows[0].record);
    },
    async markDone(eventId, occurrenceId, employeeId, doneAt, doneBy) {
      return ((await upsertTask(eventId, occurrenceId, employeeId, { doneAt, doneBy }, true)).rowCount ?? 0) > 0;
    },
    async snooze(eventId, occurrenceId, employeeId, snoozedAt, until) {
      await upsertTask(eventId, occurrenceId, employeeId, { snoozedAt, snoozeUntil: until }, false);
    },
    async claim(claims, at) {
      const first = new Map<string, string>();
      for (const c of claims) if (!first.has(c.key)) first.set(c.key, c.occurrenceId);
      if (!first.size) return [];
      const keys = [...first.keys()];
      const { rows } = await pool.query<{ key: string }>(
        `INSERT INTO arshjul_claims (key, occurrence_id, claimed_at)
         SELECT k, o, $3 FROM unnest($1::text[], $2::text[]) AS t(k, o) ORDER BY k COLLATE "C"
         ON CONFLICT (key) DO NOTHING RETURNING key`,
        [keys, keys.map((k) => first.get(k)!), at],
      );
      const fresh = new Set(rows.map((r) => r.key));
      return keys.filter((k) => fresh.has(k));
    },
    async sentKeys() {
      const { rows } = await pool.query<{ key: string }>('SELECT key FROM arshjul_claims');
      return new Set(rows.map((r) => r.key));
    },
    async lastPlanningRun() {
      const { rows } = await pool.query<{ last_planning_run: string }>('SELECT last_planning_run FROM arshjul_meta WHERE id = 1');
      return rows[0]?.last_planning_run;
    },
    async setLastPlanningRun(at) {
      await pool.query(
        `INSERT INTO arshjul_meta (id, last_planning_run) VALUES (1, $1)
         ON CONFLICT (id) DO UPDATE SET last_planning_run = EXCLUDED.last_planning_run
         WHERE arshjul_meta.last_planning_run::timestamptz < EXCLUDED.last_planning_run::timestamptz`,
        [at],
      );
    },
    async pruneBefore(occurrenceId) {
      return withTransaction(pool, async (client) => {
        const tasks = await client.query('DELETE FROM arshjul_tasks WHERE occurrence_id < $1 COLLATE "C"', [occurrenceId]);
        const claims = await client.query('DELETE FROM arshjul_claims WHERE occurrence_id < $1 COLLATE "C"', [occurrenceId]);
        return (tasks.rowCount ?? 0) + (claims.rowCount ?? 0);
      });
    },
  };
}
