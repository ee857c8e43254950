/**
 * The personal card sent from a group chat to the person's personal chat (src/bot/scope.ts) is
 * retried as the outbox retries (delivery/retry.ts): 429 twice and then 200 reaches the person;
 * a connector that keeps refusing is said truthfully in the group chat, never «se meldingen fra
 * meg der». The running bot (local mode) over a fake Bot Connector.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PERSONAL_SEND_POLICY, SCOPE_TEXT } from '../../src/bot/scope.js';
import { main } from '../../src/main.js';
import { type FakeResponse, startFakeConnector } from '../helpers/fake-connector.js';
import { activityPoster, TEST_TENANT as TENANT } from '../helpers/bot-http.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

// Kari's personal chat; Kari herself (helpers/bot-http.ts) is the default sender.
const PERSONAL = 'a:kari-personal';
const GROUP = '19:gruppe@thread.v2';

async function start(personalSend: (n: number) => FakeResponse | undefined) {
  let sends = 0;
  const connector = await startFakeConnector({
    // Only the bot's own (proactive) message into Kari's personal chat is refused; replies pass.
    respond: (a) => (a.conversationId === PERSONAL && a.replyToId === undefined ? personalSend(++sends) : undefined),
  });
  closers.push(connector.close);
  const dataFile = join(mkdtempSync(join(tmpdir(), 'kbot-scope-retry-')), 'db.json');
  const bot = await main({ BOT_MODE: 'local', PORT: '0', DATA_FILE: dataFile, LOG_LEVEL: 'silent' });
  closers.push(bot.stop);
  const post = activityPoster({ port: bot.port, serviceUrl: connector.url });
  // Kari has talked to the bot 1:1, so her personal chat is known.
  expect((await post({ type: 'message', id: 'p1', text: 'hei', conversation: { id: PERSONAL, conversationType: 'personal', tenantId: TENANT } })).status).toBe(200);
  await connector.waitFor((a) => a.replyToId === 'p1');
  const askInGroup = async () => {
    const res = await post({ type: 'message', id: 'g1', text: 'hvem er jeg', conversation: { id: GROUP, conversationType: 'groupChat', isGroup: true, tenantId: TENANT } });
    expect(res.status).toBe(200);
    const reply = await connector.waitFor((a) => a.conversationId === GROUP && a.replyToId === 'g1', 15_000);
    return reply.activity.text as string;
  };
  const personalAttempts = () => connector.received.filter((a) => a.conversationId === PERSONAL && a.replyToId === undefined);
  return { askInGroup, personalAttempts };
}

const TOO_MANY: FakeResponse = { status: 429, headers: { 'retry-after': '0' } };

describe('the personal card sent from a group chat is retried like the outbox', () => {
  it('When the connector answers 429 twice and then accepts, then Kari gets the card in her personal chat and the group chat says to look there', async () => {
    const bot = await start((n) => (n <= 2 ? TOO_MANY : undefined));
    expect(await bot.askInGroup()).toBe(SCOPE_TEXT.movedToPersonal);
    const attempts = bot.personalAttempts();
    expect(attempts.map((a) => a.status)).toEqual([429, 429, 200]);
    expect(JSON.stringify(attempts[2]!.activity)).toContain('Kari Solheim');
  }, 30_000);

  it('When the connector keeps refusing (429, then 502, 504), then the group chat is told it was not sent, not «se meldingen fra meg der»', async () => {
    const bot = await start((n) => (n === 1 ? TOO_MANY : { status: n === 2 ? 502 : 504 }));
    const text = await bot.askInGroup();
    expect(text).toBe(SCOPE_TEXT.sendFailed);
    expect(text).not.toMatch(/se meldingen fra meg der/);
    expect(bot.personalAttempts().map((a) => a.status)).toEqual([429, 502, 504]);
    expect(bot.personalAttempts()).toHaveLength(PERSONAL_SEND_POLICY.maxAttempts);
  }, 30_000);

  it('When the person has blocked the bot (403), then it is not retried and the group chat says it was not sent', async () => {
    const bot = await start(() => ({ status: 403 }));
    expect(await bot.askInGroup()).toBe(SCOPE_TEXT.sendFailed);
    expect(bot.personalAttempts()).toHaveLength(1);
  }, 30_000);

  it('When the connector asks to wait longer than a turn can (Retry-After 120 s), then it is not sent sooner and the group chat says it was not sent', async () => {
    const bot = await start(() => ({ status: 429, headers: { 'retry-after': '120' } }));
    expect(await bot.askInGroup()).toBe(SCOPE_TEXT.sendFailed);
    expect(bot.personalAttempts()).toHaveLength(1);
  }, 30_000);
});
