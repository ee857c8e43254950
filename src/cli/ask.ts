/**
 * `npm run ask -- "<spørsmål>"` prints the answer; `--json` prints one JSON object;
 * `--stdin` reads one question per line. Same code path as the bot (QaService.ask).
 */
import { createInterface } from 'node:readline';
import { loadConfig } from '../config.js';
import { silentLogger } from '../logging/logger.js';
import { createQaService, loadQaContent } from '../modules/qa/qa-service.js';
import { toAskJson, type PresentedAnswer } from '../modules/qa/present.js';
import { systemClock } from '../shared/dates.js';
import { openMemoryStore } from '../storage/open-store.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const fromStdin = args.includes('--stdin');
const question = args.filter((a) => !a.startsWith('--')).join(' ');

function print(p: PresentedAnswer) {
  if (json) {
    process.stdout.write(`${JSON.stringify(toAskJson(p))}\n`);
    return;
  }
  const head = p.entry ? `${p.entry.title}\n\n` : '';
  process.stdout.write(`${head}${p.text}\n`);
  if (p.answered && p.alternatives.length) process.stdout.write(`\nMente du: ${p.alternatives.map((a) => a.title).join('; ')}?\n`);
}

async function run() {
  const config = loadConfig({ ...process.env, BOT_MODE: 'local' });
  const qa = createQaService({
    content: loadQaContent(config.contentDir, undefined, config.kommune),
    store: await openMemoryStore(),
    clock: systemClock,
    hrContact: config.hrContact,
    logger: silentLogger,
  });
  if (fromStdin) {
    const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const line of rl) if (line.trim()) print(qa.ask(line));
    return;
  }
  if (!question.trim()) {
    console.error('Bruk: npm run ask -- "<spørsmål>" [--json] | npm run ask -- --stdin [--json]');
    process.exit(2);
  }
  print(qa.ask(question));
}

run().catch((err: unknown) => {
  console.error((err as Error).message);
  process.exit(1);
});
