import { competenceRegistrationRecordSchema, type CompetenceRegistrationRecord } from '../../modules/registration/model.js';
import { ConcurrencyError } from '../ports/errors.js';
import type { RegistrationRepository } from '../ports/registration.js';
import type { Pool } from './pool.js';
import { recordReader } from './rows.js';

const read = recordReader(competenceRegistrationRecordSchema, 'registrations');

/**
 * Competence self-registrations, one row per employee. A versioned save is one conditional
 * statement, so two saves racing on the same version cannot both win: the second waits for the
 * first's row lock and then no longer matches.
 */
export function createPostgresRegistrationRepository(pool: Pool): RegistrationRepository {
  return {
    async get(employeeId) {
      const { rows } = await pool.query<{ record: unknown }>('SELECT record FROM registrations WHERE employee_id = $1', [employeeId]);
      return rows[0] && read(rows[0].record);
    },
    async save(record, expectedVersion) {
      const params = [record.employeeId, record.version, JSON.stringify(record)];
      let written: number | null;
      if (expectedVersion === undefined) {
        written = (
          await pool.query(
            `INSERT INTO registrations (employee_id, version, record) VALUES ($1, $2, $3)
             ON CONFLICT (employee_id) DO UPDATE SET version = EXCLUDED.version, record = EXCLUDED.record`,
            params,
          )
        ).rowCount;
      } else if (expectedVersion === 0) {
        written = (await pool.query('INSERT INTO registrations (employee_id, version, record) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', params)).rowCount;
      } else {
        written = (await pool.query('UPDATE registrations SET version = $2, record = $3 WHERE employee_id = $1 AND version = $4', [...params, expectedVersion])).rowCount;
      }
      if (!written) throw new ConcurrencyError(record.employeeId);
    },
    async delete(employeeId) {
      return ((await pool.query('DELETE FROM registrations WHERE employee_id = $1', [employeeId])).rowCount ?? 0) > 0;
    },
    async listByEmployeeIds(employeeIds) {
      const ids = [...new Set(employeeIds)];
      const out = new Map<string, CompetenceRegistrationRecord>();
      if (!ids.length) return out;
      const { rows } = await pool.query<{ employee_id: string; record: unknown }>(
        'SELECT employee_id, record FROM registrations WHERE employee_id = ANY($1::text[])',
        [ids],
      );
      const byId = new Map(rows.map((r) => [r.employee_id, read(r.record)]));
      for (const id of ids) {
        const record = byId.get(id);
        if (record) out.set(id, record);
      }
      return out;
    },
    async all() {
      const { rows } = await pool.query<{ record: unknown }>('SELECT record FROM registrations ORDER BY employee_id COLLATE "C"');
      return rows.map((r) => read(r.record));
    },
    async count() {
      const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM registrations');
      return rows[0]!.n;
    },
  };
}
