/**
 * The samtale's proactive messages: the renderers the dispatcher calls when it sends, and the
 * two daily jobs, run by the real scheduler on a fixed clock over the harness's store and
 * service (Randi Rektor 1003 leads Lars Lærer 1004 and Tor Tillitsvalgt 1008).
 */
import { describe, expect, it, vi } from 'vitest';
import { VERBS } from '../../../src/cards/verbs.js';
import { silentLogger } from '../../../src/logging/logger.js';
import { createMessageRenderers } from '../../../src/modules/delivery/dispatcher.js';
import { enqueueActionReminders, enqueueSamtaleNotices, SAMTALE_NOTICE_KIND, SAMTALE_REMINDER_KIND, wireSamtaleDelivery } from '../../../src/modules/samtale/delivery.js';
import type { CommandResult } from '../../../src/modules/samtale/views.js';
import { createScheduler } from '../../../src/scheduler/scheduler.js';
import type { NewOutboxCampaign, NewOutboxItem, OutboxCampaignRecord, OutboxItemRecord } from '../../../src/storage/ports/delivery.js';
import { actionsOf, cardText, createHarness, invokeCardOf, type TestUser } from '../../helpers/bot-harness.js';
import { TOR } from '../../helpers/small-org-users.js';

const TOR_ACTION = 'Hospitering på Sørby barnehage';
const RANDI_ACTION = 'Sette av tid til veiledning';
const LATER_ACTION = 'Videreutdanning i spesialpedagogikk';
const DAY = 24 * 60 * 60_000;

type Action = { verb?: string; title?: string; data?: Record<string, unknown> };

function ok(result: CommandResult) {
  if (!result.ok) throw new Error(`${result.code}: ${result.reason}`);
  return result.view;
}

async function setup() {
  const h = await createHarness();
  const renderers = createMessageRenderers();
  /** Every campaign id the jobs enqueue into, with whether it existed before the call. */
  const enqueued: { campaignId: string; existed: boolean }[] = [];
  const enqueue = async (campaign: NewOutboxCampaign, items: NewOutboxItem[]) => {
    enqueued.push({ campaignId: campaign.id, existed: !!(await h.store.outbox.getCampaign(campaign.id)) });
    return h.store.outbox.enqueue(campaign, items, h.clock.now());
  };
  const scheduler = createScheduler({ jobs: h.store.jobs, clock: h.clock, logger: silentLogger });
  await wireSamtaleDelivery({ samtale: h.samtale, delivery: { renderers, enqueue, outbox: h.store.outbox }, scheduler, clock: h.clock });
  const render = (kind: string, item: OutboxItemRecord) => renderers.get(kind)!(item, { id: item.campaignId, kind } as OutboxCampaignRecord);
  return { h, renderers, enqueue, enqueued, scheduler, render };
}

/** Randi and Tor: a referat with three actions – Tor's due 27 Nov, Randi's due 28 Nov, one due next year. */
async function referatWithActions(h: Awaited<ReturnType<typeof createHarness>>): Promise<string> {
  const s = h.samtale;
  let v = ok(await s.startSamtale('1003', '1008', '2026-11-24'));
  const id = v.id;
  v = ok(await s.execute('1008', id, { type: 'saveAnswer', sectionId: 'trivsel', answers: { hverdag: 'Bra' } }, v.version));
  v = ok(await s.execute('1008', id, { type: 'submitPreparation' }, v.version));
  v = ok(await s.execute('1003', id, { type: 'submitPreparation' }, v.version));
  v = ok(await s.execute('1003', id, { type: 'open' }, v.version));
  v = ok(await s.execute('1003', id, { type: 'addNote', visibility: 'private', text: 'Randis arbeidsnotat' }, v.version));
  v = ok(await s.execute('1003', id, { type: 'addAction', what: TOR_ACTION, ownerEmployeeId: '1008', dueDate: '2026-11-27' }, v.version));
  v = ok(await s.execute('1003', id, { type: 'addAction', what: RANDI_ACTION, ownerEmployeeId: '1003', dueDate: '2026-11-28' }, v.version));
  v = ok(await s.execute('1003', id, { type: 'addAction', what: LATER_ACTION, ownerEmployeeId: '1008', dueDate: '2027-03-01' }, v.version));
  v = ok(await s.execute('1003', id, { type: 'sendReferat', summary: 'Oppsummering' }, v.version));
  ok(await s.execute('1008', id, { type: 'confirm' }, v.version));
  return id;
}

const reminderCampaign = (day: string) => `samtale-frister:${day}`;

