// `npm run smoke:deploy [folder]`: starts the staged app (build/deploy/ by default) the way App Service
// and the container do — `npm start` with only production dependencies — in local mode, and asks it
// one question over HTTP the way Teams would: a Bot Framework activity to /api/messages whose reply
// comes back to a small local connector. Exits 0 only when the answer arrives and cites its source.
// Plain Node on purpose (it runs where no dev dependency is installed). Loopback only.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const folder = resolve(process.argv[2] ?? 'build/deploy');
const question = 'Hvilke krav stilles til en rektor?';
const deadline = Date.now() + 90_000;
const dataDir = mkdtempSync(join(tmpdir(), 'kompetansebot-smoke-'));

const replies = [];
const connector = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    try {
      replies.push(JSON.parse(body));
    } catch {
      /* not JSON: ignore */
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `r${replies.length}` }));
  });
});
await new Promise((ok) => connector.listen(0, '127.0.0.1', ok));
const connectorUrl = `http://127.0.0.1:${connector.address().port}/`;

const port = 20000 + Math.floor(Math.random() * 20000);
const bot = spawn('npm', ['start'], {
  cwd: folder,
  env: { ...process.env, BOT_MODE: 'local', PORT: String(port), DATA_FILE: join(dataDir, 'data.json'), LOG_LEVEL: 'warn', NODE_ENV: 'production' },
  stdio: ['ignore', 'inherit', 'inherit'],
  detached: true,
});
let exited = null;
bot.on('exit', (code) => (exited = code));

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** Stops the bot and waits for it to exit before its data folder is removed (it may be writing). */
async function finish(code, message) {
  console.log(message);
  const gone = new Promise((ok) => (exited !== null ? ok() : bot.once('exit', ok)));
  try {
    process.kill(-bot.pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
  const stopped = await Promise.race([gone.then(() => true), sleep(10_000).then(() => false)]);
  if (!stopped) {
    try {
      process.kill(-bot.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
    await Promise.race([gone, sleep(5_000)]);
  }
  // npm may exit before the node process it started: wait until the whole group is gone.
  const groupAlive = () => {
    try {
      process.kill(-bot.pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  for (let i = 0; i < 50 && groupAlive(); i++) await sleep(100);
  connector.close();
  try {
    rmSync(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  } catch {
    console.log(`Røyktest: kunne ikke rydde ${dataDir} (ikke en feil ved boten).`);
  }
  process.exit(code);
}

let health;
while (Date.now() < deadline && exited === null) {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/health`);
    if (res.ok) {
      health = await res.json();
      break;
    }
  } catch {
    /* not up yet */
  }
  await sleep(300);
}
if (!health) await finish(1, `Røyktest: boten startet ikke (exit ${exited}).`);

const activity = {
  type: 'message',
  id: 'smoke-1',
  channelId: 'msteams',
  serviceUrl: connectorUrl,
  timestamp: new Date().toISOString(),
  conversation: { id: 'a:smoke', conversationType: 'personal', tenantId: 'smoke' },
  from: { id: '29:smoke', name: 'Røyktest' },
  recipient: { id: '28:bot', name: 'Kompetansebot' },
  text: question,
};
const post = await fetch(`http://127.0.0.1:${port}/api/messages`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(activity),
});
while (Date.now() < deadline && replies.length === 0) await sleep(100);
const card = JSON.stringify(replies[0] ?? {});
const ok = post.status === 200 && /rektor/i.test(card) && /Kilde|kilde/.test(card);
await finish(
  ok ? 0 : 1,
  JSON.stringify({ smoke: ok ? 'ok' : 'failed', folder, health: health.status, storage: health.storage, httpStatus: post.status, replies: replies.length, answerMentionsRektor: /rektor/i.test(card) }),
);
