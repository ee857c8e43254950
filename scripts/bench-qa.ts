/**
 * `npm run bench:qa` — prints
 *  1. answer-function p50/p99 over the dev questions ×100 (real content, index built once);
 *  2. HTTP turn p50/p99 for 2,000 questions at concurrency 20 against a local fake Bot Connector,
 *     next to a bare echo turn through the same HTTP server and adapter in the same run.
 * Echo and Q&A runs alternate for several rounds (BENCH_ROUNDS, default 3); the figures are medians.
 * The last line is one JSON object with the figures.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bot } from '../src/bot/app.js';
import { silentLogger } from '../src/logging/logger.js';
import { main } from '../src/main.js';
import { createQaService, loadQaContent } from '../src/modules/qa/qa-service.js';
import { systemClock } from '../src/shared/dates.js';
import { openMemoryStore } from '../src/storage/open-store.js';
import { projectRoot } from '../src/util/project-root.js';
import { benchQuestions, echoBaseline, listenBench, postTurns, startBenchConnector } from './bench-turns.js';
import { percentile } from './bench-stats.js';

const TURNS = Number(process.env.BENCH_TURNS ?? 2000);
const CONCURRENCY = 20;
const questions = benchQuestions();


// 1. The answer function alone.
const qa = createQaService({
  content: loadQaContent(join(projectRoot, 'content')),
  store: await openMemoryStore(),
  clock: systemClock,
  hrContact: 'HR',
  logger: silentLogger,
});
for (const q of questions) qa.ask(q); // warm-up
const answerTimes: number[] = [];
for (let round = 0; round < 100; round++) {
  for (const q of questions) {
    const t0 = performance.now();
    qa.ask(q);
    answerTimes.push(performance.now() - t0);
  }
}
const answerP50Ms = percentile(answerTimes, 50);
const answerP99Ms = percentile(answerTimes, 99);
console.log(`answer(): ${answerTimes.length} calls, p50 ${answerP50Ms} ms, p99 ${answerP99Ms} ms`);

// 2. Whole HTTP turns.
const connector = await startBenchConnector();

async function drive(baseUrl: string, label: string) {
  const times: number[] = [];
  let failed = 0;
  const before = connector.replies();
  await postTurns({ baseUrl, label, turns: TURNS, concurrency: CONCURRENCY, serviceUrl: connector.url, questions }, ({ ms, status }) => {
    times.push(ms);
    if (status !== 200) failed++;
  });
  const replies = connector.replies() - before;
  console.log(`${label}: ${TURNS} turns at concurrency ${CONCURRENCY}, p50 ${percentile(times, 50)} ms, p99 ${percentile(times, 99)} ms, non-200 ${failed}, replies ${replies}`);
  return { p50: percentile(times, 50), p99: percentile(times, 99), failed, replies };
}

// The Q&A bot as `npm start` runs it (lowdb file store, real content).
const dataFile = join(mkdtempSync(join(tmpdir(), 'kbot-bench-')), 'db.json');
// The bench asks far more than a person would; the per-user turn limit would answer «vent litt».
const bot = await main({ BOT_MODE: 'local', PORT: '0', DATA_FILE: dataFile, LOG_LEVEL: 'silent', USER_TURNS_PER_MINUTE: '0' });
// Two baselines behind the same HTTP server and adapter:
// - "echo": the teams-ai echo sample — an Application whose only route echoes the text, with turn
//   state in the same kind of lowdb store and the same per-conversation queue as the real bot.
//   This is the target's baseline: what a bare turn costs on this stack.
// - "raw echo": no Application at all (adapter → sendActivity), printed for transparency.
const echo = await echoBaseline();
const rawEcho: Bot = {
  app: undefined as never,
  handleTurn: async (context) => {
    await context.sendActivity(context.activity.text ?? '');
  },
};
const { url: echoUrl, server: echoServer } = await listenBench(echo);
const { url: rawUrl, server: rawServer } = await listenBench(rawEcho);
const qaUrl = `http://127.0.0.1:${bot.port}`;

// Warm both up, then measure alternately, several rounds, so drift and GC pauses hit both alike;
// each figure is the median over the rounds (one run's p99 swings a lot on a 2-core machine).
await drive(echoUrl, 'warmup-echo');
await drive(qaUrl, 'warmup-qa');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const echoRuns: Awaited<ReturnType<typeof drive>>[] = [];
const qaRuns: Awaited<ReturnType<typeof drive>>[] = [];
for (let r = 1; r <= ROUNDS; r++) {
  echoRuns.push(await drive(echoUrl, `echo-${r}`));
  qaRuns.push(await drive(qaUrl, `qa-${r}`));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const echoRun = { p50: median(echoRuns.map((x) => x.p50)), p99: median(echoRuns.map((x) => x.p99)) };
const qaRun = { p50: median(qaRuns.map((x) => x.p50)), p99: median(qaRuns.map((x) => x.p99)) };
const rawRun = await drive(rawUrl, 'raw-echo');
console.log(`median over ${ROUNDS} rounds: echo p50 ${echoRun.p50} ms, p99 ${echoRun.p99} ms; qa p50 ${qaRun.p50} ms, p99 ${qaRun.p99} ms`);

echoServer.close();
rawServer.close();
await bot.stop();
await connector.close();

const result = {
  answerP50Ms,
  answerP99Ms,
  turnP50Ms: qaRun.p50,
  turnP99Ms: qaRun.p99,
  echoTurnP50Ms: echoRun.p50,
  echoTurnP99Ms: echoRun.p99,
};
console.log(`raw echo (no Application, for comparison): p50 ${rawRun.p50} ms, p99 ${rawRun.p99} ms`);
console.log(`targets: answer p99 < 5 ms: ${answerP99Ms < 5 ? 'ja' : 'NEI'}; turn p99 ≤ 1.3 × echo p99: ${qaRun.p99 <= 1.3 * echoRun.p99 ? 'ja' : 'NEI'} (${(qaRun.p99 / echoRun.p99).toFixed(2)}×)`);
console.log(JSON.stringify(result));
process.exit(0);