describe('samtale notifications and daily jobs', () => {
  it('When an invitation is sent, then the card says who invites and when, and «Forbered deg» opens the preparation', async () => {
    const { h, enqueue, render } = await setup();
    const started = await h.samtale.startSamtale('1003', '1008', '2026-12-01');
    if (!started.ok) throw new Error(started.reason);
    // The service queued the invitation itself; queuing the same notices again adds nothing.
    expect(await h.store.outbox.list(`samtale:${started.view.id}`)).toHaveLength(1);
    expect(await enqueueSamtaleNotices({ enqueue }, started.notifications)).toBe(0);

    const [item] = await h.store.outbox.list(`samtale:${started.view.id}`);
    expect(item?.recipient).toEqual({ kind: 'employee', employeeId: '1008' });
    const message = await render(SAMTALE_NOTICE_KIND, item!);
    expect(cardText(message?.card)).toContain('Randi Rektor har invitert deg til medarbeidersamtale 1. desember 2026');

    const prepare = (actionsOf(message?.card) as Action[]).find((a) => a.title === 'Forbered deg');
    expect(prepare).toMatchObject({ verb: VERBS.samtaleSection, data: { samtaleId: started.view.id } });
    // Clicked by Tor in Teams: the first section of his preparation.
    const replies = await h.execute(prepare!.verb!, prepare!.data!, TOR);
    const card = replies.map(invokeCardOf).find(Boolean);
    expect(cardText(card)).toContain('Arbeidssituasjon og trivsel');
    expect(cardText(card)).toContain('Del 1 av 3');
  });

  it('When the morning job runs twice, then each action due within a week gets one reminder to its owner, and the second run adds nothing', async () => {
    const { h, scheduler, enqueued } = await setup();
    await referatWithActions(h);

    // Before the first morning (05:00 UTC) nothing runs.
    await scheduler.tick();
    expect(await h.store.outbox.list(reminderCampaign('2026-11-23'))).toEqual([]);

    h.clock.set('2026-11-24T05:00:00Z');
    expect((await scheduler.tick()).ran).toBeGreaterThanOrEqual(1);
    const first = await h.store.outbox.list(reminderCampaign('2026-11-24'));
    expect(first.map((i) => i.recipient)).toEqual([
      { kind: 'employee', employeeId: '1008' },
      { kind: 'employee', employeeId: '1003' },
    ]);
    expect(first.map((i) => i.data?.daysLeft)).toEqual([3, 4]);
    // The outbox holds ids and dates, never what was agreed.
    for (const text of [TOR_ACTION, RANDI_ACTION, LATER_ACTION]) expect(JSON.stringify(first)).not.toContain(text);

    expect(enqueued.map((e) => e.campaignId)).toEqual([reminderCampaign('2026-11-24')]);

    // Next morning: the same actions are still due, but their reminders exist: no campaign is created.
    h.clock.set('2026-11-25T05:00:00Z');
    expect((await scheduler.tick()).ran).toBeGreaterThanOrEqual(1);
    expect(await h.store.outbox.list(reminderCampaign('2026-11-25'))).toEqual([]);
    expect(await h.store.outbox.getCampaign(reminderCampaign('2026-11-25'))).toBeUndefined();
    expect(enqueued.map((e) => e.campaignId)).toEqual([reminderCampaign('2026-11-24')]);
    // A rerun of the same morning (a crash after enqueuing) adds nothing either.
    const outbox = { enqueue: (c: NewOutboxCampaign, items: NewOutboxItem[]) => h.store.outbox.enqueue(c, items, h.clock.now()), get: (key: string) => h.store.outbox.get(key) };
    expect(await enqueueActionReminders(outbox, h.samtale, new Date('2026-11-24T05:00:00Z'))).toBe(0);
    expect(await h.store.outbox.list(reminderCampaign('2026-11-24'))).toHaveLength(2);

    // When the action due next March comes within a week, that morning gets a campaign with that one reminder.
    h.clock.set('2027-02-23T05:00:00Z');
    await scheduler.tick();
    expect(enqueued.map((e) => e.campaignId)).toEqual([reminderCampaign('2026-11-24'), reminderCampaign('2027-02-23')]);
    expect((await h.store.outbox.list(reminderCampaign('2027-02-23'))).map((i) => i.data?.daysLeft)).toEqual([6]);
  });

  it('When a reminder is sent, then the action is read at that moment for its owner, and nobody else can be sent it', async () => {
    const { h, scheduler, render } = await setup();
    await referatWithActions(h);
    h.clock.set('2026-11-24T05:00:00Z');
    await scheduler.tick();
    const [torItem, randiItem] = await h.store.outbox.list(reminderCampaign('2026-11-24'));

    const tor = await render(SAMTALE_REMINDER_KIND, torItem!);
    expect(cardText(tor?.card)).toContain(`«${TOR_ACTION}» har frist 27. november 2026`);
    expect(cardText(tor?.card)).toContain('Frist for et tiltak om 3 dager');
    expect((actionsOf(tor?.card) as Action[]).map((a) => a.verb)).toContain(VERBS.samtaleOpen);
    const randi = await render(SAMTALE_REMINDER_KIND, randiItem!);
    expect(cardText(randi?.card)).toContain(`«${RANDI_ACTION}» har frist 28. november 2026`);

    // The same item addressed to someone outside the samtale (Lars) renders nothing: the send fails.
    const misdirected: OutboxItemRecord = { ...torItem!, recipient: { kind: 'employee', employeeId: '1004' } };
    await expect(Promise.resolve().then(() => render(SAMTALE_REMINDER_KIND, misdirected))).rejects.toThrow('forbidden');
  });

  it('When the retention jobs run, then they call purgeWorkingNotes and purgeArchivedReferats, and a year after confirmation the working notes are gone', async () => {
    const { h, scheduler } = await setup();
    const samtaleId = await referatWithActions(h);
    const purge = vi.spyOn(h.samtale, 'purgeWorkingNotes');
    const purgeReferats = vi.spyOn(h.samtale, 'purgeArchivedReferats');

    h.clock.set('2026-11-24T05:00:00Z');
    await scheduler.tick();
    expect(purge).toHaveBeenCalledWith(new Date('2026-11-24T05:00:00Z'));
    expect(purgeReferats).toHaveBeenCalledWith(new Date('2026-11-24T05:00:00Z'));
    expect((await h.store.samtaler.get(samtaleId))?.notes).toHaveLength(1);

    h.clock.set('2027-11-25T05:00:00Z');
    await scheduler.tick();
    const purged = await h.store.samtaler.get(samtaleId);
    expect(purged?.notes).toEqual([]);
    expect(purged?.preparations.employee.answers).toEqual({});
    expect(purged?.workingNotesPurgedAt).toBeDefined();
    expect(purged?.actions).toHaveLength(3); // the referat stays
  });
});
