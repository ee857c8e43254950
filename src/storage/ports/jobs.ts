/** Scheduled jobs (the scheduler's durable queue). */
import { z } from 'zod';

export type JobStatus = 'pending' | 'done' | 'failed' | 'cancelled';

/** One occurrence of a scheduled job. */
export interface JobRecord {
  /** Idempotency key, e.g. `every:arshjul.plan` or `reminder:<eventId>:<occurrence>:<employeeId>:<offset>`. */
  key: string;
  /** Which handler runs it. */
  name: string;
  /** UTC ISO-8601. */
  dueAt: string;
  status: JobStatus;
  attempts: number;
  payload?: Record<string, unknown>;
  leaseOwner?: string;
  leaseUntil?: string;
  createdAt: string;
  updatedAt: string;
  finishedAt?: string;
  /** Error name/code of the last failed run; never a message text. */
  lastError?: string;
}

export interface NewJob {
  key: string;
  name: string;
  dueAt: Date;
  payload?: Record<string, unknown>;
}

/**
 * Scheduled jobs, claimed with a lease like the outbox: two runners ticking at once never run
 * the same job occurrence twice while the lease lives; a runner that dies leaves the job due
 * again when the lease runs out (so handlers must be idempotent, e.g. by enqueuing with an
 * outbox key). Finished jobs are kept, so scheduling the same key again stays a no-op.
 */
export interface JobRepository {
  /** Adds the jobs whose key is new; existing keys (in any status) are left alone. */
  schedule(jobs: NewJob[], now: Date): Promise<{ added: number; existing: number }>;
  claimDue(now: Date, limit: number, leaseMs: number, owner: string): Promise<JobRecord[]>;
  /** Done; with `nextDueAt`, pending again at that time (a recurring job), attempts reset. */
  complete(key: string, owner: string, at: Date, nextDueAt?: Date): Promise<boolean>;
  /** The run failed; due again at `dueAt`. */
  retry(key: string, owner: string, dueAt: Date, error: string, now: Date): Promise<boolean>;
  /** The run failed for good. */
  fail(key: string, owner: string, at: Date, error: string): Promise<boolean>;
  /** A pending job that should not run (e.g. the event was removed). */
  cancel(key: string, at: Date): Promise<boolean>;
  get(key: string): Promise<JobRecord | undefined>;
  list(filter?: { name?: string; status?: JobStatus }): Promise<JobRecord[]>;
}

/** The stored shape of a {@link JobRecord}. */
export const jobRecordSchema: z.ZodType<JobRecord> = z.object({
  key: z.string().min(1),
  name: z.string().min(1),
  dueAt: z.string(),
  status: z.enum(['pending', 'done', 'failed', 'cancelled']),
  attempts: z.number().int().min(0),
  payload: z.record(z.unknown()).optional(),
  leaseOwner: z.string().optional(),
  leaseUntil: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().optional(),
  lastError: z.string().optional(),
});
