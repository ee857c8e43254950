import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../../src/modules/delivery/rate-limiter.js';

/** A fake clock whose sleep moves time forward instead of waiting. */
function fakeTime(start = 1_000_000) {
  let t = start;
  return { now: () => t, sleep: async (ms: number) => void (t += ms), set: (v: number) => void (t = v) };
}

/** The most starts in any window of `windowMs` (starts sorted). */
function maxInWindow(starts: number[], windowMs: number): number {
  let best = 0;
  for (let i = 0, j = 0; i < starts.length; i++) {
    while (starts[i]! - starts[j]! >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe('rate limiter', () => {
  it('When 300 messages go to 300 people at 30/s, then no second holds more than 30 sends and all go out in about 10 s', async () => {
    const time = fakeTime();
    const limiter = createRateLimiter({ ratePerSecond: 30, now: time.now, sleep: time.sleep });
    const t0 = time.now();
    const starts: number[] = [];
    for (let i = 0; i < 300; i++) {
      await limiter.acquire('tenant', `conv-${i}`);
      starts.push(time.now());
    }
    expect(maxInWindow(starts, 1000)).toBeLessThanOrEqual(30);
    expect(starts.at(-1)! - t0).toBeGreaterThanOrEqual(9_900);
    expect(starts.at(-1)! - t0).toBeLessThan(10_100);
  });

  it('When the rate is configured to 5/s, then sends are spaced 200 ms apart', () => {
    const time = fakeTime();
    const limiter = createRateLimiter({ ratePerSecond: 5, now: time.now, sleep: time.sleep });
    expect([0, 1, 2, 3].map((i) => limiter.reserve('t', `c${i}`))).toEqual([0, 200, 400, 600]);
  });

  it('When three messages go to the same conversation, then they are at least one second apart', async () => {
    const time = fakeTime();
    const limiter = createRateLimiter({ ratePerSecond: 30, now: time.now, sleep: time.sleep });
    const starts: number[] = [];
    for (let i = 0; i < 3; i++) {
      await limiter.acquire('tenant', 'same-conversation');
      starts.push(time.now());
    }
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(1000);
    expect(starts[2]! - starts[1]!).toBeGreaterThanOrEqual(1000);
  });

  it('When one conversation waits, then other conversations keep within the global rate and are not starved', () => {
    const time = fakeTime();
    const limiter = createRateLimiter({ ratePerSecond: 10, now: time.now, sleep: time.sleep });
    expect(limiter.reserve('t', 'a')).toBe(0);
    expect(limiter.reserve('t', 'a')).toBe(1000);
    // The global slot behind the waiting send: after it, one interval later.
    expect(limiter.reserve('t', 'b')).toBe(1100);
  });

  it('When two tenants send, then each has its own rate', () => {
    const time = fakeTime();
    const limiter = createRateLimiter({ ratePerSecond: 1, now: time.now, sleep: time.sleep });
    expect(limiter.reserve('t1', 'c1')).toBe(0);
    expect(limiter.reserve('t2', 'c2')).toBe(0);
    expect(limiter.reserve('t1', 'c3')).toBe(1000);
  });

  it('When Teams answers 429, then pausing holds every send of the tenant until the pause is over', () => {
    const time = fakeTime();
    const limiter = createRateLimiter({ ratePerSecond: 30, now: time.now, sleep: time.sleep });
    limiter.pause('t', time.now() + 5_000, 'c1');
    expect(limiter.reserve('t', 'c2')).toBe(5_000);
    expect(limiter.reserve('t', 'c1')).toBeGreaterThanOrEqual(5_000);
    // Time passes: the bucket is full again, not in debt.
    time.set(time.now() + 60_000);
    expect(limiter.reserve('t', 'c3')).toBe(0);
  });

  it('When the event loop is late now and then at 200/s, then missed slots are caught up (the long-run rate holds) and no interval of t seconds gets more than 10 + 200·t sends', async () => {
    const time = fakeTime();
    const limiter = createRateLimiter({ ratePerSecond: 200, now: time.now, sleep: time.sleep });
    const t0 = time.now();
    const starts: number[] = [];
    // One sender; every 50th send the process is busy elsewhere for 40 ms before it asks again.
    for (let i = 0; starts.length < 2_000; i++) {
      if (i % 50 === 49) time.set(time.now() + 40);
      await limiter.acquire('tenant', `conv-${i}`);
      starts.push(time.now());
    }
    // Evenly spaced 2,000 sends take 10 s; lost slots (8 per hiccup, 40 hiccups) would add 1.6 s.
    expect(starts.at(-1)! - t0).toBeLessThan(10_050);
    for (const windowMs of [1, 5, 50, 100, 1000]) {
      expect(maxInWindow(starts, windowMs), `${windowMs} ms`).toBeLessThanOrEqual(10 + (200 * windowMs) / 1000);
    }
  });

  it('When a burst is allowed, then that many go at once and the rate applies after', () => {
    const time = fakeTime();
    const limiter = createRateLimiter({ ratePerSecond: 10, burst: 3, now: time.now, sleep: time.sleep });
    expect([0, 1, 2, 3, 4].map((i) => limiter.reserve('t', `c${i}`))).toEqual([0, 0, 0, 100, 200]);
  });
});
