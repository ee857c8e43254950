/**
 * A small job runner shared by the capabilities (medarbeidersamtale reminders, årshjul,
 * broadcasts). Jobs are persisted with a due time (UTC) and an idempotency key, and each run
 * claims due jobs with a lease, so two runners ticking at once – two timers, or later two
 * processes – never run the same job occurrence twice, and a job whose runner died runs again
 * when its lease runs out. That makes a run at-least-once: a handler must be idempotent, which
 * it is when what it does is enqueue outbox items with idempotency keys.
 *
 * Recurring work is a job too (`every`): one record whose due time moves forward by the interval
 * after each run, so overlapping runners share it and a restart resumes it.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging/logger.js';
import type { JobRecord, JobRepository, NewJob } from '../storage/ports/jobs.js';
import type { Clock } from '../shared/dates.js';

/** What a handler may ask for: run again at `retryAt` (not counted as a failure). */
export type JobResult = void | { retryAt: Date };

export type JobHandler = (job: JobRecord) => Promise<JobResult>;

export interface SchedulerDeps {
  jobs: JobRepository;
  clock: Clock;
  logger: Logger;
  /** How often `start` ticks; default 5 s. */
  tickMs?: number;
  /** A claimed job is ours this long; must exceed the longest handler run. Default 5 min. */
  leaseMs?: number;
  /** Jobs claimed per tick; default 20. */
  batch?: number;
  /** Failed runs before a job is given up; default 5. */
  maxAttempts?: number;
  /** Backoff after a failed run: `retryBaseMs · 2^(attempt−1)`, capped at an hour. Default 30 s. */
  retryBaseMs?: number;
  owner?: string;
}

export interface TickStats {
  ran: number;
  failed: number;
}

export interface Scheduler {
  readonly owner: string;
  /** The handler for jobs named `name`. */
  handle(name: string, handler: JobHandler): void;
  /**
   * A recurring job: `handler` runs every `intervalMs`, first at `firstAt` (default now). Its key
   * is `every:<name>`; registering again after a restart keeps the stored schedule.
   */
  every(name: string, intervalMs: number, handler: JobHandler, firstAt?: Date): Promise<void>;
  /** Schedules one-off jobs; keys that exist are left alone. */
  schedule(jobs: NewJob[]): Promise<{ added: number; existing: number }>;
  cancel(key: string): Promise<boolean>;
  /** Claims and runs the jobs due now. Two ticks at once (here or elsewhere) share the work. */
  tick(): Promise<TickStats>;
  /** Ticks every `tickMs` until `stop`; a tick still running is not overlapped by the next. */
  start(): void;
  /** Stops ticking and waits for the running tick. */
  stop(): Promise<void>;
}

export const everyKey = (name: string) => `every:${name}`;

export function createScheduler(deps: SchedulerDeps): Scheduler {
  const log = deps.logger.child('scheduler');
  const owner = deps.owner ?? `scheduler-${randomUUID()}`;
  const leaseMs = deps.leaseMs ?? 5 * 60_000;
  const batch = deps.batch ?? 20;
  const maxAttempts = deps.maxAttempts ?? 5;
  const retryBase = deps.retryBaseMs ?? 30_000;
  const handlers = new Map<string, JobHandler>();
  const intervals = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;

  async function run(job: JobRecord, stats: TickStats): Promise<void> {
    const handler = handlers.get(job.name);
    const now = () => deps.clock.now();
    if (!handler) {
      // Another version of the bot may know it; leave it for later rather than lose it.
      await deps.jobs.retry(job.key, owner, new Date(now().getTime() + leaseMs), 'no-handler', now());
      log.warn({ key: job.key, name: job.name }, 'scheduler.noHandler');
      return;
    }
    const started = performance.now();
    const interval = job.key === everyKey(job.name) ? intervals.get(job.name) : undefined;
    /** Next slot of a recurring job on its grid (from its first run), skipping the ones missed while down or retrying. */
    const nextSlot = (every: number) => {
      const anchor = Date.parse(typeof job.payload?.anchor === 'string' ? job.payload.anchor : job.dueAt);
      return new Date(anchor + Math.max(1, Math.ceil((now().getTime() - anchor + 1) / every)) * every);
    };
    try {
      const result = await handler(job);
      if (result && 'retryAt' in result) {
        await deps.jobs.retry(job.key, owner, result.retryAt, 'deferred', now());
      } else if (interval !== undefined) {
        await deps.jobs.complete(job.key, owner, now(), nextSlot(interval));
      } else {
        await deps.jobs.complete(job.key, owner, now());
      }
      stats.ran++;
      log.debug({ key: job.key, name: job.name, ms: Math.round(performance.now() - started) }, 'scheduler.ran');
    } catch (err) {
      stats.failed++;
      const code = (err as Error).name || 'Error';
      if (job.attempts >= maxAttempts && interval !== undefined) {
        // A recurring job is never given up: skip to its next slot.
        await deps.jobs.complete(job.key, owner, now(), nextSlot(interval));
        log.error({ key: job.key, name: job.name, attempts: job.attempts, err: code }, 'scheduler.recurringFailed');
      } else if (job.attempts >= maxAttempts) {
        await deps.jobs.fail(job.key, owner, now(), code);
        log.error({ key: job.key, name: job.name, attempts: job.attempts, err: code }, 'scheduler.jobFailed');
      } else {
        const delay = Math.min(60 * 60_000, retryBase * 2 ** (job.attempts - 1));
        await deps.jobs.retry(job.key, owner, new Date(now().getTime() + delay), code, now());
        log.warn({ key: job.key, name: job.name, attempts: job.attempts, err: code }, 'scheduler.jobRetry');
      }
    }
  }

  const scheduler: Scheduler = {
    owner,
    handle(name, handler) {
      if (handlers.has(name)) throw new Error(`handler for «${name}» already registered`);
      handlers.set(name, handler);
    },
    async every(name, intervalMs, handler, firstAt) {
      if (!(intervalMs > 0)) throw new RangeError('intervalMs must be > 0');
      scheduler.handle(name, handler);
      intervals.set(name, intervalMs);
      const first = firstAt ?? deps.clock.now();
      await deps.jobs.schedule([{ key: everyKey(name), name, dueAt: first, payload: { anchor: first.toISOString() } }], deps.clock.now());
    },
    schedule: (jobs) => deps.jobs.schedule(jobs, deps.clock.now()),
    cancel: (key) => deps.jobs.cancel(key, deps.clock.now()),
    async tick() {
      const stats: TickStats = { ran: 0, failed: 0 };
      const jobs = await deps.jobs.claimDue(deps.clock.now(), batch, leaseMs, owner);
      for (const job of jobs) await run(job, stats);
      if (jobs.length) log.info({ claimed: jobs.length, ...stats }, 'scheduler.tick');
      return stats;
    },
    start() {
      if (timer) return;
      timer = setInterval(() => {
        if (running) return;
        running = scheduler
          .tick()
          .catch((err: unknown) => log.error({ err: (err as Error).name }, 'scheduler.tickFailed'))
          .finally(() => {
            running = undefined;
          });
      }, deps.tickMs ?? 5_000);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
  return scheduler;
}
