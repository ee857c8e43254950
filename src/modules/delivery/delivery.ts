/**
 * The delivery module as the capabilities use it: register a renderer for your campaign kind,
 * `enqueue` items with idempotency keys, and the dispatcher sends them (rate-limited, retried,
 * crash-safe). Composed once in main.ts.
 */
import type { Logger } from '../../logging/logger.js';
import type { Clock } from '../../scheduler/clock.js';
import type { NewOutboxCampaign, NewOutboxItem, OutboxRepository, Store } from '../../storage/ports.js';
import type { OrgService } from '../org/org-service.js';
import { type ConversationRefs, createConversationRefs } from './conversation-refs.js';
import { createDispatcher, createMessageRenderers, type Dispatcher, type MessageRenderers, type ProactiveSender } from './dispatcher.js';
import { createRateLimiter } from './rate-limiter.js';
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

export function createDelivery(deps: {
  store: Pick<Store, 'conversationRefs' | 'outbox'>;
  org: Pick<OrgService, 'directory'>;
  sender: ProactiveSender;
  clock: Clock;
  logger: Logger;
  /** Messages per second per tenant; default 30. */
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
  const limiter = createRateLimiter({
    ratePerSecond: deps.ratePerSecond ?? 30,
    now: () => deps.clock.now().getTime(),
    sleep: deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
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
