import { auditEntrySchema, auditRecord, type AuditRepository } from '../ports/audit.js';
import type { Pool } from './pool.js';
import { recordReader } from './rows.js';

const read = recordReader(auditEntrySchema, 'samtale_audit');

/** The audit log of samtale openings: append-only (no update or delete here), ordered by a sequence. */
export function createPostgresAuditRepository(pool: Pool): AuditRepository {
  return {
    async append(entry) {
      const clean = auditRecord(entry);
      await pool.query('INSERT INTO samtale_audit (samtale_id, entry) VALUES ($1, $2)', [clean.samtaleId, JSON.stringify(clean)]);
    },
    async listForSamtale(samtaleId) {
      const { rows } = await pool.query<{ entry: unknown }>('SELECT entry FROM samtale_audit WHERE samtale_id = $1 ORDER BY seq', [samtaleId]);
      return rows.map((r) => read(r.entry));
    },
    async count() {
      const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM samtale_audit');
      return rows[0]!.n;
    },
  };
}
