/**
 * `npm run bench:broadcast`: an HR broadcast to 12,573 recipients (Bærum's head-count) through a
 * fake Bot Connector on loopback that enforces the configured rate (token bucket; 429 with
 * Retry-After above it) and fails ~1 % of requests with a 5xx. The bot side is a child process
 * (scripts/bench-broadcast-worker.ts: real lowdb store, outbox, rate limiter, retry, dispatcher,
 * Bot Framework sender). Run 1 is uninterrupted; in run 2 the child is killed with SIGKILL halfway
 * and restarted. The connector counts successful deliveries per recipient.
 *
 * The limit the connector enforces (and the bot's rate limiter keeps to): a token bucket of
 * BENCH_RATE/s holding a tenth of a second's worth; every POST it accepts (200 or injected 5xx)
 * takes a token, a POST finding the bucket empty gets 429 with Retry-After (at least 1 s).
 *
 * rateShare = successful deliveries (200s, duplicates included) / sending time / configured rate;
 * the sending time runs from the first to the last successful delivery and, in the crash run,
 * leaves out the time the bot was dead (kill → first delivery by the restarted process, told
 * apart by its own connections), which is printed on its own. Retries of injected 5xx take slots
 * too, so rateShare cannot exceed about 1 − BENCH_ERROR_SHARE; the share of slots used (every
 * accepted POST, 5xx included, per sending second) is printed beside it.
 *
 * The machine's load average is printed with each run: the bot is one process among others, and
 * on a busy machine it gets too little CPU to keep up with the rate.
 *
 * PostgreSQL (issue #6): with BENCH_DATABASE_URL the store is PostgreSQL (a fresh schema per run,
 * dropped afterwards) and BENCH_INSTANCES bot processes (default 2) send the same campaign at once,
 * each configured with the full rate: they share one limiter kept in the database, so the total
 * stays at the rate (the connector answers 429 above it, so its 429 count shows whether the
 * sharing works), and the survivor takes the whole rate when one dies. In the crash run one of
 * them is killed halfway and restarted while the others go on; since sending never stops, the
 * sending time is then first to last delivery with nothing left out.
 *
 * Env: BENCH_RECIPIENTS (12573), BENCH_RATE (200 msg/s), BENCH_ERROR_SHARE (0.01), BENCH_DEBUG
 * (deliveries per second and quantiles of the delivery times),
 * BENCH_CRASH_RUNS (1): with more, the crash run is repeated and the JSON line's crashRun has the
 * lowest rateShare and the sums of duplicates and lost over all crash runs.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../src/logging/logger.js';
import { createBroadcastService } from '../src/modules/broadcast/broadcast-service.js';
import { createDelivery } from '../src/modules/delivery/delivery.js';
import { createOrgDirectory } from '../src/modules/org/org-directory.js';
import type { Employee, OrgSnapshot } from '../src/modules/org/model.js';
import { systemClock } from '../src/shared/dates.js';
import { openStore } from '../src/storage/open-store.js';
import { openPostgresStore } from '../src/storage/postgres/postgres-store.js';
import pg from 'pg';
import type { OutboxCounts } from '../src/storage/ports/delivery.js';
import { projectRoot } from '../src/util/project-root.js';

const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 12_573);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const ERROR_SHARE = Number(process.env.BENCH_ERROR_SHARE ?? 0.01);
/** The connector lets this much through back to back (a tenth of a second's worth). */
const BURST = Math.max(1, Math.round(RATE / 10));
const DATABASE_URL = process.env.BENCH_DATABASE_URL;
const INSTANCES = Math.max(1, Math.floor(Number(process.env.BENCH_INSTANCES ?? (DATABASE_URL ? 2 : 1))));
if (INSTANCES > 1 && !DATABASE_URL) throw new Error('BENCH_INSTANCES > 1 needs BENCH_DATABASE_URL (lowdb is one process by design)');

