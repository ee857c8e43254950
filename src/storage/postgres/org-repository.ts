import { storedOrgSnapshotSchema } from '../../modules/org/model.js';
import type { OrgRepository } from '../ports/org.js';
import type { Pool } from './pool.js';
import { recordReader } from './rows.js';

const read = recordReader(storedOrgSnapshotSchema, 'org_snapshot');

/** The organisation: one row, replaced whole in one statement (one transaction), so a reader sees the old or the new one. */
export function createPostgresOrgRepository(pool: Pool): OrgRepository {
  return {
    async load() {
      const { rows } = await pool.query<{ snapshot: unknown }>('SELECT snapshot FROM org_snapshot WHERE id = 1');
      return rows[0] && read(rows[0].snapshot);
    },
    async replace(snapshot) {
      await pool.query(
        `INSERT INTO org_snapshot (id, snapshot, replaced_at) VALUES (1, $1, now())
         ON CONFLICT (id) DO UPDATE SET snapshot = EXCLUDED.snapshot, replaced_at = EXCLUDED.replaced_at`,
        [JSON.stringify(snapshot)],
      );
    },
  };
}
