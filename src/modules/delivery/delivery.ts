/**
 * The delivery module as the capabilities use it: register a renderer for your campaign kind,
 * `enqueue` items with idempotency keys, and the dispatcher sends them (rate-limited, retried,
 * crash-safe). Composed once in main.ts.
 */
import type { Logger } from '../../logging/logger.js';
import type { Clock } from '../../shared/dates.js';
import type { NewOutboxCampaign, NewOutboxItem, OutboxRepository, SharedSendRate } from '../../storage/ports/delivery.js';
import type { Store } from '../../storage/ports/store.js';
import type { OrgService } from '../org/org-service.js';
import { type ConversationRefs, createConversationRefs } from './conversation-refs.js';
import { createDispatcher, createMessageRenderers, type Dispatcher, type MessageRenderers, type ProactiveSender } from './dispatcher.js';
import { createRateLimiter, defaultBurst, type RateLimiter } from './rate-limiter.js';
import { DEFAULT_RETRY_POLICY } from './retry.js';

export interface Delivery {
  refs: ConversationRefs;
  outbox: OutboxRepository;
  renderers: MessageRenderers;
  dispatcher: Dispatcher;
  /** Adds the items whose key is new and wakes the dispatcher. */
  enqueue(campaign: NewOutboxCampaign, items: NewOutboxItem[]): Promise<{ added: number; existing: number }>;
}

/** Items in flight needed to keep `ratePerSecond` with a ~300 ms connector round trip (at least 4). */
export function defaultConcurrency(ratePerSecond: number): number {
  return Math.max(4, Math.ceil(ratePerSecond * 0.3));
}

/**
 * The rate limiter delivery uses: the store's shared one when it has one (PostgreSQL: the rate
 * is the tenant's total over all instances), else the in-process one (lowdb: one instance).
 */
export function createDeliveryRateLimiter(deps: {
  store: Pick<Store, 'sendRate'>;
  ratePerSecond: number;
  burst?: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  logger?: Logger;
}): RateLimiter {
  const options = { ratePerSecond: deps.ratePerSecond, burst: deps.burst, now: deps.now, sleep: deps.sleep };
  return deps.store.sendRate ? createSharedRateLimiter({ ...options, shared: deps.store.sendRate, logger: deps.logger }) : createRateLimiter(options);
}

/**
 * A {@link RateLimiter} over a {@link SharedSendRate}: the same rule as the in-process limiter
 * (tenant rate with a burst, one message per second to one conversation), kept in the store so
 * that several instances keep it together. Waits are computed on the store's clock and slept
 * here.
 */
export function createSharedRateLimiter(options: {
  shared: SharedSendRate;
  ratePerSecond: number;
  burst?: number;
  perConversationMs?: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  logger?: Logger;
}): RateLimiter {
  if (!(options.ratePerSecond > 0)) throw new RangeError('ratePerSecond must be > 0');
  const intervalMs = 1000 / options.ratePerSecond;
  const toleranceMs = (Math.max(1, Math.floor(options.burst ?? defaultBurst(options.ratePerSecond))) - 1) * intervalMs;
  const spacingMs = options.perConversationMs ?? 1000;
  const log = options.logger?.child('delivery');
  /** Pauses on their way to the store: a slot is taken only after they have landed. */
  const pausing = new Set<Promise<void>>();
  const limiter: RateLimiter = {
    async acquire(tenantId, conversationId) {
      if (pausing.size) await Promise.all(pausing);
      const wait = await options.shared.take({ tenantKey: `tenant:${tenantId}`, conversationKey: `conversation:${conversationId}`, intervalMs, toleranceMs, spacingMs });
      if (wait > 0) await options.sleep(wait);
    },
    pause(tenantId, untilMs, conversationId) {
      // The store keeps its own clock: give it the duration, not our time.
      const p = options.shared
        .pause({ tenantKey: `tenant:${tenantId}`, conversationKey: conversationId === undefined ? undefined : `conversation:${conversationId}`, forMs: untilMs - options.now(), toleranceMs })
        .catch((err: unknown) => log?.warn({ err: (err as Error).name }, 'delivery.pauseFailed'))
        .finally(() => pausing.delete(p));
      pausing.add(p);
    },
  };
  return limiter;
}

export function createDelivery(deps: {
  store: Pick<Store, 'conversationRefs' | 'outbox' | 'sendRate'>;
  org: Pick<OrgService, 'directory'>;
  sender: ProactiveSender;
  clock: Clock;
  logger: Logger;
  /** Messages per second per tenant (with a shared store: in total over all instances); default 30. */
  ratePerSecond?: number;
  /** Attempts per message; default 8. */
  maxAttempts?: number;
  /** Waits in real time; tests pass one that moves a fake clock. */
  sleep?: (ms: number) => Promise<void>;
  /**
   * Items worked on at once. Default: enough to keep the rate with a Teams round trip of about
   * 300 ms (rate × 0.3, at least 4: 9 at 30/s). Each POST on the wire is one a kill -9 can leave
   * ambiguous, so don't raise it beyond what the rate needs.
   */
  concurrency?: number;
  /** POSTs on the wire at once (bounds the duplicates a crash can cause); default `concurrency`. */
  maxInFlight?: number;
  /** Lease of a claimed item; default 2 min. */
  leaseMs?: number;
}): Delivery {
  const refs = createConversationRefs({ repo: deps.store.conversationRefs, clock: deps.clock, directory: () => deps.org.directory(), logger: deps.logger });
  const renderers = createMessageRenderers();
  const limiter = createDeliveryRateLimiter({
    store: deps.store,
    ratePerSecond: deps.ratePerSecond ?? 30,
    now: () => deps.clock.now().getTime(),
    sleep: deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    logger: deps.logger,
  });
  const dispatcher = createDispatcher({
    outbox: deps.store.outbox,
    refs,
    sender: deps.sender,
    renderers,
    limiter,
    clock: deps.clock,
    logger: deps.logger,
    retry: { ...DEFAULT_RETRY_POLICY, maxAttempts: deps.maxAttempts ?? DEFAULT_RETRY_POLICY.maxAttempts },
    concurrency: deps.concurrency ?? defaultConcurrency(deps.ratePerSecond ?? 30),
    maxInFlight: deps.maxInFlight,
    leaseMs: deps.leaseMs,
  });
  return {
    refs,
    outbox: deps.store.outbox,
    renderers,
    dispatcher,
    async enqueue(campaign, items) {
      const result = await deps.store.outbox.enqueue(campaign, items, deps.clock.now());
      if (result.added) dispatcher.kick();
      return result;
    },
  };
}
