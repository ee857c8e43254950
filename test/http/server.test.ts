import { afterEach, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/main.js';
import { startFakeConnector } from '../helpers/fake-connector.js';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (stops.length) await stops.pop()!();
});

async function startBot(env: Record<string, string>) {
  const dataFile = join(mkdtempSync(join(tmpdir(), 'kbot-http-')), 'db.json');
  const bot = await main({ PORT: '0', DATA_FILE: dataFile, LOG_LEVEL: 'silent', ...env });
  stops.push(bot.stop);
  return `http://127.0.0.1:${bot.port}`;
}

function activity(serviceUrl: string, text: string, id = 'msg-1') {
  return {
    type: 'message',
    id,
    text,
    channelId: 'msteams',
    serviceUrl,
    conversation: { id: 'conv-http' },
    from: { id: '29:user', aadObjectId: '00000000-0000-4000-8000-000000000009', name: 'Test' },
    recipient: { id: '28:bot', name: 'Kompetansebot' },
  };
}

describe('HTTP server', () => {
  it('When an app id is configured, then a request without a token gets 401 and no reply is sent', async () => {
    const connector = await startFakeConnector();
    stops.push(connector.close);
    const base = await startBot({ BOT_APP_ID: '11111111-2222-3333-4444-555555555555', BOT_APP_PASSWORD: 'secret', HOST: '127.0.0.1', PUBLIC_BASE_URL: 'https://bot.example.no' });
    const res = await fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity(connector.url, 'hjelp')),
    });
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(connector.received).toHaveLength(0);
  });

  it('When a forged token is sent, then it gets 401 too', async () => {
    const connector = await startFakeConnector();
    stops.push(connector.close);
    const base = await startBot({ BOT_APP_ID: '11111111-2222-3333-4444-555555555555', BOT_APP_PASSWORD: 'secret', HOST: '127.0.0.1', PUBLIC_BASE_URL: 'https://bot.example.no' });
    const res = await fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0.' },
      body: JSON.stringify(activity(connector.url, 'hjelp')),
    });
    expect(res.status).toBe(401);
    expect(connector.received).toHaveLength(0);
  });

  it('When the body is not JSON or not an activity, then it gets 400 with a Norwegian message', async () => {
    const base = await startBot({ BOT_MODE: 'local' });
    const bad = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type": "mess' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toMatch(/Ugyldig/);
    const missing = await fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'hei' }),
    });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: string }).error).toMatch(/conversation|serviceUrl/);
    const wrongTypes = await fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...activity('http://127.0.0.1:1/', 'x'), conversation: 'nope', from: 42 }),
    });
    expect(wrongTypes.status).toBe(400);
    // The server is still alive after all that.
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
  });

  it('When running locally, then a question posted over HTTP is answered through the connector', async () => {
    const connector = await startFakeConnector();
    stops.push(connector.close);
    const base = await startBot({ BOT_MODE: 'local' });
    const health = (await (await fetch(`${base}/api/health`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ status: 'ok', mode: 'local', storage: 'lowdb' });
    const res = await fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity(connector.url, 'hjelp')),
    });
    expect(res.status).toBe(200);
    const reply = await connector.waitFor((a) => a.replyToId === 'msg-1');
    expect(JSON.stringify(reply.activity)).toContain('Kompetansebot');
  });

  it('When a web page posts a form in local mode (a «simple request»), then 415 and no reply goes to the serviceUrl it chose', async () => {
    const connector = await startFakeConnector();
    stops.push(connector.close);
    const base = await startBot({ BOT_MODE: 'local' });
    const form = `type=message&channelId=msteams&serviceUrl=${encodeURIComponent(`${connector.url}/exfil/`)}&conversation[id]=a:x&from[id]=29:x&from[aadObjectId]=555ac447-9d7c-4917-a7be-c0f80eb6e72e&recipient[id]=28:bot&text=hvem er jeg`;
    const res = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
    expect(res.status).toBe(415);
    const noType = await fetch(`${base}/api/messages`, { method: 'POST', body: JSON.stringify(activity(connector.url, 'hvem er jeg')) });
    expect(noType.status).toBe(415);
    await new Promise((r) => setTimeout(r, 300));
    expect(connector.received).toHaveLength(0);
  });

  it('When an activity has malformed entities or aadObjectId, then 400 names the field and the turn never runs', async () => {
    const connector = await startFakeConnector();
    stops.push(connector.close);
    const base = await startBot({ BOT_MODE: 'local' });
    const good = activity(connector.url, 'hjelp');
    const cases: [string, Record<string, unknown>][] = [
      ['entities', { ...good, entities: 'x' }],
      ['entities.0', { ...good, entities: [null] }],
      ['from.aadObjectId', { ...good, from: { ...good.from, aadObjectId: 42 } }],
      ['from.aadObjectId', { ...good, from: { ...good.from, aadObjectId: { id: 'x' } } }],
      ['attachments', { ...good, attachments: 'x' }],
      ['channelData', { ...good, channelData: 'x' }],
      ['membersAdded.0.id', { ...good, type: 'conversationUpdate', membersAdded: [{}] }],
    ];
    for (const [field, body] of cases) {
      const res = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.status, field).toBe(400);
      expect(((await res.json()) as { error: string }).error, field).toContain(field);
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(connector.received).toHaveLength(0);
  });

  const outside = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
  it.skipIf(!outside)('When /api/health is asked from another machine, then only {status}; with the broadcast key or on the machine itself, the details', async () => {
    const key = 'K2Vcm9q3gWOUV8zzbm2t8TUd/UH7F0hntyuCcKGBJi8=';
    const local = await startBot({ BOT_APP_ID: '11111111-2222-3333-4444-555555555555', BOT_APP_PASSWORD: 'secret', HOST: '0.0.0.0', PUBLIC_BASE_URL: 'https://bot.example.no', BROADCAST_API_KEY: key });
    const remote = local.replace('127.0.0.1', outside!);
    expect(await (await fetch(`${remote}/api/health`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${remote}/api/health`, { headers: { authorization: 'Bearer feil' } })).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${remote}/api/health`, { headers: { authorization: `Bearer ${key}` } })).json()).toMatchObject({ status: 'ok', mode: 'cloud', employees: expect.any(Number) });
    expect(await (await fetch(`${local}/api/health`)).json()).toMatchObject({ status: 'ok', mode: 'cloud', employees: expect.any(Number) });
  });

  it('When a page uses DNS rebinding (its own host name pointing at 127.0.0.1) in local mode, then 403; 127.0.0.1 and localhost are answered', async () => {
    const connector = await startFakeConnector();
    stops.push(connector.close);
    const base = await startBot({ BOT_MODE: 'local' });
    const port = Number(new URL(base).port);
    const post = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const body = JSON.stringify(activity(connector.url, 'hvem er jeg', `rebind-${host}`));
        const req = request({ host: '127.0.0.1', port, path: '/api/messages', method: 'POST', headers: { host, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end(body);
      });
    expect(await post(`angriper.example:${port}`)).toBe(403);
    expect(await post('angriper.example')).toBe(403);
    await new Promise((r) => setTimeout(r, 300));
    expect(connector.received).toHaveLength(0);
    expect(await post(`localhost:${port}`)).toBe(200);
    expect(await post(`127.0.0.1:${port}`)).toBe(200);
  });
});
