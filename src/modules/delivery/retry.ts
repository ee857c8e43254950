/**
 * What to do when a proactive send fails, following Teams' guidance: 412, 429, 502 and 504 (and
 * 500/503, also transient) are retried with exponential backoff and full jitter, honouring
 * `Retry-After`; 403 means the person (or an admin) blocked the bot and 404 that the conversation
 * is gone (the app was uninstalled): neither is retried, and the conversation reference is
 * removed. Other 4xx are our fault (a bad card, say) and fail at once. Errors without a status
 * (network, timeout) are retried. Pure: the random source is injected.
 */
import type { OutboxError } from '../../storage/ports/delivery.js';

/** A failed send, as the sender adapter saw it: HTTP status, error code, parsed `Retry-After`. */
export interface SendFailure {
  status?: number;
  code?: string;
  retryAfterMs?: number;
}

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** The backoff before attempt 2 is at most this; it doubles per attempt. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A `Retry-After` longer than this is cut to it. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 1_000, maxDelayMs: 5 * 60_000, maxRetryAfterMs: 60 * 60_000 };

export const RETRY_STATUSES: ReadonlySet<number> = new Set([412, 429, 500, 502, 503, 504]);

export type SendDecision =
  | { action: 'retry'; delayMs: number; error: OutboxError }
  | { action: 'blocked'; error: OutboxError }
  | { action: 'not-installed'; error: OutboxError }
  | { action: 'failed'; error: OutboxError };

/** Full jitter: a random delay between 0 and `min(max, base · 2^(attempt−1))`. */
export function backoffDelayMs(attempt: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/**
 * `Retry-After` as milliseconds from `now`: delta-seconds («120») or an HTTP-date. Undefined when
 * absent or unreadable; 0 for a date in the past.
 */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/**
 * The decision for a failure of attempt number `attempt` (1 = the first). A retryable failure
 * on the last allowed attempt fails instead.
 */
export function classifySendFailure(failure: SendFailure, attempt: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY, random: () => number = Math.random): SendDecision {
  const error: OutboxError = {
    ...(failure.status !== undefined ? { status: failure.status } : {}),
    ...(failure.code !== undefined ? { code: failure.code } : {}),
  };
  const status = failure.status;
  if (status === 403) return { action: 'blocked', error };
  if (status === 404) return { action: 'not-installed', error };
  const retryable = status === undefined || RETRY_STATUSES.has(status);
  if (!retryable) return { action: 'failed', error };
  if (attempt >= policy.maxAttempts) return { action: 'failed', error: { ...error, code: error.code ?? 'max-attempts' } };
  // Honour Retry-After, with a little jitter on top so a crowd told «3 s» does not return at once.
  const delayMs =
    failure.retryAfterMs !== undefined
      ? Math.min(failure.retryAfterMs, policy.maxRetryAfterMs) + Math.floor(random() * policy.baseDelayMs)
      : backoffDelayMs(attempt, policy, random);
  return { action: 'retry', delayMs, error };
}
