import type { SharedSendRate } from '../ports/delivery.js';
import type { Pool } from './pool.js';

/**
 * The shared send rate in PostgreSQL: one statement per slot, calling `send_rate_take`
 * (migrations/002-send-rate.ts), which locks the conversation's and the tenant's GCRA rows,
 * advances them on the database's clock and returns the wait. Every instance on the database
 * therefore draws from one budget, and a surviving instance takes all of it. Rows: one per
 * tenant and one per conversation ever sent to (bounded by the conversations the bot has).
 */
export function createPostgresSendRate(pool: Pool): SharedSendRate {
  return {
    async take({ tenantKey, conversationKey, intervalMs, toleranceMs, spacingMs }) {
      const { rows } = await pool.query<{ wait: number }>('SELECT send_rate_take($1, $2, $3, $4, $5) AS wait', [
        tenantKey,
        conversationKey ?? null,
        intervalMs,
        toleranceMs,
        spacingMs,
      ]);
      return Math.max(0, rows[0]!.wait);
    },
    async pause({ tenantKey, conversationKey, forMs, toleranceMs }) {
      await pool.query('SELECT send_rate_pause($1, $2, $3, $4)', [tenantKey, conversationKey ?? null, Math.max(0, forMs), toleranceMs]);
    },
  };
}
