import { describe, expect, it } from 'vitest';
import { backoffDelayMs, classifySendFailure, DEFAULT_RETRY_POLICY, parseRetryAfter, type RetryPolicy } from '../../../src/modules/delivery/retry.js';

const policy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 60_000, maxRetryAfterMs: 3_600_000 };
const now = new Date('2026-11-23T10:00:00Z');

describe('send retry classification', () => {
  it.each([412, 429, 502, 504])('When Teams answers %i, then the message is retried', (status) => {
    expect(classifySendFailure({ status }, 1, policy, () => 0.5).action).toBe('retry');
  });

  it('When Teams answers 403, then the message is blocked and not retried', () => {
    expect(classifySendFailure({ status: 403, code: 'ConversationBlockedByUser' }, 1, policy)).toEqual({
      action: 'blocked',
      error: { status: 403, code: 'ConversationBlockedByUser' },
    });
  });

  it('When Teams answers 404, then the bot is not installed and the message is not retried', () => {
    expect(classifySendFailure({ status: 404 }, 1, policy).action).toBe('not-installed');
  });

  it.each([400, 401, 413])('When Teams answers %i, then the message fails at once', (status) => {
    expect(classifySendFailure({ status }, 1, policy).action).toBe('failed');
  });

  it('When the network fails (no status), then the message is retried', () => {
    expect(classifySendFailure({ code: 'ECONNREFUSED' }, 1, policy, () => 0.5)).toMatchObject({ action: 'retry', error: { code: 'ECONNREFUSED' } });
  });

  it('When the last allowed attempt fails with 429, then the message is marked failed', () => {
    expect(classifySendFailure({ status: 429 }, 5, policy).action).toBe('failed');
    expect(classifySendFailure({ status: 429 }, 4, policy).action).toBe('retry');
  });

  it('When backing off, then the delay is full jitter under a doubling ceiling, capped at the maximum', () => {
    expect(backoffDelayMs(1, policy, () => 0.999)).toBeLessThan(1_000);
    expect(backoffDelayMs(3, policy, () => 0.999)).toBeLessThan(4_000);
    expect(backoffDelayMs(3, policy, () => 0.999)).toBeGreaterThan(3_900);
    expect(backoffDelayMs(20, policy, () => 0.999)).toBeLessThan(60_000);
    expect(backoffDelayMs(20, policy, () => 0)).toBe(0);
    for (let attempt = 1; attempt < 10; attempt++) {
      for (let i = 0; i < 50; i++) {
        const d = backoffDelayMs(attempt, DEFAULT_RETRY_POLICY);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(Math.min(DEFAULT_RETRY_POLICY.maxDelayMs, DEFAULT_RETRY_POLICY.baseDelayMs * 2 ** (attempt - 1)));
      }
    }
  });

  it('When Teams says Retry-After, then the retry waits at least that long and at most a little more', () => {
    for (const r of [0, 0.5, 0.999]) {
      const d = classifySendFailure({ status: 429, retryAfterMs: 7_000 }, 1, policy, () => r);
      expect(d.action).toBe('retry');
      const delay = (d as { delayMs: number }).delayMs;
      expect(delay).toBeGreaterThanOrEqual(7_000);
      expect(delay).toBeLessThan(7_000 + policy.baseDelayMs);
    }
  });

  it('When Retry-After is absurdly long, then it is cut to the configured maximum', () => {
    const d = classifySendFailure({ status: 429, retryAfterMs: 10 * 86_400_000 }, 1, policy, () => 0) as { delayMs: number };
    expect(d.delayMs).toBe(policy.maxRetryAfterMs);
  });

  it('When Retry-After is given in seconds or as an HTTP date, then both are read', () => {
    expect(parseRetryAfter('3', now)).toBe(3_000);
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 10:00:05 GMT', now)).toBe(5_000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('snart', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
