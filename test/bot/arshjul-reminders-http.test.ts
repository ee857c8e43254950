/**
 * The årshjul's reminder job end to end in the running bot (main(), local mode, over HTTP): a
 * planning run at a chosen instant sends the reminder card to the person's chat through the
 * fake Bot Connector – once, also after more runs, overlapping runs and a restart.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { main } from '../../src/main.js';
import { startFakeConnector } from '../helpers/fake-connector.js';
import { activityPoster, KARI_PERSONAL as CONVERSATION } from '../helpers/bot-http.js';
import { actionsOf, cardText } from '../helpers/bot-harness.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

// Bærum's SKUP årshjul (KOMMUNE=baerum): «Skolens opplæringsplan klar» is due 30 April 2027 at 12:00 Oslo time (CEST): 14 days before is 16 April 10:00 UTC.
const FOURTEEN_DAYS_BEFORE = new Date('2027-04-16T10:00:00Z');
const THREE_DAYS_BEFORE = new Date('2027-04-27T10:00:00Z');
const KEY = 'arshjul:skole-opplaeringsplan-klar:2027-04-30:10004';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('årshjul reminders in the running bot', () => {
  it('When the planning runs 14 days before Kari’s deadline, then exactly one reminder card reaches her chat – also after more runs, overlapping runs and a restart – and after «Ferdig» the 3-day reminder is not sent', async () => {
    const connector = await startFakeConnector();
    closers.push(connector.close);
    const dataFile = join(mkdtempSync(join(tmpdir(), 'kbot-arshjul-')), 'db.json');
    // The real-time job is off: the test runs the planning itself at chosen instants.
    const env = { BOT_MODE: 'local', PORT: '0', DATA_FILE: dataFile, LOG_LEVEL: 'silent', ARSHJUL_PLAN_EVERY_MINUTES: '0', KOMMUNE: 'baerum' };
    let bot = await main(env);
    let stopped = false;
    closers.push(() => (stopped ? Promise.resolve() : bot.stop()));

    // Kari Solheim (10004) in her personal chat, as the Playground sends her.
    const post = activityPoster({ port: () => bot.port, serviceUrl: connector.url });

    // Kari writes first, so the bot has a conversation reference for her.
    expect((await post({ type: 'message', id: 'm1', text: 'hjelp' })).status).toBe(200);
    await connector.waitFor((a) => a.replyToId === 'm1');
    const proactive = () => connector.received.filter((a) => a.conversationId === CONVERSATION && a.replyToId === undefined && a.method === 'POST');

    expect(await bot.planArshjulReminders(FOURTEEN_DAYS_BEFORE)).toEqual({ planned: 1 });
    const sent = await connector.waitFor((a) => a.conversationId === CONVERSATION && a.replyToId === undefined);
    const card = (sent.activity.attachments as { content: unknown }[])[0]!.content;
    const text = cardText(card);
    expect(text).toContain('Påminnelse fra årshjulet – 14 dager til fristen');
    expect(text).toContain('Skolens opplæringsplan klar');
    expect(text).toContain('Frist: 30. april 2027');
    expect(text).toContain('Minn meg på igjen …');
    const done = actionsOf(card).find((a) => a.title === 'Ferdig')!;
    expect(done).toMatchObject({ type: 'Action.Execute', verb: 'arshjul.done', data: { task: `${KEY}:task` } });
    await expect.poll(async () => (await bot.delivery.outbox.get(`${KEY}:d14`))?.status).toBe('sent');

    // Again, and two runs at once: nothing new.
    expect(await bot.planArshjulReminders(FOURTEEN_DAYS_BEFORE)).toEqual({ planned: 0 });
    await Promise.all([bot.planArshjulReminders(new Date(FOURTEEN_DAYS_BEFORE.getTime() + 60_000)), bot.planArshjulReminders(new Date(FOURTEEN_DAYS_BEFORE.getTime() + 60_000))]);
    await sleep(300);
    expect(proactive()).toHaveLength(1);

    // A restart on the same data: still one.
    await bot.stop();
    stopped = true;
    bot = await main(env);
    stopped = false;
    expect(await bot.planArshjulReminders(new Date(FOURTEEN_DAYS_BEFORE.getTime() + 15 * 60_000))).toEqual({ planned: 0 });
    await sleep(300);
    expect(proactive()).toHaveLength(1);

    // Kari clicks «Ferdig» on the card: the invoke answers with the card in its done state.
    const res = await post({ type: 'invoke', name: 'adaptiveCard/action', id: 'i1', value: { action: { type: 'Action.Execute', verb: 'arshjul.done', data: done.data } } });
    expect(res.status).toBe(200);
    expect(cardText(((await res.json()) as { value: unknown }).value)).toContain('✔ Markert som ferdig');
    expect(await bot.arshjul.whatsNow('10004', FOURTEEN_DAYS_BEFORE)).toMatchObject({ ok: true });

    // The 3-day reminder is not even planned for a finished task.
    expect(await bot.planArshjulReminders(THREE_DAYS_BEFORE)).toEqual({ planned: 0 });
    await sleep(300);
    expect(proactive()).toHaveLength(1);
  });

  it('When nothing is set, then the reminders are planned every 15 minutes; 0 turns them off; a wrong value stops the start', () => {
    expect(loadConfig({ BOT_MODE: 'local' }).arshjul).toEqual({ planEveryMinutes: 15 });
    expect(loadConfig({ BOT_MODE: 'local', ARSHJUL_PLAN_EVERY_MINUTES: '0' }).arshjul).toEqual({ planEveryMinutes: 0 });
    expect(() => loadConfig({ BOT_MODE: 'local', ARSHJUL_PLAN_EVERY_MINUTES: 'ofte' })).toThrow(/ARSHJUL_PLAN_EVERY_MINUTES/);
  });
});

describe('late delivery (#17)', () => {
  it('When a reminder was planned before Kari had ever opened the bot, then it reaches her chat as soon as she writes – while the deadline is still ahead – once', async () => {
    const connector = await startFakeConnector();
    closers.push(connector.close);
    const dataFile = join(mkdtempSync(join(tmpdir(), 'kbot-arshjul-late-')), 'db.json');
    const env = { BOT_MODE: 'local', PORT: '0', DATA_FILE: dataFile, LOG_LEVEL: 'silent', ARSHJUL_PLAN_EVERY_MINUTES: '0', KOMMUNE: 'baerum' };
    const bot = await main(env);
    closers.push(() => bot.stop());
    // Kari Solheim (10004) in her personal chat, as the Playground sends her.
    const post = activityPoster({ port: () => bot.port, serviceUrl: connector.url });

    // Nobody can reach Kari yet: the reminder is planned, and the outbox finds no chat for her.
    expect(await bot.planArshjulReminders(FOURTEEN_DAYS_BEFORE)).toEqual({ planned: 1 });
    await expect.poll(async () => (await bot.delivery.outbox.get(`${KEY}:d14`))?.status).toBe('not-installed');

    // She writes to the bot for the first time: the reminder follows in her chat.
    expect((await post({ type: 'message', id: 'm1', text: 'hjelp' })).status).toBe(200);
    const late = await connector.waitFor((a) => a.conversationId === CONVERSATION && a.replyToId === undefined && a.method === 'POST');
    expect(cardText((late.activity.attachments as { content: unknown }[])[0]!.content)).toContain('Skolens opplæringsplan klar');
    await expect.poll(async () => (await bot.delivery.outbox.get(`${KEY}:d14:sen`))?.status).toBe('sent');

    // More messages do not send it again.
    expect((await post({ type: 'message', id: 'm2', text: 'hjelp' })).status).toBe(200);
    await connector.waitFor((a) => a.replyToId === 'm2');
    await sleep(300);
    expect(connector.received.filter((a) => a.conversationId === CONVERSATION && a.replyToId === undefined && a.method === 'POST')).toHaveLength(1);
  });
});
