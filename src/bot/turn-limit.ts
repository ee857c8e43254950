import type { Clock } from '../shared/dates.js';

const WINDOW_MS = 60_000;

/** What the limiter decided for one turn. */
export type TurnDecision = 'allow' | 'refuse' | 'refuseQuietly';

/**
 * Turns per person per minute (a sliding window). Over the limit the first refused turn in a
 * window gets a «vent litt» and the rest are dropped without a reply, so a script hammering the
 * bot does not make it send one message per request either. Only turns a person starts pass
 * here; proactive messages (broadcasts, reminders) go out through the outbox and never count.
 */
export interface TurnLimiter {
  check(userId: string): TurnDecision;
}

export function createTurnLimiter(opts: { perMinute: number; clock: Clock }): TurnLimiter {
  const recent = new Map<string, { turns: number[]; told: boolean }>();
  let lastSweep = 0;
  return {
    check(userId) {
      if (opts.perMinute <= 0) return 'allow';
      const now = opts.clock.now().getTime();
      const since = now - WINDOW_MS;
      // Forget people who have been quiet for a minute (bounded memory without a timer).
      if (now - lastSweep > WINDOW_MS) {
        for (const [k, v] of recent) if (!v.turns.length || v.turns[v.turns.length - 1]! <= since) recent.delete(k);
        lastSweep = now;
      }
      const entry = recent.get(userId) ?? { turns: [], told: false };
      recent.set(userId, entry);
      while (entry.turns.length && entry.turns[0]! <= since) entry.turns.shift();
      if (entry.turns.length < opts.perMinute) {
        entry.turns.push(now);
        entry.told = false;
        return 'allow';
      }
      if (entry.told) return 'refuseQuietly';
      entry.told = true;
      return 'refuse';
    },
  };
}

export const TURN_LIMIT_TEXT = 'Du sender meg mange meldinger nå. Vent et minutt, så svarer jeg igjen.';
