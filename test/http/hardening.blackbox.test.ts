/**
 * Black-box probe of issue 14 over real HTTP against the bot started as its own process
 * (`node --import tsx src/main.ts`), so what it prints on stdout/stderr is checked too.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createSign, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeConnector } from '../helpers/fake-connector.js';
import { projectRoot } from '../../src/util/project-root.js';

const APP_ID = '11111111-2222-3333-4444-555555555555';

interface Started {
  child: ChildProcess;
  out: () => string;
  exited: Promise<number | null>;
}

function startProcess(env: Record<string, string>): Started {
  const dataFile = join(mkdtempSync(join(tmpdir(), 'kbot-blackbox-')), 'db.json');
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', DATA_FILE: dataFile, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, out: () => out, exited };
}

async function waitForPort(p: Started): Promise<number> {
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    const m = /"port":(\d+)/.exec(p.out());
    if (m) return Number(m[1]);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the bot did not start:\n${p.out()}`);
}

const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const claims = (extra: Record<string, unknown> = {}) => ({
  iss: 'https://api.botframework.com',
  aud: APP_ID,
  serviceUrl: 'http://127.0.0.1:1/',
  nbf: Math.floor(Date.now() / 1000) - 60,
  exp: Math.floor(Date.now() / 1000) + 3600,
  ...extra,
});
/** A token signed with a key of our own (a «foreign» key: not one of Bot Framework's). */
function foreignSigned(payload: Record<string, unknown>): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const input = `${b64url({ alg: 'RS256', typ: 'JWT', kid: 'fremmed-nokkel' })}.${b64url(payload)}`;
  return `${input}.${createSign('RSA-SHA256').update(input).sign(privateKey).toString('base64url')}`;
}

const activity = (serviceUrl: string) => ({
  type: 'message',
  id: 'probe-1',
  text: 'hvem er jeg',
  channelId: 'msteams',
  serviceUrl,
  conversation: { id: 'a:probe' },
  from: { id: '29:probe', aadObjectId: '555ac447-9d7c-4917-a7be-c0f80eb6e72e' },
  recipient: { id: '28:bot' },
});

describe('Black box: the bot started as a process in cloud mode', () => {
  let bot: Started;
  let base: string;
  let connector: Awaited<ReturnType<typeof startFakeConnector>>;

  beforeAll(async () => {
    connector = await startFakeConnector();
    bot = startProcess({
      BOT_MODE: 'cloud',
      BOT_APP_ID: APP_ID,
      BOT_APP_PASSWORD: 'hemmelig-passord',
      HOST: '127.0.0.1',
      PUBLIC_BASE_URL: 'https://kompetansebot.example.no',
      LOG_LEVEL: 'info',
    });
    base = `http://127.0.0.1:${await waitForPort(bot)}`;
  }, 60_000);

  afterAll(async () => {
    bot?.child.kill('SIGTERM');
    await bot?.exited;
    await connector?.close();
  });

  it('When a web page posts a form to /api/messages or /api/broadcasts, then 415 and nothing reaches the connector', async () => {
    const form = `type=message&channelId=msteams&serviceUrl=${encodeURIComponent(`${connector.url}/exfil/`)}&conversation[id]=a:x&from[id]=29:x&recipient[id]=28:bot&text=hvem er jeg`;
    for (const [path, type] of [
      ['/api/messages', 'application/x-www-form-urlencoded'],
      ['/api/messages', 'text/plain'],
      ['/api/messages', 'multipart/form-data; boundary=x'],
      ['/api/broadcasts', 'application/x-www-form-urlencoded'],
    ] as const) {
      const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': type }, body: form });
      expect(res.status, `${path} ${type}`).toBe(415);
      expect(await res.json()).toEqual({ error: 'Bare application/json er tillatt.' });
    }
    expect(connector.received).toHaveLength(0);
    // One log line each (and all of them out of the pipe before the next test reads the output).
    await expect.poll(() => bot.out().split('\n').filter((l) => l.includes('"http.unsupportedMediaType"')).length, { timeout: 5_000 }).toBe(4);
  });

  it('When tokens are forged (alg none, a foreign key, expired, garbage), then each gets 401 with a generic body, one log line and no key material or stack on the console', async () => {
    const before = bot.out().length;
    const tokens = {
      none: `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims())}.`,
      foreign: foreignSigned(claims()),
      expired: foreignSigned(claims({ exp: Math.floor(Date.now() / 1000) - 7200 })),
      garbage: 'not.a.jwt',
    };
    for (const [name, token] of Object.entries(tokens)) {
      const res = await fetch(`${base}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(activity(connector.url)),
      });
      expect(res.status, name).toBe(401);
      expect(await res.json(), name).toEqual({ error: 'Ikke autorisert.' });
    }
    await expect.poll(() => bot.out().slice(before).split('\n').filter((l) => l.includes('"http.unauthorized"')).length, { timeout: 5_000 }).toBe(Object.keys(tokens).length);
    await new Promise((r) => setTimeout(r, 300));
    const printed = bot.out().slice(before);
    const lines = printed.split('\n').filter(Boolean);
    expect(lines.filter((l) => l.includes('"http.unauthorized"'))).toHaveLength(Object.keys(tokens).length);
    // Nothing else: no stack trace, no «Available keys», no token, no library message.
    expect(lines.filter((l) => !l.includes('"http.unauthorized"'))).toEqual([]);
    expect(printed).not.toMatch(/Available keys|BEGIN|    at |eyJ/);
    expect(connector.received).toHaveLength(0);
  });

  it('When /api/health is asked from outside, then only the status; locally the details', async () => {
    const local = (await (await fetch(`${base}/api/health`)).json()) as Record<string, unknown>;
    expect(local).toMatchObject({ status: 'ok', mode: 'cloud' });
  });
});

describe('Black box: starting in cloud mode without PUBLIC_BASE_URL', () => {
  it('When PUBLIC_BASE_URL is missing, then the process refuses to start and says why in Norwegian', async () => {
    const p = startProcess({ BOT_MODE: 'cloud', BOT_APP_ID: APP_ID, BOT_APP_PASSWORD: 'hemmelig-passord', HOST: '127.0.0.1' });
    const code = await p.exited;
    expect(code).toBe(1);
    expect(p.out()).toContain('Kompetansebot startet ikke.');
    expect(p.out()).toMatch(/PUBLIC_BASE_URL: må være satt når BOT_MODE=cloud/);
  }, 60_000);

  it('When PUBLIC_BASE_URL is plain http, then it refuses too', async () => {
    const p = startProcess({ BOT_MODE: 'cloud', BOT_APP_ID: APP_ID, BOT_APP_PASSWORD: 'hemmelig-passord', PUBLIC_BASE_URL: 'http://kompetansebot.example.no' });
    expect(await p.exited).toBe(1);
    expect(p.out()).toMatch(/PUBLIC_BASE_URL: må begynne med https:\/\//);
  }, 60_000);
});
