/**
 * Where a Q&A (or echo) turn allocates: V8's sampling heap profiler, counting objects that are
 * already collected too, over one round of bench turns. Prints the top functions by bytes allocated
 * per turn (self) and by source file. BENCH_ONLY=echo for the echo baseline. Diagnosis only.
 * (Under tsx every src function reports line 1; the function names still tell them apart.)
 */
import { Session } from 'node:inspector/promises';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/main.js';
import { benchQuestions, echoBaseline, listenBench, postTurns, startBenchConnector } from './bench-turns.js';

const TURNS = Number(process.env.BENCH_TURNS ?? 2000);
const questions = benchQuestions();
const connector = await startBenchConnector();
async function drive(baseUrl: string, label: string) {
  await postTurns({ baseUrl, label, turns: TURNS, concurrency: 20, serviceUrl: connector.url, questions });
}
const dataFile = join(mkdtempSync(join(tmpdir(), 'kbot-bench-')), 'db.json');
const bot = await main({ BOT_MODE: 'local', PORT: '0', DATA_FILE: dataFile, LOG_LEVEL: 'silent', USER_TURNS_PER_MINUTE: '0' });
const { url: echoUrl, server } = await listenBench(await echoBaseline());
const url = process.env.BENCH_ONLY === 'echo' ? echoUrl : `http://127.0.0.1:${bot.port}`;
await drive(url, 'warm');
const session = new Session();
session.connect();
await session.post('HeapProfiler.enable');
await session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as never);
await drive(url, 'prof');
const { profile } = (await session.post('HeapProfiler.stopSampling')) as { profile: { head: Node } };
interface Node { callFrame: { functionName: string; url: string; lineNumber: number }; selfSize: number; children: Node[] }
const byFn = new Map<string, number>();
const byFile = new Map<string, number>();
let total = 0;
// Also: inclusive size per function on the stack (counted once per sample path).
const incl = new Map<string, number>();
const walk = (n: Node, stack: string[]) => {
  const f = n.callFrame;
  const file = f.url.replace(/^file:\/\/.*?\/(node_modules|src|scripts)\//, '$1/');
  const key = `${f.functionName || '(anon)'} ${file}:${f.lineNumber + 1}`;
  byFn.set(key, (byFn.get(key) ?? 0) + n.selfSize);
  byFile.set(file, (byFile.get(file) ?? 0) + n.selfSize);
  total += n.selfSize;
  const s2 = stack.includes(key) ? stack : [...stack, key];
  if (n.selfSize) for (const k of s2) incl.set(k, (incl.get(k) ?? 0) + n.selfSize);
  for (const c of n.children) walk(c, s2);
};
walk(profile.head, []);
const kb = (b: number) => (b / TURNS / 1024).toFixed(1);
console.log(`total ${kb(total)} KB per turn`);
console.log('--- self, by function (KB/turn)');
for (const [k, v] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 30))) console.log(kb(v), k);
console.log('--- self, by file');
for (const [k, v] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(kb(v), k);
console.log('--- inclusive, src/ functions');
for (const [k, v] of [...incl].filter(([k]) => / src\//.test(k)).sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(kb(v), k);
server.close();
await bot.stop();
await connector.close();
process.exit(0);
