import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TURN_LIMIT_TEXT } from '../../src/bot/turn-limit.js';
import { main } from '../../src/main.js';
import { startFakeConnector } from '../helpers/fake-connector.js';
import { activityPoster } from '../helpers/bot-http.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

const KEY = 'test-nokkel-som-er-lang-nok-0123456789abcdef';

describe('per-user turn limit over HTTP', () => {
  it('When a person has hit USER_TURNS_PER_MINUTE, then their next message gets «vent litt», yet an HR broadcast still reaches them', async () => {
    const connector = await startFakeConnector();
    closers.push(connector.close);
    const dataFile = join(mkdtempSync(join(tmpdir(), 'kbot-limit-')), 'db.json');
    const bot = await main({ BOT_MODE: 'local', PORT: '0', DATA_FILE: dataFile, LOG_LEVEL: 'silent', USER_TURNS_PER_MINUTE: '2', BROADCAST_API_KEY: KEY });
    closers.push(bot.stop);
    const base = `http://127.0.0.1:${bot.port}`;
    const post = activityPoster({ port: bot.port, serviceUrl: connector.url });
    const say = (id: string) => post({ type: 'message', id, text: 'hjelp' });
    for (const id of ['m1', 'm2']) {
      expect((await say(id)).status).toBe(200);
      const reply = await connector.waitFor((a) => a.replyToId === id);
      expect(JSON.stringify(reply.activity)).not.toContain(TURN_LIMIT_TEXT);
    }
    expect((await say('m3')).status).toBe(200);
    const limited = await connector.waitFor((a) => a.replyToId === 'm3');
    expect(limited.activity.text).toBe(TURN_LIMIT_TEXT);

    const res = await fetch(`${base}/api/broadcasts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
      body: JSON.stringify({ id: 'b-limit', title: 'Ny rutine', text: 'Les den nye rutinen.', audience: { kind: 'everyone' } }),
    });
    expect(res.status).toBe(202);
    const card = await connector.waitFor((a) => a.conversationId === 'a:kari-personal' && a.replyToId === undefined, 10_000);
    expect(JSON.stringify(card.activity)).toContain('Ny rutine');
  });
});
