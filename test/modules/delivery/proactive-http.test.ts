import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.js';
import { main } from '../../../src/main.js';
import { startFakeConnector } from '../../helpers/fake-connector.js';
import { activityPoster, KARI } from '../../helpers/bot-http.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});


describe('proactive delivery in the running bot (local mode)', () => {
  it('When a person has written to the bot, then a message enqueued for them reaches their chat through the connector of that message', async () => {
    const connector = await startFakeConnector();
    closers.push(connector.close);
    const dataFile = join(mkdtempSync(join(tmpdir(), 'kbot-proactive-')), 'db.json');
    const bot = await main({ BOT_MODE: 'local', PORT: '0', DATA_FILE: dataFile, LOG_LEVEL: 'silent' });
    closers.push(bot.stop);
    const res = await activityPoster({ port: bot.port, serviceUrl: connector.url })({ type: 'message', id: 'm1', text: 'hjelp' });
    expect(res.status).toBe(200);
    await connector.waitFor((a) => a.replyToId === 'm1');
    const ref = await bot.delivery.refs.resolve({ kind: 'employee', employeeId: '10004' });
    expect(ref).toMatchObject({ serviceUrl: connector.url, conversationId: 'a:kari-personal' });

    bot.delivery.renderers.register('test', () => ({ text: 'Husk medarbeidersamtalen' }));
    await bot.delivery.enqueue({ id: 'test-campaign', kind: 'test' }, [{ key: 'test:10004', recipient: { kind: 'employee', employeeId: '10004' } }]);
    const proactive = await connector.waitFor((a) => a.conversationId === 'a:kari-personal' && a.replyToId === undefined, 5_000);
    expect(proactive.activity).toMatchObject({ type: 'message', text: 'Husk medarbeidersamtalen', recipient: { id: KARI.id } });
    // Local mode: no token is sent (the Playground and the fake connector accept that).
    await expect.poll(async () => (await bot.delivery.outbox.get('test:10004'))?.status).toBe('sent');
  });
});

describe('delivery configuration', () => {
  it('When nothing is set, then 30 messages per second, 8 attempts and a 5 s scheduler tick apply', () => {
    const c = loadConfig({ BOT_MODE: 'local' });
    expect(c.delivery).toEqual({ ratePerSecond: 30, maxAttempts: 8 });
    expect(c.scheduler).toEqual({ tickMs: 5000 });
    expect(loadConfig({ BOT_MODE: 'local', SEND_RATE_PER_SECOND: '12.5', SEND_MAX_ATTEMPTS: '3', SCHEDULER_TICK_MS: '1000' })).toMatchObject({
      delivery: { ratePerSecond: 12.5, maxAttempts: 3 },
      scheduler: { tickMs: 1000 },
    });
  });

  it('When the values are wrong, then the start stops naming every bad key', () => {
    let error: unknown;
    try {
      loadConfig({ BOT_MODE: 'local', SEND_RATE_PER_SECOND: '0', SEND_MAX_ATTEMPTS: 'mange', SCHEDULER_TICK_MS: '5' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toContain('SEND_RATE_PER_SECOND');
    expect(problems).toContain('SEND_MAX_ATTEMPTS');
    expect(problems).toContain('SCHEDULER_TICK_MS');
  });
});
