import { describe, expect, it } from 'vitest';
import type { AdaptiveCardJson } from '../../../src/cards/define-card.js';
import { silentLogger } from '../../../src/logging/logger.js';
import type { BroadcastProgress } from '../../../src/modules/broadcast/broadcast-service.js';
import { type CardLocation, createLiveProgress } from '../../../src/modules/broadcast/live-progress.js';
import { fixedClock } from '../../../src/shared/dates.js';
import { openMemoryStore } from '../../../src/storage/open-store.js';
import { cardText } from '../../helpers/bot-harness.js';

const HR = { kind: 'employee' as const, employeeId: '1007' };
const LOCATION: CardLocation = { reference: { conversation: { id: 'conv-hr' } }, activityId: 'card-1' };

function counts(handled: number, total = 100): BroadcastProgress {
  const done = handled >= total;
  return { ok: true, campaignId: 'b-1', title: 'Ny rutine', ackRequired: false, total, pending: total - handled, retrying: 0, sent: handled, acknowledged: 0, failed: 0, blocked: 0, notInstalled: 0, cancelled: 0, done, createdAt: '2026-11-23T10:00:00Z' };
}

async function setup() {
  const store = await openMemoryStore();
  const clock = fixedClock('2026-11-23T10:00:00Z');
  let handled = 0;
  const updates: { location: CardLocation; card: AdaptiveCardJson }[] = [];
  const make = () =>
    createLiveProgress({
      broadcast: { progress: async () => counts(handled) },
      updater: { update: async (location, card) => void updates.push({ location, card }) },
      kv: store.kv,
      clock,
      logger: silentLogger,
      tickMs: 0,
    });
  return { store, clock, updates, make, set: (n: number) => (handled = n) };
}

describe('broadcast live progress', () => {
  it('When little changes, then the card is updated at most every 5 s; 5 % more or the end updates it at once', async () => {
    const t = await setup();
    const live = t.make();
    expect(await live.follow(HR, 'b-1', LOCATION)).toBe(true);
    t.set(1);
    expect(await live.tick()).toBe(0); // 1 % after 0 s
    t.clock.advance(5_000);
    expect(await live.tick()).toBe(1); // 5 s later
    expect(cardText(t.updates.at(-1)!.card)).toContain('1 av 100 personer har fått meldingen.');
    t.set(3);
    expect(await live.tick()).toBe(0); // 2 % after 0 s
    t.set(7);
    expect(await live.tick()).toBe(1); // 6 % after 0 s
    t.set(100);
    expect(await live.tick()).toBe(1); // the end, at once
    expect(cardText(t.updates.at(-1)!.card)).toContain('Utsendingen er ferdig');
    expect(t.updates.every((u) => u.location.activityId === 'card-1')).toBe(true);
    expect(live.following()).toEqual([]);
  });

  it('When the bot restarts while a campaign runs, then the stored card address is picked up and the card still reaches the report', async () => {
    const t = await setup();
    await t.make().follow(HR, 'b-1', LOCATION);
    const after = t.make();
    t.set(100);
    expect(await after.tick()).toBe(1);
    expect(t.updates[0]!.location).toEqual(LOCATION);
    expect(cardText(t.updates[0]!.card)).toContain('Utsendingen er ferdig');
    expect((await t.store.kv.read(['broadcast:live-progress'])).size).toBe(0);
  });

  it('When the campaign is already done at send, then nothing is followed', async () => {
    const t = await setup();
    t.set(100);
    expect(await t.make().follow(HR, 'b-1', LOCATION)).toBe(false);
  });
});
