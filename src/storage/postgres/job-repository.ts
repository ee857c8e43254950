import { jobRecordSchema, type JobRecord, type JobRepository, type JobStatus } from '../ports/jobs.js';
import { iso, type Pool } from './pool.js';
import { recordReader } from './rows.js';

const read = recordReader(jobRecordSchema, 'jobs');

/** Sets status ($3), ends the lease and patches the record ($2); the job must be pending and held by $4. */
const END = `status = $3, lease_owner = NULL, lease_until = NULL, record = (record - 'leaseOwner' - 'leaseUntil') || $2::jsonb`;
const HELD = `status = 'pending' AND lease_owner = $4`;

/**
 * Scheduled jobs in PostgreSQL, claimed like the outbox: one UPDATE over a
 * `SELECT … FOR UPDATE SKIP LOCKED`, so two runners (also in two bot instances) never run the
 * same occurrence while its lease lives. Finished jobs stay, so scheduling a key again is a no-op.
 */
export function createPostgresJobRepository(pool: Pool): JobRepository {
  async function end(key: string, condition: string, patch: Partial<JobRecord> & { status: JobStatus }, params: unknown[] = [], extraSet = ''): Promise<boolean> {
    const result = await pool.query(`UPDATE jobs SET ${END}${extraSet} WHERE key = $1 AND ${condition}`, [key, JSON.stringify(patch), patch.status, ...params]);
    return (result.rowCount ?? 0) > 0;
  }

  return {
    async schedule(newJobs, now) {
      const nowIso = iso(now);
      const fresh = new Map<string, JobRecord>();
      for (const job of newJobs) {
        if (fresh.has(job.key)) continue;
        fresh.set(job.key, {
          key: job.key,
          name: job.name,
          dueAt: iso(job.dueAt),
          status: 'pending',
          attempts: 0,
          ...(job.payload ? { payload: job.payload } : {}),
          createdAt: nowIso,
          updatedAt: nowIso,
        });
      }
      if (!fresh.size) return { added: 0, existing: newJobs.length };
      const records = [...fresh.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
      const result = await pool.query(
        `INSERT INTO jobs (key, name, status, due_at, attempts, record)
         SELECT k, n, 'pending', d, 0, r FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::jsonb[]) AS x(k, n, d, r) ORDER BY k COLLATE "C"
         ON CONFLICT (key) DO NOTHING`,
        [records.map((r) => r.key), records.map((r) => r.name), records.map((r) => r.dueAt), records.map((r) => JSON.stringify(r))],
      );
      const added = result.rowCount ?? 0;
      return { added, existing: newJobs.length - added };
    },

    async claimDue(now, limit, leaseMs, owner) {
      if (limit <= 0) return [];
      const nowIso = iso(now);
      const leaseUntil = iso(new Date(now.getTime() + leaseMs));
      const { rows } = await pool.query<{ record: unknown }>(
        `UPDATE jobs j
         SET attempts = j.attempts + 1, lease_owner = $3, lease_until = $4::timestamptz,
             record = j.record || jsonb_build_object('attempts', j.attempts + 1, 'leaseOwner', $3::text, 'leaseUntil', $6::text, 'updatedAt', $5::text)
         WHERE j.key IN (
           SELECT key FROM jobs
           WHERE status = 'pending' AND due_at <= $1::timestamptz AND (lease_until IS NULL OR lease_until <= $1::timestamptz)
           ORDER BY due_at, key COLLATE "C"
           LIMIT $2
           FOR UPDATE SKIP LOCKED
         )
         RETURNING j.record`,
        [nowIso, limit, owner, leaseUntil, nowIso, leaseUntil],
      );
      return rows.map((r) => read(r.record)).sort(byDue);
    },

    async complete(key, owner, at, nextDueAt) {
      const atIso = iso(at);
      if (!nextDueAt) return end(key, HELD, { status: 'done', finishedAt: atIso, updatedAt: atIso }, [owner]);
      return end(
        key,
        HELD,
        { status: 'pending', dueAt: iso(nextDueAt), attempts: 0, finishedAt: atIso, updatedAt: atIso },
        [owner],
        `, attempts = 0, due_at = ($2::jsonb->>'dueAt')::timestamptz`,
      );
    },

    async retry(key, owner, dueAt, error, now) {
      return end(key, HELD, { status: 'pending', dueAt: iso(dueAt), lastError: error, updatedAt: iso(now) }, [owner], `, due_at = ($2::jsonb->>'dueAt')::timestamptz`);
    },

    async fail(key, owner, at, error) {
      return end(key, HELD, { status: 'failed', finishedAt: iso(at), lastError: error, updatedAt: iso(at) }, [owner]);
    },

    async cancel(key, at) {
      return end(key, `status = 'pending'`, { status: 'cancelled', finishedAt: iso(at), updatedAt: iso(at) });
    },

    async get(key) {
      const { rows } = await pool.query<{ record: unknown }>('SELECT record FROM jobs WHERE key = $1', [key]);
      return rows[0] && read(rows[0].record);
    },

    async list(filter: { name?: string; status?: JobStatus } = {}) {
      const { rows } = await pool.query<{ record: unknown }>(
        `SELECT record FROM jobs WHERE ($1::text IS NULL OR name = $1::text) AND ($2::text IS NULL OR status = $2::text) ORDER BY due_at, key COLLATE "C"`,
        [filter.name ?? null, filter.status ?? null],
      );
      return rows.map((r) => read(r.record));
    },
  };
}

const byDue = (a: JobRecord, b: JobRecord) => (a.dueAt !== b.dueAt ? (a.dueAt < b.dueAt ? -1 : 1) : a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
