import { samtaleRecordSchema, type SamtaleRecord } from '../../modules/samtale/model.js';
import { ConcurrencyError } from '../ports/errors.js';
import type { SamtaleRepository } from '../ports/samtale.js';
import { recordReader } from './rows.js';
import { withTransaction, type Pool } from './pool.js';

const read = recordReader(samtaleRecordSchema, 'samtaler');

/** The port's order: by planned date, then created, then id (the same comparison as the lowdb adapter). */
const byDate = (a: SamtaleRecord, b: SamtaleRecord) =>
  a.scheduledFor.localeCompare(b.scheduledFor) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

/**
 * Medarbeidersamtaler, one row each; the columns are the ones the lists filter on. A save locks
 * the stored row, checks the version and writes in one transaction, so two saves on the same
 * version cannot both win.
 */
export function createPostgresSamtaleRepository(pool: Pool): SamtaleRepository {
  const list = async (where: string, params: unknown[]): Promise<SamtaleRecord[]> => {
    const { rows } = await pool.query<{ record: unknown }>(`SELECT record FROM samtaler ${where}`, params);
    return rows.map((r) => read(r.record)).sort(byDate);
  };
  return {
    async get(id) {
      const { rows } = await pool.query<{ record: unknown }>('SELECT record FROM samtaler WHERE id = $1', [id]);
      return rows[0] && read(rows[0].record);
    },
    async save(record, expectedVersion) {
      const columns = [record.id, record.employeeId, record.leaderId, record.unitId, record.year, record.version, JSON.stringify(record)];
      await withTransaction(pool, async (client) => {
        const { rows } = await client.query<{ version: number; employee_id: string }>('SELECT version, employee_id FROM samtaler WHERE id = $1 FOR UPDATE', [record.id]);
        const stored = rows[0];
        if ((stored?.version ?? 0) !== expectedVersion) throw new ConcurrencyError(record.id);
        if (stored && stored.employee_id !== record.employeeId) throw new Error('En samtale kan ikke flyttes til en annen medarbeider');
        if (!stored) {
          // Another save may insert the same id meanwhile: then this one lost the race.
          const inserted = await client.query(
            `INSERT INTO samtaler (id, employee_id, leader_id, unit_id, year, version, record) VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (id) DO NOTHING`,
            columns,
          );
          if (!inserted.rowCount) throw new ConcurrencyError(record.id);
        } else {
          await client.query('UPDATE samtaler SET employee_id = $2, leader_id = $3, unit_id = $4, year = $5, version = $6, record = $7 WHERE id = $1', columns);
        }
      });
    },
    listForEmployee: (employeeId) => list('WHERE employee_id = $1', [employeeId]),
    listForPair: (employeeId, leaderId) => list('WHERE employee_id = $1 AND leader_id = $2', [employeeId, leaderId]),
    async listForEmployees(employeeIds, year) {
      const ids = [...new Set(employeeIds)];
      if (!ids.length) return [];
      return year === undefined ? list('WHERE employee_id = ANY($1::text[])', [ids]) : list('WHERE employee_id = ANY($1::text[]) AND year = $2', [ids, year]);
    },
    listForUnit: (unitId, year) => (year === undefined ? list('WHERE unit_id = $1', [unitId]) : list('WHERE unit_id = $1 AND year = $2', [unitId, year])),
    listForYear: (year) => list('WHERE year = $1', [year]),
    all: () => list('', []),
    async count() {
      const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM samtaler');
      return rows[0]!.n;
    },
  };
}