/** Where a run's data lives: a lowdb file, or a PostgreSQL schema of its own. */
type BenchStore = { kind: 'lowdb'; dataFile: string } | { kind: 'postgres'; url: string; schema: string };
const openBenchStore = (s: BenchStore) => (s.kind === 'lowdb' ? openStore(s.dataFile) : openPostgresStore(s.url, { schema: s.schema }));
async function dropBenchStore(s: BenchStore): Promise<void> {
  if (s.kind !== 'postgres') return;
  const client = new pg.Client({ connectionString: s.url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${s.schema} CASCADE`);
  } finally {
    await client.end();
  }
}

interface Connector {
  url: string;
  /** Successful deliveries per conversation id. */
  delivered: Map<string, number>;
  /** performance.now() of every successful delivery. */
  times: number[];
  /** Per successful delivery: the generation of the connection it came over (see `nextGeneration`). */
  generations: number[];
  stats: { requests: number; throttled: number; injected: number };
  /** Connections opened from now on belong to a new generation (a restarted bot); returns it. */
  nextGeneration(): number;
  close(): Promise<void>;
}

/** The fake Bot Connector: token bucket at RATE (429 + Retry-After above it), ~1 % 5xx. */
async function startConnector(): Promise<Connector> {
  const delivered = new Map<string, number>();
  const times: number[] = [];
  const generations: number[] = [];
  let generation = 0;
  const socketGeneration = new WeakMap<object, number>();
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
      generations.push(socketGeneration.get(req.socket) ?? 0);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `act-${nextId++}` }));
    });
  });
  server.on('connection', (socket) => socketGeneration.set(socket, generation));
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    delivered,
    times,
    generations,
    stats,
    nextGeneration: () => ++generation,
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
async function prepare(target: BenchStore, connectorUrl: string, campaignId: string): Promise<void> {
  const store = await openBenchStore(target);
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
}

interface WorkerSettings {
  burst: number;
  shared: boolean;
  maxInFlight: number;
  concurrency: number;
}
let workerSettingsShown = false;

function startWorker(target: BenchStore, campaignId: string, onCounts: (c: OutboxCounts) => void): { child: ChildProcess; done: Promise<'done' | 'killed'> } {
  const child = fork(join(projectRoot, 'scripts/bench-broadcast-worker.ts'), [], {
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [])],
    env: {
      ...process.env,
      ...(target.kind === 'lowdb' ? { DATA_FILE: target.dataFile } : { STORE_URL: target.url, STORE_SCHEMA: target.schema }),
      CAMPAIGN_ID: campaignId,
      // Every instance gets the tenant's whole rate: with PostgreSQL they share one limiter in the database.
      SEND_RATE_PER_SECOND: String(RATE),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const done = new Promise<'done' | 'killed'>((resolve, reject) => {
    child.on('message', (m: { type: string; counts?: OutboxCounts; settings?: WorkerSettings }) => {
      if (m.type === 'counts' && m.counts) onCounts(m.counts);
      if (m.type === 'ready' && m.settings && !workerSettingsShown) {
        workerSettingsShown = true;
        const { burst, maxInFlight, concurrency, shared } = m.settings;
        console.log(
          `${INSTANCES > 1 ? `${INSTANCES} instanser mot én PostgreSQL, ${shared ? 'med én felles grense i databasen' : 'hver med sin egen grense'}; ` : ''}boten: GCRA ${RATE}/s ${shared ? 'i alt ' : ''}med plass til ${burst} etter hverandre (${((burst * 1000) / RATE).toFixed(0)} ms) – samme definisjon, halve bøtta; ` +
            `høyst ${maxInFlight} kall underveis, ${concurrency} meldinger i arbeid`,
        );
      }
    });
    child.once('exit', (code, signal) => (signal === 'SIGKILL' ? resolve('killed') : code === 0 ? resolve('done') : reject(new Error(`worker exited with ${code}`))));
  });
  return { child, done };
}

interface RunResult {
  rateShare: number;
  /** Accepted POSTs (200 and injected 5xx) per sending second / configured rate: the slots used. */
  slotShare: number;
  duplicates: number;
  lost: number;
  elapsedS: number;
  sendingS: number;
  downtimeS: number;
  final: OutboxCounts;
  connector: Connector['stats'];
}

let runNo = 0;

async function run(label: string, crash: boolean): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'kbot-bench-broadcast-'));
  const connector = await startConnector();
  const campaignId = `bench-${crash ? 'crash' : 'plain'}`;
  const target: BenchStore = DATABASE_URL
    ? { kind: 'postgres', url: DATABASE_URL, schema: `kbbench_bc_${process.pid}_${++runNo}` }
    : { kind: 'lowdb', dataFile: join(dir, 'data.json') };
  try {
    process.stdout.write(`${label}: forbereder ${RECIPIENTS.toLocaleString('nb-NO')} mottakere … `);
    await prepare(target, connector.url, campaignId);
    process.stdout.write('ferdig\n');
    const started = performance.now();
    const load1Before = loadavg()[0]!;
    let final: OutboxCounts | undefined;
    let killAt: number | undefined;
    let firstAfterRestart: number | undefined;

    const first = startWorker(target, campaignId, (c) => (final = c));
    // Further instances on the same database (PostgreSQL only); they are never killed.
    const others = Array.from({ length: INSTANCES - 1 }, () => startWorker(target, campaignId, (c) => (final = c)));
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
      // POSTs the dead process had on the wire may still arrive; the restarted one is told apart by its connections.
      const restarted = connector.nextGeneration();
      const second = startWorker(target, campaignId, (c) => (final = c));
      await Promise.all([second.done, ...others.map((o) => o.done)]);
      firstAfterRestart = connector.times.find((_, i) => connector.generations[i] === restarted);
    } else {
      await Promise.all([first.done, ...others.map((o) => o.done)]);
    }
    const elapsedS = (performance.now() - started) / 1000;

    const times = connector.times;
    const span = (times[times.length - 1]! - times[0]!) / 1000;
    const downtimeS = killAt !== undefined && firstAfterRestart !== undefined ? (firstAfterRestart - killAt) / 1000 : 0;
    // With several instances sending never stops: nothing is left out.
    const sendingS = INSTANCES > 1 ? span : span - downtimeS;
    let duplicates = 0;
    let lost = 0;
    for (let i = 0; i < RECIPIENTS; i++) {
      const n = connector.delivered.get(conversationOf(employeeId(i))) ?? 0;
      if (n > 1) duplicates++;
      if (n === 0) lost++;
    }
    const successes = [...connector.delivered.values()].reduce((a, b) => a + b, 0);
    if (process.env.BENCH_DEBUG) {
      const t0 = times[0]!;
      const at = (q: number) => ((times[Math.floor(q * (times.length - 1))]! - t0) / 1000).toFixed(2);
      const perSecond = new Map<number, number>();
      for (const t of times) perSecond.set(Math.floor((t - t0) / 1000), (perSecond.get(Math.floor((t - t0) / 1000)) ?? 0) + 1);
      console.log(`DEBUG quantiles 50% ${at(0.5)} 90% ${at(0.9)} 99% ${at(0.99)} 99.9% ${at(0.999)} 100% ${at(1)}; per second: ${[...perSecond.values()].join(' ')}`);
    }
    const rateShare = successes / sendingS / RATE;
    const slotShare = (successes + connector.stats.injected) / sendingS / RATE;
    const r = { rateShare, slotShare, duplicates, lost, elapsedS, sendingS, downtimeS, final: final!, connector: { ...connector.stats } };
    console.log(
      `${label}: ${elapsedS.toFixed(1)} s i alt, sending ${sendingS.toFixed(1)} s` +
        (crash ? (INSTANCES > 1 ? ` (én instans nede ${downtimeS.toFixed(1)} s, regnet med)` : ` (+ ${downtimeS.toFixed(1)} s nede)`) : '') +
        `, ${(successes / sendingS).toFixed(1)} leverte msg/s = ${(rateShare * 100).toFixed(1)} % av ${RATE}/s ` +
        `(godtatte kall inkl. 5xx: ${(slotShare * 100).toFixed(1)} %); ` +
        `duplikater ${duplicates}, tapt ${lost}; connector: ${r.connector.requests} kall, ${r.connector.throttled} × 429, ${r.connector.injected} × 5xx; ` +
        `outbox: sendt ${r.final.sent}, feilet ${r.final.failed}, venter ${r.final.pending + r.final.retrying}; ` +
        `maskinlast (1 min) ${load1Before.toFixed(1)} → ${loadavg()[0]!.toFixed(1)} på ${availableParallelism()} kjerner`,
    );
    return r;
  } finally {
    await connector.close();
    rmSync(dir, { recursive: true, force: true });
    await dropBenchStore(target);
  }
}

const CRASH_RUNS = Math.max(1, Math.floor(Number(process.env.BENCH_CRASH_RUNS ?? 1)));

async function main() {
  console.log(
    `bench:broadcast – ${RECIPIENTS.toLocaleString('nb-NO')} mottakere, ${RATE} msg/s, ${(ERROR_SHARE * 100).toFixed(1)} % 5xx; ` +
      (DATABASE_URL ? `PostgreSQL, ${INSTANCES} instanser samtidig` : 'lowdb, én instans'),
  );
  console.log(
    `grense i connectoren: token bucket, ${RATE}/s, plass til ${BURST} (1/10 s); hvert godtatt kall (200 eller 5xx) bruker en plass, ellers 429 + Retry-After. ` +
      'rateShare = leverte meldinger (200) per sekund sendetid / konfigurert rate; sendetid = første til siste levering, minus nedetid etter kill',
  );
  const plain = await run('Kjøring 1 (uten avbrudd)', false);
  const crashes: RunResult[] = [];
  for (let i = 0; i < CRASH_RUNS; i++) crashes.push(await run(`Kjøring ${i + 2} (kill -9 halvveis)`, true));
  if (CRASH_RUNS > 1) {
    console.log(
      `kill -9-kjøringer: duplikater per kjøring [${crashes.map((c) => c.duplicates).join(', ')}], tapt [${crashes.map((c) => c.lost).join(', ')}], ` +
        `rateShare [${crashes.map((c) => c.rateShare.toFixed(3)).join(', ')}]`,
    );
  }
  const round = (n: number) => Math.round(n * 1000) / 1000;
  const sum = (f: (r: RunResult) => number) => crashes.reduce((a, r) => a + f(r), 0);
  console.log(
    JSON.stringify({
      recipients: RECIPIENTS,
      rateShare: round(plain.rateShare),
      duplicates: plain.duplicates,
      lost: plain.lost,
      crashRun: { rateShare: round(Math.min(...crashes.map((c) => c.rateShare))), duplicates: sum((r) => r.duplicates), lost: sum((r) => r.lost) },
      ...(CRASH_RUNS > 1 ? { crashRuns: CRASH_RUNS } : {}),
      ...(DATABASE_URL ? { store: 'postgres', instances: INSTANCES } : {}),
    }),
  );
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
