import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { startFakeConnector } from '../helpers/fake-connector.js';
import { activityPoster } from '../helpers/bot-http.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

const KEY = 'test-nokkel-som-er-lang-nok-0123456789abcdef';

async function startBot(env: Record<string, string> = {}) {
  const dataFile = join(mkdtempSync(join(tmpdir(), 'kbot-broadcast-api-')), 'db.json');
  const bot = await main({ BOT_MODE: 'local', PORT: '0', DATA_FILE: dataFile, LOG_LEVEL: 'silent', ...env });
  closers.push(bot.stop);
  const base = `http://127.0.0.1:${bot.port}`;
  const call = (method: string, path: string, opts: { key?: string; body?: unknown; raw?: string } = {}) =>
    fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(opts.key !== undefined ? { authorization: `Bearer ${opts.key}` } : {}) },
      body: opts.raw ?? (opts.body !== undefined ? JSON.stringify(opts.body) : undefined),
    });
  return { bot, call };
}

const message = { title: 'Ny rutine', text: 'Les den nye rutinen for medarbeidersamtaler.', audience: { kind: 'everyone' }, ackRequired: true };

describe('POST /api/broadcasts', () => {
  it('When no key is configured, then the endpoint does not exist', async () => {
    const { call } = await startBot();
    const res = await call('POST', '/api/broadcasts', { key: KEY, body: message });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'Finnes ikke.' });
  });

  it('When the key is missing or wrong, then 401 in Norwegian and nothing is sent', async () => {
    const { call, bot } = await startBot({ BROADCAST_API_KEY: KEY });
    for (const key of [undefined, 'feil', `${KEY}x`]) {
      const res = await call('POST', '/api/broadcasts', { key, body: { ...message, id: 'b-unauth' } });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect((await res.json()) as { error: string }).toEqual({ error: expect.stringContaining('API-nøkkel') });
    }
    expect((await call('GET', '/api/broadcasts/b-unauth')).status).toBe(401);
    expect(await bot.delivery.outbox.getCampaign('b-unauth')).toBeUndefined();
  });

  it('When the body is wrong, then 400 names the fields in Norwegian', async () => {
    const { call } = await startBot({ BROADCAST_API_KEY: KEY });
    const res = await call('POST', '/api/broadcasts', { key: KEY, body: { title: '', text: 'x', audience: { kind: 'roles', roles: ['sjef'] } } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; fields: { field: string; message: string }[] };
    expect(body.error).toMatch(/^Ugyldig melding/);
    expect(body.fields.map((f) => f.field).sort()).toEqual(['audience', 'title']);
    expect((await call('POST', '/api/broadcasts', { key: KEY, body: [1, 2] })).status).toBe(400);
    expect((await call('POST', '/api/broadcasts', { key: KEY, body: { ...message, id: 'mellomrom ikke lov' } })).status).toBe(400);
  });

  it('When the key is right, then 202, the progress can be followed, and the message reaches a person through the connector', async () => {
    const connector = await startFakeConnector();
    closers.push(connector.close);
    const { call, bot } = await startBot({ BROADCAST_API_KEY: KEY });
    // Kari has written to the bot once: her conversation reference points at the fake connector.
    const hello = await activityPoster({ port: bot.port, serviceUrl: connector.url })({ type: 'message', id: 'm1', text: 'hjelp' });
    expect(hello.status).toBe(200);

    const res = await call('POST', '/api/broadcasts', { key: KEY, body: { ...message, id: 'b-api' } });
    expect(res.status).toBe(202);
    const sent = (await res.json()) as { id: string; recipients: number; added: number; progress: string };
    expect(sent).toMatchObject({ id: 'b-api', progress: '/api/broadcasts/b-api' });
    expect(sent.recipients).toBeGreaterThan(1);
    expect(sent.added).toBe(sent.recipients);
    // The same call again (a retry by the other system) adds nobody.
    expect(await (await call('POST', '/api/broadcasts', { key: KEY, body: { ...message, id: 'b-api' } })).json()).toMatchObject({ added: 0 });

    const card = await connector.waitFor((a) => a.conversationId === 'a:kari-personal' && a.replyToId === undefined, 10_000);
    expect(JSON.stringify(card.activity)).toContain('Ny rutine');
    expect(JSON.stringify(card.activity)).toContain('Bekreft lest');

    await expect
      .poll(async () => ((await (await call('GET', '/api/broadcasts/b-api', { key: KEY })).json()) as { done: boolean }).done, { timeout: 10_000 })
      .toBe(true);
    const progress = (await (await call('GET', '/api/broadcasts/b-api', { key: KEY })).json()) as Record<string, number | boolean | string>;
    expect(progress).toMatchObject({ id: 'b-api', total: sent.recipients, sent: 1, notInstalled: sent.recipients - 1, pending: 0 });
    expect((await call('GET', '/api/broadcasts/finnes-ikke', { key: KEY })).status).toBe(404);
  });

  it('When the same id comes again with different content, then 409 and the first message stands; the same content again is 202 with added 0', async () => {
    const { call, bot } = await startBot({ BROADCAST_API_KEY: KEY });
    expect((await call('POST', '/api/broadcasts', { key: KEY, body: { ...message, id: 'b-conflict' } })).status).toBe(202);
    const same = await call('POST', '/api/broadcasts', { key: KEY, body: { audience: { kind: 'everyone' }, ackRequired: true, text: message.text, title: message.title, id: 'b-conflict' } });
    expect(same.status).toBe(202);
    expect(await same.json()).toMatchObject({ added: 0 });
    const other = await call('POST', '/api/broadcasts', { key: KEY, body: { ...message, text: 'En helt annen melding.', id: 'b-conflict' } });
    expect(other.status).toBe(409);
    expect(((await other.json()) as { error: string }).error).toContain('allerede brukt til en annen melding');
    expect((await bot.delivery.outbox.getCampaign('b-conflict'))?.payload).toMatchObject({ text: message.text });
  });
});
