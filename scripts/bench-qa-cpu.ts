/**
 * `node --import tsx scripts/bench-qa-cpu.ts` — CPU time per turn (process.cpuUsage, user+system)
 * of the Q&A bot (as `npm start` runs it) and of the echo baseline of `bench:qa`, same HTTP server,
 * adapter and fake Bot Connector, all in this process. Unlike latency on a shared 2-core machine,
 * CPU per turn hardly depends on what else runs, so it shows what a change saves.
 * BENCH_TURNS (default 2000), BENCH_ROUNDS (default 3). Run with `--cpu-prof` to profile.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { main } from '../src/main.js';
import { benchQuestions, echoBaseline, listenBench, postTurns, startBenchConnector } from './bench-turns.js';

const TURNS = Number(process.env.BENCH_TURNS ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONCURRENCY = 20;
const questions = benchQuestions();
const connector = await startBenchConnector();

let gcMs = 0;
let gcMax = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    gcMs += e.duration;
    gcMax = Math.max(gcMax, e.duration);
  }
}).observe({ entryTypes: ['gc'] });

async function drive(baseUrl: string, label: string) {
  gcMs = 0;
  gcMax = 0;
  const eld = monitorEventLoopDelay({ resolution: 1 });
  eld.enable();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await postTurns({ baseUrl, label, turns: TURNS, concurrency: CONCURRENCY, serviceUrl: connector.url, questions });
  const cpu = process.cpuUsage(cpu0);
  const wall = performance.now() - t0;
  eld.disable();
  const perTurn = (cpu.user + cpu.system) / 1000 / TURNS;
  if (process.env.BENCH_VERBOSE) console.log(label, { cpuMsPerTurn: perTurn.toFixed(3), wallMsPerTurn: (wall / TURNS).toFixed(3), gcMsPerTurn: (gcMs / TURNS).toFixed(3), gcMaxMs: gcMax.toFixed(1), heapMB: (process.memoryUsage().heapUsed / 1e6).toFixed(0), loopDelayP99Ms: (eld.percentile(99) / 1e6).toFixed(1), loopDelayMaxMs: (eld.max / 1e6).toFixed(1) });
  return { perTurn, wallPerTurn: wall / TURNS };
}

const dataFile = join(mkdtempSync(join(tmpdir(), 'kbot-bench-')), 'db.json');
const bot = await main({ BOT_MODE: 'local', PORT: '0', DATA_FILE: dataFile, LOG_LEVEL: 'silent', USER_TURNS_PER_MINUTE: '0' });
const { url: echoUrl, server } = await listenBench(await echoBaseline());
const qaUrl = `http://127.0.0.1:${bot.port}`;

console.log('heapUsed MB after start', (process.memoryUsage().heapUsed / 1e6).toFixed(1));
await drive(echoUrl, 'warm-echo');
await drive(qaUrl, 'warm-qa');
const only = process.env.BENCH_ONLY; // 'qa' or 'echo' for a cleaner profile
const e: number[] = [];
const q: number[] = [];
for (let r = 1; r <= ROUNDS; r++) {
  if (only !== 'qa') e.push((await drive(echoUrl, `echo-${r}`)).perTurn);
  if (only !== 'echo') q.push((await drive(qaUrl, `qa-${r}`)).perTurn);
}
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const result = { echoCpuMsPerTurn: Number(med(e).toFixed(3)), qaCpuMsPerTurn: Number(med(q).toFixed(3)), extraMs: Number((med(q) - med(e)).toFixed(3)), extraMinMs: Number((Math.min(...q) - Math.min(...e)).toFixed(3)), echoRuns: e.map((x) => Number(x.toFixed(3))), qaRuns: q.map((x) => Number(x.toFixed(3))) };
server.close();
await bot.stop();
await connector.close();
console.log(JSON.stringify(result));
process.exit(0);
