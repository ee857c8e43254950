import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logging/logger.js';
import { fixedClock } from '../../src/shared/dates.js';
import { createScheduler, everyKey } from '../../src/scheduler/scheduler.js';
import { MEMORY } from '../../src/storage/lowdb/json-document.js';
import { openLowdbJobRepository } from '../../src/storage/lowdb/job-repository.js';
import type { JobRecord } from '../../src/storage/ports/jobs.js';

const T0 = '2026-11-23T08:00:00Z';
const reminderKey = (employeeId: string) => `reminder:medarbeidersamtale-2026:2026-12-01:${employeeId}:-7d`;

describe('scheduler', () => {
  it('When two runners tick at the same moment, then a due reminder runs once', async () => {
    const jobs = await openLowdbJobRepository(MEMORY);
    const clock = fixedClock(T0);
    const ran: string[] = [];
    const runners = [0, 1].map(() => {
      const s = createScheduler({ jobs, clock, logger: silentLogger });
      s.handle('reminder', async (job) => {
        await new Promise((r) => setTimeout(r, 5));
        ran.push(job.key);
      });
      return s;
    });
    await runners[0]!.schedule(['1003', '1004', '1006'].map((id) => ({ key: reminderKey(id), name: 'reminder', dueAt: new Date(T0) })));
    const stats = await Promise.all([runners[0]!.tick(), runners[1]!.tick(), runners[0]!.tick(), runners[1]!.tick()]);
    expect(ran.sort()).toEqual(['1003', '1004', '1006'].map(reminderKey).sort());
    expect(stats.reduce((n, s) => n + s.ran, 0)).toBe(3);
    expect((await jobs.get(reminderKey('1003')))!.status).toBe('done');
    // Later ticks, and scheduling the same reminder again, do not run it again.
    expect(await runners[1]!.schedule([{ key: reminderKey('1003'), name: 'reminder', dueAt: new Date(T0) }])).toEqual({ added: 0, existing: 1 });
    clock.advance(86_400_000);
    await Promise.all(runners.map((r) => r.tick()));
    expect(ran).toHaveLength(3);
  });

  it('When a reminder is not due yet, then it waits for its time (UTC)', async () => {
    const jobs = await openLowdbJobRepository(MEMORY);
    const clock = fixedClock(T0);
    const scheduler = createScheduler({ jobs, clock, logger: silentLogger });
    const ran: string[] = [];
    scheduler.handle('reminder', async (job) => void ran.push(job.key));
    await scheduler.schedule([{ key: 'r1', name: 'reminder', dueAt: new Date('2026-11-24T07:00:00Z') }]);
    await scheduler.tick();
    expect(ran).toEqual([]);
    clock.set('2026-11-24T07:00:00Z');
    await scheduler.tick();
    expect(ran).toEqual(['r1']);
  });

  it('When the process dies while a job runs, then after a restart the job runs again once its lease is over', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kbot-jobs-')), 'data.json');
    const clock = fixedClock(T0);
    const before = await openLowdbJobRepository(file);
    await before.schedule([{ key: 'r1', name: 'reminder', dueAt: new Date(T0) }], clock.now());
    // The dying runner claimed it and never finished.
    expect(await before.claimDue(clock.now(), 10, 60_000, 'dead')).toHaveLength(1);

    const jobs = await openLowdbJobRepository(file);
    const ran: JobRecord[] = [];
    const scheduler = createScheduler({ jobs, clock, logger: silentLogger, leaseMs: 60_000 });
    scheduler.handle('reminder', async (job) => void ran.push(job));
    await scheduler.tick();
    expect(ran).toHaveLength(0);
    clock.advance(60_001);
    await scheduler.tick();
    expect(ran.map((j) => [j.key, j.attempts])).toEqual([['r1', 2]]);
    expect((await jobs.get('r1'))!.status).toBe('done');
  });

  it('When a recurring job is registered, then it runs every interval, keeps its schedule across a restart and skips the slots missed while down', async () => {
    const jobs = await openLowdbJobRepository(MEMORY);
    const clock = fixedClock(T0);
    const runs: string[] = [];
    const first = createScheduler({ jobs, clock, logger: silentLogger });
    await first.every('arshjul.plan', 60_000, async () => void runs.push(clock.now().toISOString()));
    await first.tick();
    clock.advance(30_000);
    await first.tick();
    clock.advance(30_000);
    await first.tick();
    expect(runs).toEqual(['2026-11-23T08:00:00.000Z', '2026-11-23T08:01:00.000Z']);

    // Restart after five minutes down: registering again keeps the stored schedule; one catch-up run, then on the grid.
    const second = createScheduler({ jobs, clock, logger: silentLogger });
    await second.every('arshjul.plan', 60_000, async () => void runs.push(clock.now().toISOString()));
    clock.advance(5 * 60_000 + 10_000);
    await second.tick();
    await second.tick();
    expect(runs).toHaveLength(3);
    expect((await jobs.get(everyKey('arshjul.plan')))!.dueAt).toBe('2026-11-23T08:07:00.000Z');
  });

  it('When a job fails, then it is retried with backoff and given up after the allowed attempts', async () => {
    const jobs = await openLowdbJobRepository(MEMORY);
    const clock = fixedClock(T0);
    const scheduler = createScheduler({ jobs, clock, logger: silentLogger, maxAttempts: 3, retryBaseMs: 1_000 });
    let calls = 0;
    scheduler.handle('flaky', async () => {
      calls++;
      throw new TypeError('boom');
    });
    await scheduler.schedule([{ key: 'f1', name: 'flaky', dueAt: new Date(T0) }]);
    await scheduler.tick();
    expect(await jobs.get('f1')).toMatchObject({ status: 'pending', lastError: 'TypeError', dueAt: '2026-11-23T08:00:01.000Z' });
    clock.advance(1_000);
    await scheduler.tick();
    clock.advance(2_000);
    await scheduler.tick();
    clock.advance(60_000);
    await scheduler.tick();
    expect(calls).toBe(3);
    expect(await jobs.get('f1')).toMatchObject({ status: 'failed', attempts: 3 });
  });

  it('When a job is cancelled before it is due, then it never runs', async () => {
    const jobs = await openLowdbJobRepository(MEMORY);
    const clock = fixedClock(T0);
    const scheduler = createScheduler({ jobs, clock, logger: silentLogger });
    let calls = 0;
    scheduler.handle('reminder', async () => void calls++);
    await scheduler.schedule([{ key: 'r1', name: 'reminder', dueAt: new Date('2026-11-24T07:00:00Z') }]);
    expect(await scheduler.cancel('r1')).toBe(true);
    clock.set('2026-12-01T00:00:00Z');
    await scheduler.tick();
    expect(calls).toBe(0);
    expect((await jobs.get('r1'))!.status).toBe('cancelled');
  });

  it('When started, then it ticks on its own and stop waits for the running tick', async () => {
    const jobs = await openLowdbJobRepository(MEMORY);
    const clock = fixedClock(T0);
    const scheduler = createScheduler({ jobs, clock, logger: silentLogger, tickMs: 10 });
    let calls = 0;
    scheduler.handle('reminder', async () => void calls++);
    await scheduler.schedule([{ key: 'r1', name: 'reminder', dueAt: new Date(T0) }]);
    scheduler.start();
    await new Promise((r) => setTimeout(r, 100));
    await scheduler.stop();
    expect(calls).toBe(1);
  });
});

describe('scheduler: recurring jobs that fail', () => {
  it('When a recurring job keeps failing, then it is not given up but moves on to its next slot', async () => {
    const jobs = await openLowdbJobRepository(MEMORY);
    const clock = fixedClock(T0);
    const scheduler = createScheduler({ jobs, clock, logger: silentLogger, maxAttempts: 2, retryBaseMs: 1_000 });
    let calls = 0;
    await scheduler.every('plan', 60 * 60_000, async () => {
      calls++;
      throw new Error('down');
    });
    await scheduler.tick();
    clock.advance(1_000);
    await scheduler.tick();
    expect(calls).toBe(2);
    expect(await jobs.get(everyKey('plan'))).toMatchObject({ status: 'pending', attempts: 0, dueAt: '2026-11-23T09:00:00.000Z' });
    clock.set('2026-11-23T09:00:00Z');
    await scheduler.tick();
    expect(calls).toBe(3);
  });
});
