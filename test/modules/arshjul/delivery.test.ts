import { describe, expect, it } from 'vitest';
import { createArshjulService } from '../../../src/modules/arshjul/arshjul-service.js';
import { ARSHJUL_PLAN_JOB, ARSHJUL_REMINDER_KIND, wireArshjulReminders } from '../../../src/modules/arshjul/delivery.js';
import { createMessageRenderers } from '../../../src/modules/delivery/dispatcher.js';
import type { NewOutboxCampaign, NewOutboxItem, OutboxItemRecord, OutboxCampaignRecord } from '../../../src/storage/ports/delivery.js';
import { silentLogger } from '../../../src/logging/logger.js';
import { fixedClock } from '../../../src/shared/dates.js';
import { openMemoryStore } from '../../../src/storage/open-store.js';
import { cardText } from '../../helpers/bot-harness.js';
import { P, testCalendar, testDirectory } from './fixtures.js';

async function setup(everyMinutes = 15) {
  const store = await openMemoryStore();
  const clock = fixedClock('2026-11-16T11:00:00Z'); // 14 days before the samtaler deadline (30 November, 12:00 Oslo)
  const arshjul = createArshjulService({ calendar: testCalendar(), org: { directory: () => testDirectory() }, state: store.arshjul, clock, logger: silentLogger });
  const renderers = createMessageRenderers();
  const enqueued: { campaign: NewOutboxCampaign; items: NewOutboxItem[] }[] = [];
  const jobs: { name: string; intervalMs: number }[] = [];
  const plan = await wireArshjulReminders({
    arshjul,
    delivery: { renderers, enqueue: async (campaign, items) => (enqueued.push({ campaign, items }), { added: items.length, existing: 0 }) },
    scheduler: { every: async (name, intervalMs) => void jobs.push({ name, intervalMs }) },
    everyMinutes,
  });
  const render = (item: NewOutboxItem) => renderers.get(ARSHJUL_REMINDER_KIND)!(item as unknown as OutboxItemRecord, {} as OutboxCampaignRecord);
  return { arshjul, plan, enqueued, jobs, render };
}

describe('årshjul reminders through the outbox', () => {
  it('When the planning runs, then each leader’s reminder is one outbox item keyed by the reminder, in one campaign per occurrence, holding ids only', async () => {
    const { plan, enqueued, jobs } = await setup();
    expect(jobs).toEqual([{ name: ARSHJUL_PLAN_JOB, intervalMs: 15 * 60_000 }]);
    const { planned } = await plan();
    expect(planned).toBeGreaterThan(0);
    const samtaler = enqueued.find((e) => e.campaign.id === 'arshjul:samtaler:2026-11-30')!;
    expect(samtaler.campaign.kind).toBe(ARSHJUL_REMINDER_KIND);
    const rektor = samtaler.items.find((i) => i.recipient.kind === 'employee' && i.recipient.employeeId === P.rektor)!;
    expect(rektor).toEqual({ key: `arshjul:samtaler:2026-11-30:${P.rektor}:d14`, recipient: { kind: 'employee', employeeId: P.rektor }, data: { key: rektor.key } });
  });

  it('When the task was done before the reminder went out, then the renderer sends nothing', async () => {
    const { arshjul, plan, enqueued, render } = await setup(0);
    await plan();
    const item = enqueued.flatMap((e) => e.items).find((i) => i.key === `arshjul:samtaler:2026-11-30:${P.rektor}:d14`)!;
    const message = await render(item);
    expect(cardText(message?.card)).toContain('Påminnelse fra årshjulet – 14 dager til fristen');
    await arshjul.markDone(P.rektor, `arshjul:samtaler:2026-11-30:${P.rektor}:task`);
    expect(await render(item)).toBeNull();
  });

  it('When ARSHJUL_PLAN_EVERY_MINUTES is 0, then no recurring job is registered', async () => {
    const { jobs } = await setup(0);
    expect(jobs).toEqual([]);
  });
});
