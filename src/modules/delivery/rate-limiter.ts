/**
 * Keeps proactive sends under Teams' limits: a global rate per tenant (default 30 messages/s)
 * and at most one message per second to one conversation. Pure bookkeeping over an injected
 * clock and sleeper, so tests drive it with a fake clock and no real waiting.
 *
 * The global rate is a GCRA token bucket (a "virtual scheduling" bucket): each send reserves the
 * next free slot, `1000 / rate` ms after the previous one, with `burst` sends allowed back to
 * back. The burst is what keeps the long-run rate exact: slots missed while the event loop was
 * busy elsewhere (a GC pause, a slow disk) are caught up, up to `burst` of them, instead of being
 * lost; over any interval of t seconds at most `burst + rate · t` sends start, the token-bucket
 * definition of the limit (the bench's fake Bot Connector enforces the same definition with a
 * bucket of rate/10, so the default burst of rate/20 leaves half of it for network jitter).
 * A send that must wait for its conversation also holds the global slot it waits for, so
 * the rate is never exceeded (at the cost of a short head-of-line wait, rare in practice: a
 * broadcast goes to different conversations).
 */
export interface RateLimiterOptions {
  /** Messages per second per tenant. */
  ratePerSecond: number;
  /**
   * Sends allowed back to back before the rate applies (the bucket size); default 50 ms worth of
   * the rate, at least 1: 10 at 200/s, 1 (evenly spaced, ≤ 30 in any second) at 30/s.
   */
  burst?: number;
  /** Minimum spacing between two sends to one conversation; default 1000 ms. */
  perConversationMs?: number;
  /** Milliseconds since the epoch (the injected clock). */
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

/** What the dispatcher needs: in-process (this file) or shared by instances (delivery.ts). */
export interface RateLimiter {
  /** Reserves a slot and waits for it. */
  acquire(tenantId: string, conversationId: string): Promise<void>;
  /**
   * After a 429: no send in this tenant before `untilMs` (and, with a conversation, none to that
   * conversation either). Teams throttles per app and per conversation; slowing everyone down
   * for a moment is the safe answer.
   */
  pause(tenantId: string, untilMs: number, conversationId?: string): void;
}

const SWEEP_AT = 10_000;

/** 50 ms worth of sends at this rate, at least 1. */
export const defaultBurst = (ratePerSecond: number) => Math.max(1, Math.floor(ratePerSecond / 20));

/** The in-process limiter, which can also reserve without waiting. */
export interface LocalRateLimiter extends RateLimiter {
  /**
   * Reserves the next slot for one send and returns how many ms to wait for it. Reserving is
   * a promise to send then: the slot is not given back.
   */
  reserve(tenantId: string, conversationId: string): number;
}

export function createRateLimiter(options: RateLimiterOptions): LocalRateLimiter {
  if (!(options.ratePerSecond > 0)) throw new RangeError('ratePerSecond must be > 0');
  const interval = 1000 / options.ratePerSecond;
  const tolerance = (Math.max(1, Math.floor(options.burst ?? defaultBurst(options.ratePerSecond))) - 1) * interval;
  const spacing = options.perConversationMs ?? 1000;
  /** Per tenant: the theoretical arrival time of the next send (GCRA). */
  const tat = new Map<string, number>();
  /** Per conversation: the earliest time of its next send. */
  const conversationNext = new Map<string, number>();

  function sweep(now: number) {
    if (conversationNext.size < SWEEP_AT) return;
    for (const [k, t] of conversationNext) if (t <= now) conversationNext.delete(k);
  }

  const limiter: LocalRateLimiter = {
    reserve(tenantId, conversationId) {
      const now = options.now();
      const tenantTat = tat.get(tenantId) ?? now;
      const start = Math.max(now, tenantTat - tolerance, conversationNext.get(conversationId) ?? now);
      tat.set(tenantId, Math.max(tenantTat, start) + interval);
      sweep(now);
      conversationNext.set(conversationId, start + spacing);
      return start - now;
    },
    async acquire(tenantId, conversationId) {
      const wait = limiter.reserve(tenantId, conversationId);
      if (wait > 0) await options.sleep(wait);
    },
    pause(tenantId, untilMs, conversationId) {
      // The next slot starts at `untilMs` (not `untilMs + tolerance`): no burst right after a 429.
      tat.set(tenantId, Math.max(tat.get(tenantId) ?? 0, untilMs + tolerance));
      if (conversationId !== undefined) conversationNext.set(conversationId, Math.max(conversationNext.get(conversationId) ?? 0, untilMs));
    },
  };
  return limiter;
}
