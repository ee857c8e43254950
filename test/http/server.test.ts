import { afterEach, describe, expect, it } from 'vitest';
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
    const base = await startBot({ BOT_APP_ID: '11111111-2222-3333-4444-555555555555', BOT_APP_PASSWORD: 'secret', HOST: '127.0.0.1' });
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
    const base = await startBot({ BOT_APP_ID: '11111111-2222-3333-4444-555555555555', BOT_APP_PASSWORD: 'secret', HOST: '127.0.0.1' });
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
});
