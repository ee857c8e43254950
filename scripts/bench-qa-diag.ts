/**
 * Diagnosis for bench:qa's tail: per-turn times by question, GC events with their kind and duration,
 * event-loop delay, for echo and Q&A rounds. Not a bench figure: for finding where slow turns come from.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver, constants } from 'node:perf_hooks';
import { main } from '../src/main.js';
import { benchQuestions, echoBaseline, listenBench, postTurns, startBenchConnector } from './bench-turns.js';
import { percentile } from './bench-stats.js';

const TURNS = Number(process.env.BENCH_TURNS ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONCURRENCY = 20;
const questions = benchQuestions();
const connector = await startBenchConnector();
const gcs: { t: number; kind: number; d: number }[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcs.push({ t: e.startTime, kind: (e as unknown as { detail: { kind: number } }).detail?.kind ?? 0, d: e.duration });
}).observe({ entryTypes: ['gc'] });
const kindName = (k: number) => (k === constants.NODE_PERFORMANCE_GC_MINOR ? 'scav' : k === constants.NODE_PERFORMANCE_GC_MAJOR ? 'major' : k === constants.NODE_PERFORMANCE_GC_INCREMENTAL ? 'incr' : k === constants.NODE_PERFORMANCE_GC_WEAKCB ? 'weak' : String(k));

async function drive(baseUrl: string, label: string) {
  const turns: { i: number; q: number; t0: number; ms: number }[] = [];
  const eld = monitorEventLoopDelay({ resolution: 1 });
  eld.enable();
  const g0 = gcs.length;
  const start = performance.now();
  await postTurns({ baseUrl, label, turns: TURNS, concurrency: CONCURRENCY, serviceUrl: connector.url, questions }, ({ i, t0, ms }) => {
    turns.push({ i, q: i % questions.length, t0, ms });
  });
  const end = performance.now();
  eld.disable();
  const times = turns.map((t) => t.ms);
  const p99 = percentile(times, 99);
  const slow = turns.filter((t) => t.ms >= p99);
  const byQ = new Map<number, number>();
  for (const t of slow) byQ.set(t.q, (byQ.get(t.q) ?? 0) + 1);
  const roundGcs = gcs.slice(g0).filter((g) => g.t >= start && g.t <= end);
  const gcSum: Record<string, { n: number; ms: number; max: number }> = {};
  for (const g of roundGcs) {
    const k = kindName(g.kind);
    const s = (gcSum[k] ??= { n: 0, ms: 0, max: 0 });
    s.n++;
    s.ms += g.d;
    s.max = Math.max(s.max, g.d);
  }
  // The slow turns: when did they start, relative to the round, and which big GCs overlapped them?
  const overlap = slow.filter((t) => roundGcs.some((g) => g.d > 5 && g.t < t.t0 + t.ms && g.t + g.d > t.t0)).length;
  console.log(JSON.stringify({
    label,
    p50: percentile(times, 50),
    p99,
    max: Math.max(...times).toFixed(1),
    wallMs: (end - start).toFixed(0),
    slowByQuestion: [...byQ].sort((a, b) => b[1] - a[1]).slice(0, 8),
    slowStartAt: slow.map((t) => Math.round(t.t0 - start)).sort((a, b) => a - b),
    slowOverlappingGc5ms: overlap,
    // Turns 0–199 are each user's first in this round's conversations (new ids per round): the Q&A bot saves
    // their conversation reference (a file write the turn waits for); later turns find it unchanged.
    firstTurnsP50: percentile(turns.filter((t) => t.i < 200).map((t) => t.ms), 50),
    laterTurnsP50: percentile(turns.filter((t) => t.i >= 200).map((t) => t.ms), 50),
    slowAmongFirst200: slow.filter((t) => t.i < 200).length,
    gc: Object.fromEntries(Object.entries(gcSum).map(([k, v]) => [k, { n: v.n, ms: Math.round(v.ms), max: Number(v.max.toFixed(1)) }])),
    bigGcAt: roundGcs.filter((g) => g.d > 5).map((g) => `${kindName(g.kind)}@${Math.round(g.t - start)}:${g.d.toFixed(0)}`),
    loopDelay: { p50: (eld.percentile(50) / 1e6).toFixed(1), p99: (eld.percentile(99) / 1e6).toFixed(1), max: (eld.max / 1e6).toFixed(1) },
    heapMB: Math.round(process.memoryUsage().heapUsed / 1e6),
  }));
  if (process.env.DIAG_QTIMES) {
    const perQ = new Map<number, number[]>();
    for (const t of turns) (perQ.get(t.q) ?? perQ.set(t.q, []).get(t.q)!).push(t.ms);
    for (const [q, ms] of [...perQ].sort((a, b) => a[0] - b[0])) console.log(label, q, 'p50', percentile(ms, 50), 'p90', percentile(ms, 90), 'max', Math.max(...ms).toFixed(0));
  }
}

const dataFile = join(mkdtempSync(join(tmpdir(), 'kbot-bench-')), 'db.json');
const bot = await main({ BOT_MODE: 'local', PORT: '0', DATA_FILE: dataFile, LOG_LEVEL: 'silent', USER_TURNS_PER_MINUTE: '0' });
const { url: echoUrl, server } = await listenBench(await echoBaseline());
const qaUrl = `http://127.0.0.1:${bot.port}`;
await drive(echoUrl, 'warm-echo');
await drive(qaUrl, 'warm-qa');
for (let r = 1; r <= ROUNDS; r++) {
  await drive(echoUrl, `echo-${r}`);
  await drive(qaUrl, `qa-${r}`);
}
server.close();
await bot.stop();
await connector.close();
process.exit(0);
