import { jobRecordSchema, type JobRecord, type JobRepository, type JobStatus } from '../ports/jobs.js';
import { openShardedCollection } from './json-document.js';

const SHARDS = 16;

/**
 * Scheduled jobs in shard files beside the data file (`<data>.jobs/NN.json`). Claims and
 * outcomes change the in-memory copy synchronously, so two runners in this process never claim
 * the same job, and are on disk before the call returns. Pending jobs are kept in a separate
 * set so a tick does not scan finished ones.
 */
export async function openLowdbJobRepository(file: string): Promise<JobRepository> {
  const jobs = await openShardedCollection(file, 'jobs', jobRecordSchema, SHARDS);
  const pending = new Map<string, JobRecord>();
  for (const job of jobs.values()) {
    Object.freeze(job);
    if (job.status === 'pending') pending.set(job.key, job);
  }

  function write(next: JobRecord): Promise<void> {
    const frozen = Object.freeze(next);
    if (frozen.status === 'pending') pending.set(frozen.key, frozen);
    else pending.delete(frozen.key);
    return jobs.put(frozen.key, frozen);
  }

  const leaseLive = (job: JobRecord, nowIso: string) => job.leaseUntil !== undefined && job.leaseUntil > nowIso;
  const held = (key: string, owner: string): JobRecord | undefined => {
    const job = pending.get(key);
    return job && job.leaseOwner === owner ? job : undefined;
  };
  const unleased = (job: JobRecord, at: Date, patch: Partial<JobRecord>): JobRecord => {
    const { leaseOwner: _o, leaseUntil: _u, ...rest } = job;
    return { ...rest, ...patch, updatedAt: at.toISOString() };
  };

  return {
    async schedule(newJobs, now) {
      const nowIso = now.toISOString();
      const writes: Promise<void>[] = [];
      for (const job of newJobs) {
        if (jobs.get(job.key)) continue;
        writes.push(
          write({
            key: job.key,
            name: job.name,
            dueAt: job.dueAt.toISOString(),
            status: 'pending',
            attempts: 0,
            ...(job.payload ? { payload: structuredClone(job.payload) } : {}),
            createdAt: nowIso,
            updatedAt: nowIso,
          }),
        );
      }
      await Promise.all(writes);
      return { added: writes.length, existing: newJobs.length - writes.length };
    },

    async claimDue(now, limit, leaseMs, owner) {
      const nowIso = now.toISOString();
      const due = [...pending.values()]
        .filter((j) => j.dueAt <= nowIso && !leaseLive(j, nowIso))
        .sort((a, b) => (a.dueAt !== b.dueAt ? (a.dueAt < b.dueAt ? -1 : 1) : a.key < b.key ? -1 : 1))
        .slice(0, Math.max(0, limit));
      const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
      const claimed = due.map((j) => ({ ...j, attempts: j.attempts + 1, leaseOwner: owner, leaseUntil, updatedAt: nowIso }));
      await Promise.all(claimed.map(write));
      return claimed;
    },

    async complete(key, owner, at, nextDueAt) {
      const job = held(key, owner);
      if (!job) return false;
      const atIso = at.toISOString();
      await write(
        nextDueAt
          ? unleased(job, at, { status: 'pending', dueAt: nextDueAt.toISOString(), attempts: 0, finishedAt: atIso })
          : unleased(job, at, { status: 'done', finishedAt: atIso }),
      );
      return true;
    },

    async retry(key, owner, dueAt, error, now) {
      const job = held(key, owner);
      if (!job) return false;
      await write(unleased(job, now, { dueAt: dueAt.toISOString(), lastError: error }));
      return true;
    },

    async fail(key, owner, at, error) {
      const job = held(key, owner);
      if (!job) return false;
      await write(unleased(job, at, { status: 'failed', finishedAt: at.toISOString(), lastError: error }));
      return true;
    },

    async cancel(key, at) {
      const job = pending.get(key);
      if (!job) return false;
      await write(unleased(job, at, { status: 'cancelled', finishedAt: at.toISOString() }));
      return true;
    },

    async get(key) {
      return jobs.get(key);
    },

    async list(filter: { name?: string; status?: JobStatus } = {}) {
      return [...jobs.values()]
        .filter((j) => (filter.name === undefined || j.name === filter.name) && (filter.status === undefined || j.status === filter.status))
        .sort((a, b) => (a.dueAt !== b.dueAt ? (a.dueAt < b.dueAt ? -1 : 1) : a.key < b.key ? -1 : 1));
    },
  };
}
