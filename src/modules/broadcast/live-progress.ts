/**
 * Live progress for a broadcast: the progress card HR got after «Send» is updated in place (as
 * Company Communicator does) until the campaign ends, so nobody has to press «Oppdater». The
 * card's address (the conversation reference and the activity id of the card) is kept in the
 * store, so a restarted bot carries on. Updates are throttled: at most one every `minGapMs`
 * (5 s), sooner only when another `minStepPercent` (5 %) of the recipients has been handled,
 * and always the final report. No Teams SDK here: the {@link CardUpdater} does the update.
 */
import type { AdaptiveCardJson } from '../../cards/define-card.js';
import type { Logger } from '../../logging/logger.js';
import type { Clock } from '../../shared/dates.js';
import type { KeyValueRepository } from '../../storage/ports/kv.js';
import type { BroadcastActor, BroadcastProgress, BroadcastService } from './broadcast-service.js';
import { renderProgress, renderReport } from './cards.js';

/** Where a card is: an opaque conversation reference (JSON) and the id of the message holding the card. */
export interface CardLocation {
  reference: Record<string, unknown>;
  activityId: string;
}

/** Replaces the card in the message at `location` (Teams: updateActivity). Throws when it cannot. */
export interface CardUpdater {
  update(location: CardLocation, card: AdaptiveCardJson): Promise<void>;
}

export interface LiveProgress {
  /** Follows a campaign's progress card from now on; returns false when there is nothing to follow. */
  follow(actor: BroadcastActor, campaignId: string, location: CardLocation): Promise<boolean>;
  /** One round over the followed campaigns (the timer calls it; tests too). Returns the number of cards updated. */
  tick(): Promise<number>;
  /** Campaigns followed now. */
  following(): string[];
  /** Stops the timer (shutdown). */
  stop(): void;
}

interface Followed {
  campaignId: string;
  actor: BroadcastActor;
  location: CardLocation;
  /** What the card shows now: handled count and a fingerprint of the counts. */
  shownHandled: number;
  shownKey: string;
  shownAt: number;
  failures: number;
}

export const LIVE_PROGRESS_KEY = 'broadcast:live-progress';
const MAX_FAILURES = 5;

const handled = (p: BroadcastProgress) => p.total - p.pending - p.retrying;
const keyOf = (p: BroadcastProgress) => [p.pending, p.retrying, p.sent, p.acknowledged, p.failed, p.blocked, p.notInstalled, p.cancelled].join(',');

export function createLiveProgress(deps: {
  broadcast: Pick<BroadcastService, 'progress'>;
  updater: CardUpdater;
  kv: KeyValueRepository;
  clock: Clock;
  logger: Logger;
  /** How often the timer looks (default 1 s); 0 = no timer (tests call `tick`). */
  tickMs?: number;
  minGapMs?: number;
  minStepPercent?: number;
}): LiveProgress {
  const log = deps.logger.child('broadcast.live');
  const tickMs = deps.tickMs ?? 1000;
  const minGapMs = deps.minGapMs ?? 5000;
  const minStep = (deps.minStepPercent ?? 5) / 100;
  const followed = new Map<string, Followed>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let loaded = false;

  async function load() {
    if (loaded) return;
    loaded = true;
    const stored = (await deps.kv.read([LIVE_PROGRESS_KEY])).get(LIVE_PROGRESS_KEY)?.value as { campaigns?: Followed[] } | undefined;
    for (const f of stored?.campaigns ?? []) if (!followed.has(f.campaignId)) followed.set(f.campaignId, f);
  }

  async function save() {
    const campaigns = [...followed.values()];
    if (campaigns.length) await deps.kv.write([{ key: LIVE_PROGRESS_KEY, value: { campaigns } }]);
    else await deps.kv.delete([LIVE_PROGRESS_KEY]);
  }

  function schedule() {
    if (timer || tickMs <= 0 || followed.size === 0) return;
    timer = setInterval(() => {
      void tick().catch((err: Error) => log.warn({ err: err.name }, 'broadcast.live.tickFailed'));
    }, tickMs);
    timer.unref();
  }

  function unschedule() {
    if (timer && followed.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  }

  async function round(): Promise<number> {
    await load();
    const now = deps.clock.now().getTime();
    let updated = 0;
    let changed = false;
    for (const f of [...followed.values()]) {
      const p = await deps.broadcast.progress(f.actor, f.campaignId);
      if (!p.ok) {
        followed.delete(f.campaignId);
        changed = true;
        continue;
      }
      const key = keyOf(p);
      if (key === f.shownKey && !p.done) continue;
      const step = p.total > 0 ? (handled(p) - f.shownHandled) / p.total : 1;
      if (!p.done && now - f.shownAt < minGapMs && step < minStep) continue;
      try {
        await deps.updater.update(f.location, p.done ? renderReport(p) : renderProgress(p, '', { live: true }));
        updated++;
        Object.assign(f, { shownKey: key, shownHandled: handled(p), shownAt: now, failures: 0 });
        if (p.done) followed.delete(f.campaignId);
      } catch (err) {
        // The message may be gone (deleted chat) or Teams busy: try a few times, then leave «Oppdater» to HR.
        f.failures++;
        log.warn({ campaignId: f.campaignId, failures: f.failures, err: (err as Error).name }, 'broadcast.live.updateFailed');
        if (f.failures >= MAX_FAILURES) followed.delete(f.campaignId);
      }
      changed = true;
      if (p.done) log.info({ campaignId: f.campaignId, total: p.total, sent: p.sent }, 'broadcast.live.done');
    }
    if (changed) await save();
    unschedule();
    // After a restart the stored cards come back on the first round: keep the timer going for them.
    schedule();
    return updated;
  }

  async function tick(): Promise<number> {
    // One round at a time: a slow round is not overtaken by the next tick.
    if (running) return running;
    running = round().finally(() => {
      running = undefined;
    });
    return running;
  }

  return {
    async follow(actor, campaignId, location) {
      await load();
      const p = await deps.broadcast.progress(actor, campaignId);
      if (!p.ok || p.done) return false;
      followed.set(campaignId, { campaignId, actor, location, shownHandled: handled(p), shownKey: keyOf(p), shownAt: deps.clock.now().getTime(), failures: 0 });
      await save();
      schedule();
      log.info({ campaignId, total: p.total }, 'broadcast.live.follow');
      return true;
    },
    tick,
    following: () => [...followed.keys()],
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}

/** Resumes following after a restart (cards stored by an earlier run). */
export async function resumeLiveProgress(live: LiveProgress): Promise<number> {
  return live.tick();
}
