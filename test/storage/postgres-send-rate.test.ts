import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logging/logger.js';
import { createSharedRateLimiter } from '../../src/modules/delivery/delivery.js';
import type { SharedSendRate } from '../../src/storage/ports/delivery.js';
import type { Store } from '../../src/storage/ports/store.js';
import { findTestPostgres, freshSchemas } from '../helpers/postgres.js';

const found = await findTestPostgres();

if ('fail' in found) {
  describe('PostgreSQL send rate', () => {
    it('needs a reachable PostgreSQL (TEST_DATABASE_URL)', () => {
      throw new Error(found.fail);
    });
  });
} else if ('skip' in found) {
  describe.skip(`PostgreSQL send rate (hoppet over: ${found.skip})`, () => {
    it('shares one send rate between instances', () => undefined);
  });
} else {
  const { url } = found;
  const schemas = freshSchemas(url);

  /** Two bot instances: two stores (two pools) on one schema. */
  async function twoInstances(): Promise<{ schema: string; a: Store; b: Store; close: () => Promise<void> }> {
    const schema = schemas.next();
    const a = await schemas.open(schema);
    const b = await schemas.open(schema);
    return { schema, a, b, close: async () => void (await Promise.all([a.close(), b.close()])) };
  }

  /** The GCRA rows as the database holds them: key → tat in ms since the epoch (the database's clock). */
  async function rows(schema: string): Promise<Map<string, number>> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ key: string; ms: string }>(`SELECT key, (extract(epoch FROM tat) * 1000)::text AS ms FROM ${schema}.send_rate`);
      return new Map(rows.map((r) => [r.key, Number(r.ms)]));
    } finally {
      await client.end();
    }
  }

  const RATE = 50;
  const BURST = 4;
  const INTERVAL = 1000 / RATE;
  const slot = (conversation: string) => ({ tenantKey: 'tenant:t1', conversationKey: `conversation:${conversation}`, intervalMs: INTERVAL, toleranceMs: (BURST - 1) * INTERVAL, spacingMs: 1000 });

  describe('PostgreSQL send rate shared by instances', () => {
    it('When two instances take slots at once, then no window holds more than rate × window + burst, and together they fill the rate exactly', async () => {
      const { schema, a, b, close } = await twoInstances();
      const N = 200;
      const granted = { a: 0, b: 0 };
      let next = 0;
      // Four callers per instance take slots as fast as they can (nobody sleeps: the slots queue up ahead).
      const caller = async (name: 'a' | 'b', rate: SharedSendRate) => {
        while (next < N) {
          const i = next++;
          await rate.take(slot(`c${i}`));
          granted[name]++;
        }
      };
      await Promise.all([...Array.from({ length: 4 }, () => caller('a', a.sendRate!)), ...Array.from({ length: 4 }, () => caller('b', b.sendRate!))]);
      expect(granted.a + granted.b).toBe(N);
      expect(granted.a).toBeGreaterThan(0);
      expect(granted.b).toBeGreaterThan(0);

      // Each conversation row holds its slot's start + 1 s on the database's clock: the exact slot times.
      const db = await rows(schema);
      const starts = [...db].filter(([k]) => k.startsWith('conversation:')).map(([, tat]) => tat - 1000).sort((x, y) => x - y);
      expect(starts).toHaveLength(N);
      let worst = 0;
      for (let i = 0; i < N; i++) {
        for (let j = i; j < N; j++) {
          const allowed = (RATE * (starts[j]! - starts[i]!)) / 1000 + BURST;
          worst = Math.max(worst, j - i + 1 - allowed);
        }
      }
      // ≤ 0 up to the microsecond rounding of timestamptz.
      expect(worst).toBeLessThanOrEqual(0.01);
      // Together at the full rate: once the callers are ahead (after the pools' first connections), one slot per interval with no gap …
      expect(starts[N - 1]! - starts[N / 2]!).toBeCloseTo((N / 2 - 1) * INTERVAL, 0);
      // … and the whole run no longer than the rate needs, but for the first connections.
      expect(starts[N - 1]! - starts[0]!).toBeLessThan((N - BURST) * INTERVAL + 250);
      // The tenant's row: the next slot would start one interval after the last (tat − tolerance).
      expect(db.get('tenant:t1')! - (BURST - 1) * INTERVAL - starts[N - 1]!).toBeCloseTo(INTERVAL, 0);
      await close();
    });

    it('When two instances send through the shared limiter, then they wait for their slots and take no longer than the rate needs', async () => {
      const { a, b, close } = await twoInstances();
      const N = 40;
      const limiters = [a, b].map((s) =>
        createSharedRateLimiter({ shared: s.sendRate!, ratePerSecond: RATE, burst: BURST, now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)), logger: silentLogger }),
      );
      let next = 0;
      const started = performance.now();
      await Promise.all(
        limiters.flatMap((limiter) =>
          Array.from({ length: 3 }, async () => {
            while (next < N) await limiter.acquire('t1', `c${next++}`);
          }),
        ),
      );
      const elapsed = performance.now() - started;
      // Never faster than the rate allows (a few ms for timer rounding) …
      expect(elapsed).toBeGreaterThanOrEqual((N - BURST) * INTERVAL - 15);
      // … and, with a generous margin for a busy machine, not stuck either.
      expect(elapsed).toBeLessThan((N - BURST) * INTERVAL * 5 + 2000);
      await close();
    });

    it('When two instances send to one conversation, then the second waits a second after the first', async () => {
      const { schema, a, b, close } = await twoInstances();
      expect(await a.sendRate!.take(slot('same'))).toBe(0);
      const first = (await rows(schema)).get('conversation:same')!;
      await b.sendRate!.take(slot('same'));
      const second = (await rows(schema)).get('conversation:same')!;
      expect(second - first).toBeCloseTo(1000, 0);
      // Another conversation is not held up by it.
      expect(await b.sendRate!.take(slot('other'))).toBeLessThan(1000);
      await close();
    });

    it('When one instance is told to pause after a 429, then the other gets no slot before the pause ends', async () => {
      const { a, b, close } = await twoInstances();
      await a.sendRate!.pause({ tenantKey: 'tenant:t1', forMs: 2000, toleranceMs: (BURST - 1) * INTERVAL });
      const wait = await b.sendRate!.take(slot('c1'));
      expect(wait).toBeGreaterThan(1500);
      expect(wait).toBeLessThanOrEqual(2000);
      // Another tenant is not paused.
      expect(await b.sendRate!.take({ ...slot('c2'), tenantKey: 'tenant:t2' })).toBe(0);
      await close();
    });
  });
}
