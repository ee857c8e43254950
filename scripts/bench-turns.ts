/**
 * What bench:qa and bench-qa-cpu share: the dev questions, one bench message activity, and the echo
 * baseline (the teams-ai echo sample: an Application whose only route echoes the text, with turn state
 * in the same kind of lowdb store and the same per-conversation queue as the real bot).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Application, TurnState } from '@microsoft/teams-ai';
import { createAdapter } from '../src/bot/adapter.js';
import type { Bot } from '../src/bot/app.js';
import { KeyedQueue } from '../src/bot/keyed-queue.js';
import { TurnStateStorage } from '../src/bot/turn-state-storage.js';
import { loadConfig } from '../src/config.js';
import { createHttpServer } from '../src/http/server.js';
import { silentLogger } from '../src/logging/logger.js';
import { openLowdbStore } from '../src/storage/lowdb/lowdb-store.js';
import { projectRoot } from '../src/util/project-root.js';
import { startFakeConnector } from '../test/helpers/fake-connector.js';

/** The questions the benches ask (EVAL_FILE, default the first public dev set). */
export function benchQuestions(): string[] {
  const devFile = process.env.EVAL_FILE ?? join(projectRoot, '../shared/eval/dev-questions.json');
  return (JSON.parse(readFileSync(devFile, 'utf8')) as { question: string }[]).map((q) => q.question);
}

/** Turn `i` of a run: 200 users, each in its own conversation. */
export function benchActivity(label: string, i: number, text: string, serviceUrl: string) {
  return {
    type: 'message',
    id: `${label}-${i}`,
    text,
    channelId: 'msteams',
    serviceUrl,
    conversation: { id: `${label}-conv-${i % 200}` },
    from: { id: `29:user-${i % 200}`, name: 'Bench' },
    recipient: { id: '28:kompetansebot', name: 'Kompetansebot' },
  };
}

/** Serves a bot behind the same HTTP server and adapter as the real one; returns its URL. */
export async function listenBench(bot: Bot): Promise<{ url: string; server: ReturnType<typeof createHttpServer> }> {
  const config = loadConfig({ BOT_MODE: 'local', PORT: '0' });
  const server = createHttpServer({ bot, adapter: createAdapter(config, silentLogger), logger: silentLogger, health: () => ({}) });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${server.address().port}`, server };
}

/** The echo baseline bot. */
export async function echoBaseline(): Promise<Bot> {
  const echoStore = await openLowdbStore(join(mkdtempSync(join(tmpdir(), 'kbot-bench-echo-')), 'db.json'));
  const echoApp = new Application({ storage: new TurnStateStorage(echoStore.kv), startTypingTimer: false, turnStateFactory: () => new TurnState() });
  echoApp.activity('message', async (context) => {
    await context.sendActivity(context.activity.text ?? '');
  });
  const echoQueue = new KeyedQueue();
  return {
    app: undefined as never,
    handleTurn: (context) => echoQueue.run(context.activity.conversation?.id ?? '', async () => void (await echoApp.run(context))),
  };
}

/**
 * The fake Bot Connector the benches' bots reply to, counting the replies instead of keeping them:
 * the test helper keeps every activity it receives (tests look them up), which over a bench's
 * 14,000 turns grew the heap by every Q&A card sent and made the later rounds' garbage
 * collections longer, a cost of the bench, not of a turn.
 */
export async function startBenchConnector() {
  let replies = 0;
  const connector = await startFakeConnector({
    onActivity: () => {
      replies++;
      connector.received.length = 0;
    },
  });
  return { url: connector.url, close: connector.close, replies: () => replies };
}

/**
 * Posts `turns` bench messages to a bot at `concurrency` (question i % questions.length for turn i),
 * calling `onTurn` with each turn's number, latency and HTTP status. What every bench's drive loop shares.
 */
export async function postTurns(
  opts: { baseUrl: string; label: string; turns: number; concurrency: number; serviceUrl: string; questions: readonly string[] },
  onTurn: (turn: { i: number; t0: number; ms: number; status: number }) => void = () => {},
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < opts.turns) {
      const i = next++;
      const body = benchActivity(opts.label, i, opts.questions[i % opts.questions.length] ?? '', opts.serviceUrl);
      const t0 = performance.now();
      const res = await fetch(`${opts.baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      await res.arrayBuffer();
      onTurn({ i, t0, ms: performance.now() - t0, status: res.status });
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
}

