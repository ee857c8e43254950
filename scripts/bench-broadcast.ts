/**
 * `npm run bench:broadcast`: an HR broadcast to 12,573 recipients (Bærum's head-count) through a
 * fake Bot Connector on loopback that enforces the configured rate (token bucket; 429 with
 * Retry-After above it) and fails ~1 % of requests with a 5xx. The bot side is a child process
 * (scripts/bench-broadcast-worker.ts: real lowdb store, outbox, rate limiter, retry, dispatcher,
 * Bot Framework sender). Run 1 is uninterrupted; in run 2 the child is killed with SIGKILL halfway
 * and restarted. The connector counts successful deliveries per recipient.
 *
 * rateShare = successful deliveries / sending time / configured rate; the sending time runs from
 * the first to the last successful delivery and, in the crash run, leaves out the time the bot
 * was dead (kill → first delivery of the restarted process), which is printed on its own.
 *
 * Env: BENCH_RECIPIENTS (12573), BENCH_RATE (200 msg/s), BENCH_ERROR_SHARE (0.01).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../src/logging/logger.js';
import { createBroadcastService } from '../src/modules/broadcast/broadcast-service.js';
import { createDelivery } from '../src/modules/delivery/delivery.js';
import { createOrgDirectory } from '../src/modules/org/org-directory.js';
import type { Employee, OrgSnapshot } from '../src/modules/org/model.js';
import { systemClock } from '../src/scheduler/clock.js';
import { openStore } from '../src/storage/open-store.js';
import type { OutboxCounts } from '../src/storage/ports.js';
import { projectRoot } from '../src/util/project-root.js';

const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 12_573);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const ERROR_SHARE = Number(process.env.BENCH_ERROR_SHARE ?? 0.01);
/** The connector lets this much through back to back (a tenth of a second's worth). */
const BURST = Math.max(1, Math.round(RATE / 10));

interface Connector {
  url: string;
  /** Successful deliveries per conversation id. */
  delivered: Map<string, number>;
  /** performance.now() of every successful delivery. */
  times: number[];
  stats: { requests: number; throttled: number; injected: number };
  close(): Promise<void>;
}

/** The fake Bot Connector: token bucket at RATE (429 + Retry-After above it), ~1 % 5xx. */
async function startConnector(): Promise<Connector> {
  const delivered = new Map<string, number>();
  const times: number[] = [];
  const stats = { requests: 0, throttled: 0, injected: 0 };
  let tokens = BURST;
  let last = performance.now();
  let nextId = 1;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      stats.requests++;
      const match = /^\/v3\/conversations\/([^/]+)\/activities\/?$/.exec(req.url ?? '');
      if (!match || req.method !== 'POST') {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"NotFound"}}');
        return;
      }
      const now = performance.now();
      tokens = Math.min(BURST, tokens + ((now - last) * RATE) / 1000);
      last = now;
      if (tokens < 1) {
        stats.throttled++;
        const waitS = Math.max(1, Math.ceil((1 - tokens) / RATE));
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(waitS) }).end('{"error":{"code":"TooManyRequests"}}');
        return;
      }
      tokens -= 1;
      if (Math.random() < ERROR_SHARE) {
        stats.injected++;
        const status = [500, 502, 503, 504][Math.floor(Math.random() * 4)]!;
        res.writeHead(status, { 'content-type': 'application/json' }).end(`{"error":{"code":"Http${status}"}}`);
        return;
      }
      const conversationId = decodeURIComponent(match[1]!);
      delivered.set(conversationId, (delivered.get(conversationId) ?? 0) + 1);
      times.push(now);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `act-${nextId++}` }));
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    delivered,
    times,
    stats,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const employeeId = (i: number) => `${100000 + i}`;
const conversationOf = (id: string) => `a:bench-${id}`;

/** A data file with 12,573 conversation references and the broadcast enqueued by the real service. */
async function prepare(dir: string, connectorUrl: string, campaignId: string): Promise<string> {
  const dataFile = join(dir, 'data.json');
  const store = await openStore(dataFile);
  const employees: Employee[] = Array.from({ length: RECIPIENTS }, (_, i) => ({
    employeeId: employeeId(i),
    name: `Ansatt ${i}`,
    upn: `ansatt${i}@baerum.example`,
    unitId: 'kommunen',
    position: { title: 'Rådgiver', code: '1065' },
    employmentPercent: 100,
    roles: i === 0 ? ['hr'] : [],
  }));
  const snapshot: OrgSnapshot = { units: [{ id: 'kommunen', name: 'Bærum kommune' }], employees, importedAt: new Date().toISOString(), source: 'bench' };
  const directory = createOrgDirectory(snapshot);
  const updatedAt = new Date().toISOString();
  for (let i = 0; i < employees.length; i += 500) {
    await Promise.all(
      employees.slice(i, i + 500).map((e) =>
        store.conversationRefs.save({
          key: `user:${e.employeeId}`, kind: 'user', serviceUrl: connectorUrl, conversationId: conversationOf(e.employeeId), tenantId: 'bench-tenant', botId: '28:bench', channelId: 'msteams', userId: `29:${e.employeeId}`, employeeId: e.employeeId, updatedAt,
        }),
      ),
    );
  }
  // The parent only enqueues; the child sends.
  const delivery = createDelivery({ store, org: { directory: () => directory }, sender: { send: async () => ({}) }, clock: systemClock, logger: silentLogger });
  const broadcast = createBroadcastService({ org: { directory: () => directory }, delivery, qaTitle: () => undefined, clock: systemClock, logger: silentLogger, hrContact: 'HR' });
  const sent = await broadcast.send(
    { kind: 'employee', employeeId: employeeId(0) },
    { title: 'Ny rutine for medarbeidersamtaler', text: 'Fra 1. januar gjelder ny rutine for medarbeidersamtaler. Les mer i Kompetansebot.', audience: { kind: 'everyone' }, ackRequired: true },
    campaignId,
  );
  if (!sent.ok || sent.added !== RECIPIENTS) throw new Error(`enqueue failed: ${JSON.stringify(sent)}`);
  await store.close();
  return dataFile;
}

