/**
 * The send loop: claim due outbox items → wait for the rate limiter → send through the
 * {@link ProactiveSender} → mark the outcome. A bounded number of workers run at once; each
 * records an item's outcome on disk before it takes the next. Everything it needs is in the
 * outbox, so after a restart it simply carries on. See outbox.ts for the crash-safety argument.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../logging/logger.js';
import type { Clock } from '../../shared/dates.js';
import type { ConversationRefRecord, OutboxCampaignRecord, OutboxItemRecord, OutboxRepository } from '../../storage/ports/delivery.js';
import type { ConversationRefs } from './conversation-refs.js';
import { type MessageRenderers, type OutboundMessage, type ProactiveSender, SendError } from './messages.js';
import type { RateLimiter } from './rate-limiter.js';
import { classifySendFailure, DEFAULT_RETRY_POLICY, type RetryPolicy, type SendFailure } from './retry.js';

// Messages, renderers and the sender port live in messages.ts; re-exported for the callers that name them with the dispatcher.
export { createMessageRenderers, SendError } from './messages.js';
export type { MessageRenderers, OutboundMessage, ProactiveSender } from './messages.js';

export interface DispatcherDeps {
  outbox: OutboxRepository;
  refs: Pick<ConversationRefs, 'resolve' | 'removeUnreachable'>;
  sender: ProactiveSender;
  renderers: MessageRenderers;
  limiter: RateLimiter;
  clock: Clock;
  logger: Logger;
  retry?: RetryPolicy;
  /** Items worked on at once (rendering, waiting for a slot, sending); default 4. */
  concurrency?: number;
  /**
   * POSTs on the wire at once, at most; default `concurrency`. Each one a `kill -9` can leave
   * answered by Teams but not yet recorded (and so sent again after a restart), so this bounds
   * the duplicates a crash can cause. It must cover rate × round trip, or it caps the rate.
   */
  maxInFlight?: number;
  /** How long a claimed item is ours; must exceed the longest send (timeout included). Default 2 min. */
  leaseMs?: number;
  /** Don't start a send when less than this is left of the lease; default 45 s. */
  leaseMarginMs?: number;
  /** Poll interval when nothing is due (new items also wake the loop via `kick`); default 1 s. */
  idleMs?: number;
  /** Identifies this dispatcher in leases; default a random id. */
  owner?: string;
  random?: () => number;
}

export interface DrainStats {
  sent: number;
  retried: number;
  failed: number;
  blocked: number;
  notInstalled: number;
  /** Claimed but given back unsent (stopping, or the lease ran short). */
  released: number;
}

export interface Dispatcher {
  readonly owner: string;
  /** Sends everything due now (and what becomes due while it runs); resolves when nothing is. */
  drain(): Promise<DrainStats>;
  /** Runs `drain` in the background until `stop`, polling every `idleMs`. */
  start(): void;
  /** Wakes the background loop (call after enqueuing). */
  kick(): void;
  /** Stops claiming, lets sends in flight finish and be marked, gives back what was not started. */
  stop(): Promise<void>;
}

const emptyStats = (): DrainStats => ({ sent: 0, retried: 0, failed: 0, blocked: 0, notInstalled: 0, released: 0 });

/** A counting semaphore: `take` waits for one of `n` permits, first come first served. */
function createPermits(n: number) {
  let free = n;
  const waiting: (() => void)[] = [];
  return {
    take(): Promise<void> {
      if (free > 0) {
        free--;
        return Promise.resolve();
      }
      return new Promise((resolve) => waiting.push(resolve));
    },
    give(): void {
      const next = waiting.shift();
      if (next) next();
      else free++;
    },
  };
}

