/**
 * `npm run dev`: starts the bot in local mode (127.0.0.1, no authentication, embedded lowdb,
 * seeded knowledge) and the Microsoft 365 Agents Playground, a Teams-like client in the browser.
 */
import { spawn } from 'node:child_process';
import { main } from '../src/main.js';

const port = Number(process.env.PORT ?? 3978);
const playgroundPort = Number(process.env.PLAYGROUND_PORT ?? 56150);

const bot = await main({ ...process.env, BOT_MODE: 'local', PORT: String(port) });
const playground = spawn(
  'npx',
  ['agentsplayground', '-e', `http://127.0.0.1:${bot.port}/api/messages`, '-c', 'msteams', '-p', String(playgroundPort), '--disable-telemetry'],
  { stdio: ['ignore', 'pipe', 'inherit'], env: process.env },
);
playground.stdout?.on('data', () => undefined);
console.log(`\nAgents Playground: http://localhost:${playgroundPort}  (Ctrl+C avslutter begge)\n`);

const shutdown = async () => {
  playground.kill('SIGTERM');
  await bot.stop();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
playground.on('exit', (code) => {
  console.error(`Agents Playground avsluttet (kode ${code ?? 'ukjent'}).`);
  void shutdown();
});