function startWorker(dataFile: string, campaignId: string, onCounts: (c: OutboxCounts) => void): { child: ChildProcess; done: Promise<'done' | 'killed'> } {
  const child = fork(join(projectRoot, 'scripts/bench-broadcast-worker.ts'), [], {
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [])],
    env: { ...process.env, DATA_FILE: dataFile, CAMPAIGN_ID: campaignId, SEND_RATE_PER_SECOND: String(RATE) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const done = new Promise<'done' | 'killed'>((resolve, reject) => {
    child.on('message', (m: { type: string; counts?: OutboxCounts }) => {
      if (m.type === 'counts' && m.counts) onCounts(m.counts);
    });
    child.once('exit', (code, signal) => (signal === 'SIGKILL' ? resolve('killed') : code === 0 ? resolve('done') : reject(new Error(`worker exited with ${code}`))));
  });
  return { child, done };
}

interface RunResult {
  rateShare: number;
  duplicates: number;
  lost: number;
  elapsedS: number;
  sendingS: number;
  downtimeS: number;
  final: OutboxCounts;
  connector: Connector['stats'];
}

async function run(label: string, crash: boolean): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'kbot-bench-broadcast-'));
  const connector = await startConnector();
  const campaignId = `bench-${crash ? 'crash' : 'plain'}`;
  try {
    process.stdout.write(`${label}: forbereder ${RECIPIENTS.toLocaleString('nb-NO')} mottakere … `);
    const dataFile = await prepare(dir, connector.url, campaignId);
    process.stdout.write('ferdig\n');
    const started = performance.now();
    let final: OutboxCounts | undefined;
    let killAt: number | undefined;
    let firstAfterRestart: number | undefined;

    const first = startWorker(dataFile, campaignId, (c) => (final = c));
    if (crash) {
      // Halfway: kill -9 once half the recipients have a delivery at the connector.
      await new Promise<void>((resolve) => {
        const timer = setInterval(() => {
          if (connector.times.length >= RECIPIENTS / 2) {
            clearInterval(timer);
            resolve();
          }
        }, 5);
      });
      first.child.kill('SIGKILL');
      killAt = performance.now();
      await first.done;
      const deliveredAtKill = connector.times.length;
      console.log(`${label}: drept med SIGKILL etter ${deliveredAtKill.toLocaleString('nb-NO')} leveringer; starter boten på nytt`);
      const second = startWorker(dataFile, campaignId, (c) => (final = c));
      await second.done;
      firstAfterRestart = connector.times.find((t) => t > killAt!);
    } else {
      await first.done;
    }
    const elapsedS = (performance.now() - started) / 1000;

    const times = connector.times;
    const span = (times[times.length - 1]! - times[0]!) / 1000;
    const downtimeS = killAt !== undefined && firstAfterRestart !== undefined ? (firstAfterRestart - killAt) / 1000 : 0;
    const sendingS = span - downtimeS;
    let duplicates = 0;
    let lost = 0;
    for (let i = 0; i < RECIPIENTS; i++) {
      const n = connector.delivered.get(conversationOf(employeeId(i))) ?? 0;
      if (n > 1) duplicates++;
      if (n === 0) lost++;
    }
    const successes = [...connector.delivered.values()].reduce((a, b) => a + b, 0);
    const rateShare = successes / sendingS / RATE;
    const r = { rateShare, duplicates, lost, elapsedS, sendingS, downtimeS, final: final!, connector: { ...connector.stats } };
    console.log(
      `${label}: ${elapsedS.toFixed(1)} s i alt, sending ${sendingS.toFixed(1)} s` +
        (crash ? ` (+ ${downtimeS.toFixed(1)} s nede)` : '') +
        `, ${(successes / sendingS).toFixed(1)} msg/s = ${(rateShare * 100).toFixed(1)} % av ${RATE}/s; ` +
        `duplikater ${duplicates}, tapt ${lost}; connector: ${r.connector.requests} kall, ${r.connector.throttled} × 429, ${r.connector.injected} × 5xx; ` +
        `outbox: sendt ${r.final.sent}, feilet ${r.final.failed}, venter ${r.final.pending + r.final.retrying}`,
    );
    return r;
  } finally {
    await connector.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  console.log(`bench:broadcast – ${RECIPIENTS.toLocaleString('nb-NO')} mottakere, ${RATE} msg/s, ${(ERROR_SHARE * 100).toFixed(1)} % 5xx`);
  const plain = await run('Kjøring 1 (uten avbrudd)', false);
  const crash = await run('Kjøring 2 (kill -9 halvveis)', true);
  const round = (n: number) => Math.round(n * 1000) / 1000;
  console.log(
    JSON.stringify({
      recipients: RECIPIENTS,
      rateShare: round(plain.rateShare),
      duplicates: plain.duplicates,
      lost: plain.lost,
      crashRun: { rateShare: round(crash.rateShare), duplicates: crash.duplicates, lost: crash.lost },
    }),
  );
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