export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const log = deps.logger.child('delivery');
  const owner = deps.owner ?? `dispatcher-${randomUUID()}`;
  const concurrency = Math.max(1, deps.concurrency ?? 4);
  const inFlight = createPermits(Math.max(1, Math.min(concurrency, deps.maxInFlight ?? concurrency)));
  const leaseMs = deps.leaseMs ?? 120_000;
  const leaseMargin = deps.leaseMarginMs ?? 45_000;
  const policy = deps.retry ?? DEFAULT_RETRY_POLICY;
  const random = deps.random ?? Math.random;
  const now = () => deps.clock.now();

  let stopping = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  let kicked = false;

  /**
   * Campaigns never change once created (the first enqueue wins), so one read serves every item
   * of a broadcast instead of one store round trip per recipient. Kept small: the last few only.
   */
  const campaigns = new Map<string, Promise<OutboxCampaignRecord | undefined>>();
  function campaignOf(id: string): Promise<OutboxCampaignRecord | undefined> {
    let found = campaigns.get(id);
    if (!found) {
      if (campaigns.size >= 32) campaigns.clear();
      found = deps.outbox.getCampaign(id);
      // A campaign not (yet) there is asked for again next time.
      void found.then((c) => c === undefined && campaigns.get(id) === found && campaigns.delete(id), () => campaigns.delete(id));
      campaigns.set(id, found);
    }
    return found;
  }

  async function process(item: OutboxItemRecord, stats: DrainStats): Promise<void> {
    const ids = { key: item.key, campaignId: item.campaignId, attempt: item.attempts };
    const ref = await deps.refs.resolve(item.recipient);
    if (!ref) {
      await deps.outbox.markNotInstalled(item.key, owner, now(), { code: 'no-conversation-reference' });
      stats.notInstalled++;
      log.debug(ids, 'delivery.notInstalled');
      return;
    }
    const campaign = await campaignOf(item.campaignId);
    const renderer = campaign && deps.renderers.get(campaign.kind);
    let message: OutboundMessage | null;
    try {
      if (!campaign || !renderer) throw new Error('no renderer');
      message = await renderer(item, campaign);
    } catch (err) {
      await deps.outbox.markFailed(item.key, owner, now(), { code: campaign && renderer ? 'render-failed' : 'no-renderer' });
      stats.failed++;
      log.error({ ...ids, kind: campaign?.kind, err: (err as Error).name }, 'delivery.renderFailed');
      return;
    }
    if (message === null) {
      await deps.outbox.markAcknowledged(item.key, now());
      log.debug({ ...ids, kind: campaign?.kind }, 'delivery.skipped');
      return;
    }

    // The slot first, then the permit: waiting for a slot (a database round trip with a shared
    // limiter) is not part of the window a kill -9 can leave ambiguous, only the POST is.
    await deps.limiter.acquire(ref.tenantId ?? '', ref.conversationId);
    await inFlight.take();
    try {
      // Stopping, or so late that the lease could run out mid-send (someone else may take it then): give it back.
      if (stopping || now().getTime() > Date.parse(item.leaseUntil ?? '') - leaseMargin) {
        await deps.outbox.release(item.key, owner, now());
        stats.released++;
        return;
      }
      await sendAndRecord(item, ref, message, stats);
    } finally {
      inFlight.give();
    }
  }

  /** POSTs the message and records the outcome; the outcome is on disk when this resolves. */
  async function sendAndRecord(item: OutboxItemRecord, ref: ConversationRefRecord, message: OutboundMessage, stats: DrainStats): Promise<void> {
    const ids = { key: item.key, campaignId: item.campaignId, attempt: item.attempts };
    try {
      const { activityId } = await deps.sender.send(ref, message);
      await deps.outbox.markSent(item.key, owner, now(), activityId);
      stats.sent++;
      log.debug(ids, 'delivery.sent');
      return;
    } catch (err) {
      const failure: SendFailure = err instanceof SendError ? err.failure : { code: (err as Error).name || 'error' };
      const decision = classifySendFailure(failure, item.attempts, policy, random);
      const at = now();
      switch (decision.action) {
        case 'retry': {
          const nextAt = new Date(at.getTime() + decision.delayMs);
          // Everyone waits as long as Teams asked (Retry-After, else this item's backoff); the
          // jitter on top is this item's own, so a crowd told «1 s» does not return at once.
          if (failure.status === 429) {
            const pauseMs = failure.retryAfterMs !== undefined ? Math.min(failure.retryAfterMs, policy.maxRetryAfterMs) : decision.delayMs;
            deps.limiter.pause(ref.tenantId ?? '', at.getTime() + pauseMs, ref.conversationId);
          }
          await deps.outbox.markRetry(item.key, owner, nextAt, decision.error, at);
          stats.retried++;
          log.info({ ...ids, status: failure.status, code: failure.code, delayMs: decision.delayMs }, 'delivery.retry');
          return;
        }
        case 'blocked':
          await deps.outbox.markBlocked(item.key, owner, at, decision.error);
          await deps.refs.removeUnreachable(ref);
          stats.blocked++;
          log.info({ ...ids, status: failure.status }, 'delivery.blocked');
          return;
        case 'not-installed':
          await deps.outbox.markNotInstalled(item.key, owner, at, decision.error);
          await deps.refs.removeUnreachable(ref);
          stats.notInstalled++;
          log.info({ ...ids, status: failure.status }, 'delivery.notInstalled');
          return;
        case 'failed':
          await deps.outbox.markFailed(item.key, owner, at, decision.error);
          stats.failed++;
          log.warn({ ...ids, status: failure.status, code: failure.code }, 'delivery.failed');
          return;
      }
    }
  }

  /**
   * Claimed items not yet taken by a worker. The workers share one claim of up to `concurrency`
   * items (one durable write for the batch instead of one per item); an item waits here at most
   * about one round of sends, far inside its lease, and is given back if the dispatcher stops.
   */
  const queue: OutboxItemRecord[] = [];
  let claiming: Promise<void> | undefined;

  async function next(): Promise<OutboxItemRecord | undefined> {
    while (!stopping) {
      const item = queue.shift();
      if (item) return item;
      if (!claiming) {
        claiming = deps.outbox
          .claimDue(now(), concurrency, leaseMs, owner)
          .then((items) => void queue.push(...items))
          .finally(() => (claiming = undefined));
        const current = claiming;
        await current;
        if (!queue.length) return undefined;
      } else {
        await claiming.catch(() => undefined);
        if (!queue.length) return undefined;
      }
    }
    return undefined;
  }

  async function worker(stats: DrainStats): Promise<void> {
    while (!stopping) {
      const item = await next();
      if (!item) return;
      try {
        await process(item, stats);
      } catch (err) {
        // Storage trouble mid-item: the lease runs out and the item is tried again later.
        log.error({ key: item.key, err: (err as Error).name }, 'delivery.itemError');
      }
    }
  }

  async function drain(): Promise<DrainStats> {
    const stats = emptyStats();
    await Promise.all(Array.from({ length: concurrency }, () => worker(stats)));
    // Stopping: give back what was claimed but not started.
    for (const item of queue.splice(0)) {
      await deps.outbox.release(item.key, owner, now());
      stats.released++;
    }
    const total = stats.sent + stats.retried + stats.failed + stats.blocked + stats.notInstalled;
    if (total) log.info({ ...stats }, 'delivery.drained');
    return stats;
  }

  function idle(ms: number): Promise<void> {
    if (kicked) {
      kicked = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref?.();
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });
  }

  return {
    owner,
    drain,
    start() {
      if (loop) return;
      stopping = false;
      loop = (async () => {
        while (!stopping) {
          try {
            await drain();
          } catch (err) {
            log.error({ err: (err as Error).name }, 'delivery.loopError');
          }
          if (!stopping) await idle(deps.idleMs ?? 1000);
        }
      })();
    },
    kick() {
      if (wake) wake();
      else kicked = true;
    },
    async stop() {
      stopping = true;
      wake?.();
      await loop;
      loop = undefined;
    },
  };
}
