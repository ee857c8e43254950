/**
 * End-to-end harness: the real bot (`main()` in local mode, temp data file) behind the
 * Microsoft 365 Agents Playground (a Teams-like web client, offline), driven by headless
 * Chromium through playwright-core.
 *
 *   const pg = await startPlayground();
 *   try {
 *     const card = await ask(pg.page, 'Hvilke krav stilles til en rektor?');
 *     await pg.screenshot('svar');
 *   } finally {
 *     await pg.close();
 *   }
 *
 * Everything started here is torn down by `close()`, and also when a start step fails:
 * the browser, the Playground's whole process group, the bot and the temp folder.
 *
 * UI facts this relies on (Playground 0.2.28; the UI is not an API and may change):
 * - the send box is a Lexical editor, `[role="textbox"][contenteditable="true"]`, with no
 *   accessible name (its "Type a message..." is a separate placeholder element);
 * - every Adaptive Card renders as `.ac-adaptiveCard`; an Action.Execute response updates
 *   that same element in place;
 * - each chat message has an element with `aria-label="Message header"`;
 * - the CLI prints `Listening on <port>` (and picks a random port if `-p` is taken).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { parseDocument } from 'yaml';
import { main } from '../../src/main.js';
import { projectRoot } from '../../src/util/project-root.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const PLAYGROUND_BIN = join(projectRoot, 'node_modules/.bin/agentsplayground');
export const SCREENSHOT_DIR = join(projectRoot, 'test-output/e2e');

/** Selectors for the Playground UI (see the header comment). */
export const SELECTORS = {
  sendBox: '[role="textbox"][contenteditable="true"]',
  card: '.ac-adaptiveCard',
  messageHeader: '[aria-label="Message header"]',
} as const;

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * Why browser tests cannot run here, or undefined when they can. Callers decide whether
 * that is a failure or (with SKIP_BROWSER_TESTS=1) a skip; it is never a silent pass.
 */
export function browserTestsUnavailable(): string | undefined {
  if (!existsSync(CHROMIUM_PATH)) {
    return (
      `Chromium is missing (${CHROMIUM_PATH}); the browser tests need it. Install it with ` +
      '`apt-get install -y chromium` (or point CHROMIUM_PATH at a Chromium binary), or set SKIP_BROWSER_TESTS=1 to skip these tests.'
    );
  }
  if (!existsSync(PLAYGROUND_BIN)) {
    return `Agents Playground is missing (${PLAYGROUND_BIN}): run \`npm install\` (devDependency @microsoft/m365agentsplayground).`;
  }
  return undefined;
}

/**
 * Start of every browser test: skips it (with the reason) when SKIP_BROWSER_TESTS=1, and
 * otherwise fails it at once when Chromium or the Playground is missing — never a silent pass.
 */
export function requireBrowser(ctx: { skip: (note?: string) => void }): void {
  const unavailable = browserTestsUnavailable();
  if (process.env.SKIP_BROWSER_TESTS === '1') {
    const reason = `SKIP_BROWSER_TESTS=1${unavailable ? `; ${unavailable}` : ''}`;
    console.warn(`Skipped browser test: ${reason}`);
    ctx.skip(reason);
  }
  if (unavailable) throw new Error(unavailable);
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('No free port');
  return address.port;
}

export interface StartPlaygroundOptions {
  /** Extra or overriding bot environment (e.g. HR_CONTACT, CONTENT_DIR). */
  env?: Record<string, string>;
  /** Personal chat id in the Playground; a fresh one per run by default. */
  conversationId?: string;
  viewport?: { width: number; height: number };
  /** Budget for the Playground CLI and its UI to come up. */
  bootTimeoutMs?: number;
  /**
   * Sign in as this user of `.m365agentsplayground.yml` (by name, e.g. «Martin Haugen», HR)
   * instead of its `currentUser` (rektor Kari Solheim). The Playground then runs from a temp
   * folder holding a copy of the file with the two swapped; the file itself is not touched.
   */
  signInAs?: string;
}

export interface RunningBot {
  port: number;
  endpoint: string;
  dataFile: string;
  /** What main() returned: delivery, scheduler, the årshjul planning run … for tests that drive the bot from inside. */
  app: Awaited<ReturnType<typeof main>>;
  stop(): Promise<void>;
}

export interface Playground {
  page: Page;
  context: BrowserContext;
  bot: RunningBot;
  uiUrl: string;
  conversationId: string;
  /** Saves a PNG of the page to test-output/e2e/<name>.png and returns its path. */
  screenshot(name: string): Promise<string>;
  /** The bot's data file, parsed. */
  readData(): Promise<unknown>;
  /** The signed-in mock user, from the Playground's internal config API (`.m365agentsplayground.yml`). */
  currentUser(): Promise<PlaygroundUser>;
  /** Last lines of the Playground CLI output and browser page errors, for failure messages. */
  diagnostics(): string;
  /** Idempotent; never throws. */
  close(): Promise<void>;
}

export interface PlaygroundUser {
  id: string;
  name: string;
  aadObjectId: string;
}

type Cleanup = { what: string; run: () => Promise<void> };

async function runCleanups(cleanups: Cleanup[]): Promise<void> {
  for (const c of cleanups.splice(0).reverse()) {
    try {
      await c.run();
    } catch (err) {
      console.warn(`e2e: cleanup step "${c.what}" failed:`, err);
    }
  }
}

function tail(lines: string[], max = 40): string {
  return lines.slice(-max).join('\n');
}

/** A `close()` that runs the cleanups once, however often it is called. */
function closeOnce(cleanups: Cleanup[]): () => Promise<void> {
  let closed = false;
  return async () => {
    if (closed) return;
    closed = true;
    await runCleanups(cleanups);
  };
}

/** A start that failed: stops what was started and adds what the processes said to the error. */
async function failedStart(err: unknown, cleanups: Cleanup[], diagnostics: () => string): Promise<never> {
  await runCleanups(cleanups);
  const details = diagnostics();
  if (err instanceof Error && details) err.message += `\n${details}`;
  throw err;
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message())), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Starts the bot in local mode on a free port with a fresh data file. */
export async function startBot(env: Record<string, string> = {}): Promise<RunningBot & { dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'kompetansebot-e2e-'));
  const dataFile = join(dir, 'data.json');
  try {
    const bot = await main({
      BOT_MODE: 'local',
      PORT: '0',
      DATA_FILE: dataFile,
      CONTENT_DIR: join(projectRoot, 'content'),
      LOG_LEVEL: 'silent',
      // A browser test clicks faster than a person; the per-user turn limit has its own tests.
      USER_TURNS_PER_MINUTE: '0',
      ...env,
    });
    return {
      dir,
      port: bot.port,
      endpoint: `http://127.0.0.1:${bot.port}/api/messages`,
      dataFile,
      app: bot,
      stop: async () => {
        await bot.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

/** Kills the child's whole process group: SIGTERM, then SIGKILL after a grace period. */
async function killGroup(child: ChildProcess, graceMs = 3_000): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      // Already gone.
    }
  };
  signal('SIGTERM');
  const done = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), graceMs))]);
  // Whatever the leader did, make sure no grandchild survives.
  signal('SIGKILL');
  if (!done) await Promise.race([exited, new Promise((r) => setTimeout(r, 2_000))]);
}

/** Spawns the Playground CLI in its own process group and waits for `Listening on <port>`. */
async function spawnPlayground(opts: { endpoint: string; conversationId: string; bootTimeoutMs: number; output: string[]; cwd?: string }) {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [PLAYGROUND_BIN, '-e', opts.endpoint, '-c', 'msteams', '-p', String(port), '--conversation-id', opts.conversationId, '--disable-telemetry'],
    // The project root (or signInAs's temp folder) holds .m365agentsplayground.yml (mock users and chats).
    { cwd: opts.cwd ?? projectRoot, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
  );
  // If the test process dies without cleanup, at least do not leave the Playground running.
  const onExit = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  process.once('exit', onExit);

  const listening = new Promise<number>((resolve, reject) => {
    let buffer = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      opts.output.push(...text.split('\n').filter((l) => l.trim() !== ''));
      buffer += text;
      const m = /Listening on (\d+)/.exec(buffer);
      if (m) resolve(Number(m[1]));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code, sig) => reject(new Error(`Agents Playground exited while starting (code ${code ?? sig}).`)));
  });

  const stop = async () => {
    process.removeListener('exit', onExit);
    await killGroup(child);
  };
  try {
    const actualPort = await withTimeout(listening, opts.bootTimeoutMs, () => `Agents Playground did not start within ${opts.bootTimeoutMs} ms.`);
    return { child, port: actualPort, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

interface ProcInfo {
  pid: number;
  state: string;
  pgid: number;
  cmdline: string;
}

/** All processes from Linux /proc (empty elsewhere). Zombies are included (state `Z`). */
async function listProcesses(): Promise<ProcInfo[]> {
  let entries: string[];
  try {
    entries = await readdir('/proc');
  } catch {
    return [];
  }
  const out: ProcInfo[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid pgrp ...; comm may contain spaces, so split after the last ')'.
      const [state = '', , pgid = ''] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmdline = (await readFile(`/proc/${entry}/cmdline`, 'utf8')).replace(/\0/g, ' ');
      out.push({ pid: Number(entry), state, pgid: Number(pgid), cmdline });
    } catch {
      // Gone meanwhile.
    }
  }
  return out;
}

/** Process group of the Chromium browser process using `userDataDir`, if it can be found. */
async function chromiumProcessGroup(userDataDir: string): Promise<number | undefined> {
  const browser = (await listProcesses()).find((p) => p.cmdline.includes(`--user-data-dir=${userDataDir}`) && !p.cmdline.includes('--type='));
  return browser && browser.pgid > 1 ? browser.pgid : undefined;
}

/**
 * After the browser was closed: waits until its process group is completely gone (its
 * zygote children linger as zombies until init reaps them, about 1.5 s here), and
 * SIGKILLs the group if live members are still there after `graceMs`.
 */
async function reapProcessGroup(pgid: number, graceMs = 5_000): Promise<void> {
  const deadline = Date.now() + graceMs;
  for (;;) {
    const members = (await listProcesses()).filter((p) => p.pgid === pgid && p.pid !== process.pid);
    if (members.length === 0) return;
    if (Date.now() >= deadline) {
      if (members.some((p) => p.state !== 'Z')) {
        try {
          process.kill(-pgid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms (${last})`);
}

export const PLAYGROUND_CONFIG = join(projectRoot, '.m365agentsplayground.yml');

/**
 * Writes a copy of `.m365agentsplayground.yml` into `dir` with `name` as the signed-in user: that
 * user and the file's `currentUser` trade places (the format needs exactly five other users).
 */
export async function writePlaygroundConfigAs(dir: string, name: string): Promise<void> {
  const doc = parseDocument(await readFile(PLAYGROUND_CONFIG, 'utf8'));
  const config = doc.toJS() as { currentUser: { name: string }; users: { name: string }[] };
  const index = config.users.findIndex((u) => u.name === name);
  if (index < 0) {
    if (config.currentUser.name === name) {
      await writeFile(join(dir, '.m365agentsplayground.yml'), doc.toString());
      return;
    }
    throw new Error(`signInAs: «${name}» is not a user in ${PLAYGROUND_CONFIG} (${config.users.map((u) => u.name).join(', ')})`);
  }
  const current = config.currentUser;
  config.currentUser = config.users[index]!;
  config.users[index] = current;
  doc.set('currentUser', config.currentUser);
  doc.set('users', config.users);
  await writeFile(join(dir, '.m365agentsplayground.yml'), doc.toString());
}

/**
 * Starts bot + Playground + Chromium and opens the Playground's personal chat with the bot.
 * Resolves once the send box is visible. On any failure everything started so far is stopped.
 */
export async function startPlayground(options: StartPlaygroundOptions = {}): Promise<Playground> {
  const problem = browserTestsUnavailable();
  if (problem) throw new Error(problem);

  const bootTimeoutMs = options.bootTimeoutMs ?? 45_000;
  const conversationId = options.conversationId ?? `e2e-${randomUUID()}`;
  const cleanups: Cleanup[] = [];
  const output: string[] = [];
  const pageErrors: string[] = [];
  const diagnostics = () =>
    [output.length ? `Agents Playground output (last lines):\n${tail(output)}` : '', pageErrors.length ? `Browser page errors:\n${tail(pageErrors, 10)}` : '']
      .filter(Boolean)
      .join('\n');

  try {
    const bot = await startBot(options.env);
    cleanups.push({ what: 'stop the bot', run: () => bot.stop() });

    let cwd: string | undefined;
    if (options.signInAs) {
      const configDir = await mkdtemp(join(tmpdir(), 'kompetansebot-e2e-playground-'));
      cleanups.push({ what: 'remove the Playground config copy', run: () => rm(configDir, { recursive: true, force: true }) });
      await writePlaygroundConfigAs(configDir, options.signInAs);
      cwd = configDir;
    }
    const pg = await spawnPlayground({ endpoint: bot.endpoint, conversationId, bootTimeoutMs, output, cwd });
    cleanups.push({ what: 'stop Agents Playground', run: () => pg.stop() });
    const uiUrl = `http://127.0.0.1:${pg.port}/`;
    await waitForHttp(uiUrl, bootTimeoutMs);

    const userDataDir = await mkdtemp(join(tmpdir(), 'kompetansebot-e2e-chromium-'));
    cleanups.push({ what: 'remove the Chromium profile', run: () => rm(userDataDir, { recursive: true, force: true }) });
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: options.viewport ?? { width: 1400, height: 900 },
      locale: 'en-US',
      timezoneId: 'Europe/Oslo',
      timeout: bootTimeoutMs,
    });
    const browserGroup = await chromiumProcessGroup(userDataDir);
    cleanups.push({
      what: 'close Chromium',
      run: async () => {
        try {
          await context.close();
        } finally {
          if (browserGroup !== undefined) await reapProcessGroup(browserGroup);
        }
      },
    });

    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(uiUrl, { timeout: bootTimeoutMs });
    await sendBox(page).waitFor({ state: 'visible', timeout: bootTimeoutMs });

    return {
      page,
      context,
      bot,
      uiUrl,
      conversationId,
      screenshot: async (name) => {
        await mkdir(SCREENSHOT_DIR, { recursive: true });
        const path = join(SCREENSHOT_DIR, `${name}.png`);
        await page.screenshot({ path });
        return path;
      },
      readData: async () => JSON.parse(await readFile(bot.dataFile, 'utf8')) as unknown,
      currentUser: async () => {
        // Undocumented internal API of the Playground UI (0.2.28).
        const res = await fetch(new URL('/_internal/v1/config', uiUrl));
        if (!res.ok) throw new Error(`GET /_internal/v1/config: HTTP ${res.status}`);
        const body = (await res.json()) as { config?: { currentUser?: PlaygroundUser } };
        if (!body.config?.currentUser) throw new Error('GET /_internal/v1/config: no config.currentUser');
        return body.config.currentUser;
      },
      diagnostics,
      close: closeOnce(cleanups),
    };
  } catch (err) {
    return failedStart(err, cleanups, diagnostics);
  }
}

/** How long one step of a conversation (a card appearing, a click answered) may take. */
export const STEP_TIMEOUT_MS = 20_000;

/**
 * The newest card in `page` that shows `text`, once it is there. The locator is pinned to that
 * card (a tag on its element), so it keeps pointing at it when a click replaces its content.
 */
export async function cardWith(page: Page, text: string, timeout = STEP_TIMEOUT_MS): Promise<Locator> {
  const found = page.locator(SELECTORS.card).filter({ hasText: text }).last();
  await found.waitFor({ timeout });
  const tag = randomUUID();
  await found.evaluate((el, t) => el.setAttribute('data-e2e-card', t), tag);
  const card = page.locator(`[data-e2e-card="${tag}"]`);
  await card.scrollIntoViewIfNeeded();
  return card;
}

/** Clicks the button titled `title` on `card` (other buttons come and go) and waits for `expected` on the same card. */
export async function clickOnCard(card: Locator, title: string, expected: string, timeout = STEP_TIMEOUT_MS): Promise<void> {
  await card.getByRole('button', { name: title, exact: true }).click();
  await card.getByText(expected, { exact: false }).first().waitFor({ timeout });
  await card.scrollIntoViewIfNeeded();
}

/** The Playground's message box. */
export function sendBox(page: Page): Locator {
  return page.locator(SELECTORS.sendBox);
}

/** Types a message in the send box and presses Enter, like a user. */
export async function send(page: Page, text: string): Promise<void> {
  const box = sendBox(page);
  await box.click();
  await box.pressSequentially(text);
  // Press Enter only once the editor holds exactly the text, so no keystroke is lost.
  const deadline = Date.now() + 5_000;
  let typed = '';
  while ((typed = (await box.innerText()).trim()) !== text.trim()) {
    if (Date.now() > deadline) throw new Error(`The send box holds «${typed}», expected «${text}»`);
    await page.waitForTimeout(50);
  }
  await box.press('Enter');
}

/** The most recently rendered Adaptive Card in the chat. */
export function lastCard(page: Page): Locator {
  return page.locator(SELECTORS.card).last();
}

/**
 * Browser-side search, as a self-contained script (so it needs no DOM types here and survives
 * any transpiling or coverage instrumentation). Finds the chat bubble of the message just
 * sent (a leaf element with exactly that text, inside a chat message, before the send box,
 * not inside a card and not one that existed before sending) and the first Adaptive Card
 * rendered after it; tags both and returns the tag, or null while there is none yet.
 * Ordering by position (not by count) makes it immune to cards that arrive late, such as
 * the welcome card sent when the Playground connects.
 */
function findReplyScript(args: { text: string; tag: string; phase: 'mark' | 'find' }): string {
  return `(() => {
    const { text, tag, phase } = ${JSON.stringify(args)};
    const S = ${JSON.stringify(SELECTORS)};
    const norm = (s) => (s || '').replace(/\\s+/g, ' ').trim();
    const box = document.querySelector(S.sendBox);
    if (!box) return null;
    const beforeBox = (el) => (box.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING) !== 0;
    // Inside one chat message: the nearest ancestor holding a message header does not also
    // hold the send box (that would be the whole app, e.g. for the chat list's preview).
    const inMessage = (el) => {
      let a = el.parentElement;
      while (a && !a.querySelector(S.messageHeader)) a = a.parentElement;
      return !!a && !a.contains(box);
    };
    const bubbles = [...document.querySelectorAll('body *')].filter(
      (el) => el.children.length === 0 && norm(el.textContent) === norm(text) && !el.closest(S.card) && beforeBox(el) && inMessage(el),
    );
    if (phase === 'mark') {
      for (const el of bubbles) el.setAttribute('data-e2e-seen', '');
      return 'marked';
    }
    const bubble = bubbles.filter((el) => !el.hasAttribute('data-e2e-seen')).pop();
    if (!bubble) return null;
    const card = [...document.querySelectorAll(S.card)].find(
      (c) => (bubble.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0 && beforeBox(c) && !c.hasAttribute('data-e2e-reply'),
    );
    if (!card) return null;
    bubble.setAttribute('data-e2e-seen', '');
    bubble.setAttribute('data-e2e-asked', tag);
    card.setAttribute('data-e2e-reply', tag);
    return tag;
  })()`;
}

/** Windows that have had a reply: the first message in a window may wait for the Playground's own start-up. */
const answeredPages = new WeakSet<Page>();

/**
 * Sends `text` and returns the Adaptive Card the bot answers with: the first card rendered
 * after the user's own message. The locator keeps pointing at that card when an
 * Action.Execute response replaces its content.
 */
export async function ask(page: Page, text: string, options: { timeoutMs?: number } = {}): Promise<Locator> {
  const tag = randomUUID();
  await page.evaluate(findReplyScript({ text, tag, phase: 'mark' }));
  await send(page, text);
  // The first message in a window that just connected waits as long as the window's boot (45 s): on a
  // loaded CI machine it failed twice at 20 s (samtale-full, hr-questions) and passed alone.
  const timeout = options.timeoutMs ?? (answeredPages.has(page) ? 20_000 : 45_000);
  try {
    await page.waitForFunction(findReplyScript({ text, tag, phase: 'find' }), undefined, { timeout, polling: 100 });
    answeredPages.add(page);
  } catch (err) {
    throw new Error(`No Adaptive Card arrived in reply to «${text}»: ${(err as Error).message.split('\n')[0]}`);
  }
  return page.locator(`[data-e2e-reply="${tag}"]`);
}

/**
 * Records of a sharded lowdb collection the bot stored beside its main data file
 * (`<data>.<collection>/NN.json`, see src/storage/lowdb/json-document.ts); each shard is written
 * to a temporary file and renamed, so a read never sees half a file.
 */
export async function readShards(dataFile: string, collection: string): Promise<Record<string, unknown>[]> {
  const dir = `${dataFile.replace(/\.json$/i, '')}.${collection}`;
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  } catch {
    return [];
  }
  const out: Record<string, unknown>[] = [];
  for (const file of files) {
    const doc = JSON.parse(await readFile(join(dir, file), 'utf8')) as { items?: Record<string, Record<string, unknown>> };
    out.push(...Object.values(doc.items ?? {}));
  }
  return out;
}

/** The competence registrations the bot stored. */
export const readRegistrations = (dataFile: string) => readShards(dataFile, 'registrations');

/** One more Teams user, in an Agents Playground of its own, talking to an already running bot. */
export interface PlaygroundWindow {
  /** Its own tab in the first Playground's Chromium. */
  page: Page;
  /** The signed-in user's name. */
  user: string;
  uiUrl: string;
  conversationId: string;
  /** Saves a PNG of this window to test-output/e2e/<name>.png and returns its path. */
  screenshot(name: string): Promise<string>;
  /**
   * Puts `activity` in this user's personal chat as if the bot had sent it, through the
   * Playground's Bot Connector endpoint (what the bot itself calls). For refusal tests: a card
   * the bot would never give this user, such as a forwarded or tampered one.
   */
  plantBotActivity(activity: Record<string, unknown>): Promise<void>;
  diagnostics(): string;
  /** Idempotent; never throws. */
  close(): Promise<void>;
}

/**
 * Writes `.m365agentsplayground.yml` into `dir` signed in as `name`: a user of the project's file
 * (see {@link writePlaygroundConfigAs}), or else any person in content/org/demo-org.json, who then
 * replaces `currentUser` (the five `users` stay as they are).
 */
export async function writePlaygroundConfigFor(dir: string, name: string): Promise<void> {
  const config = parseDocument(await readFile(PLAYGROUND_CONFIG, 'utf8')).toJS() as { currentUser: { name: string }; users: { name: string }[] };
  if (config.currentUser.name === name || config.users.some((u) => u.name === name)) {
    await writePlaygroundConfigAs(dir, name);
    return;
  }
  const org = JSON.parse(await readFile(join(projectRoot, 'content/org/demo-org.json'), 'utf8')) as {
    employees: { name: string; upn?: string; aadObjectId?: string }[];
  };
  const person = org.employees.find((e) => e.name === name);
  if (!person?.aadObjectId || !person.upn) throw new Error(`Playground user: «${name}» is not in ${PLAYGROUND_CONFIG} nor (with aadObjectId and upn) in content/org/demo-org.json`);
  const [givenName, ...rest] = name.split(' ');
  const doc = parseDocument(await readFile(PLAYGROUND_CONFIG, 'utf8'));
  doc.set('currentUser', {
    id: person.aadObjectId,
    name,
    userPrincipleName: person.upn,
    aadObjectId: person.aadObjectId,
    givenName,
    surname: rest.join(' '),
    email: person.upn,
  });
  await writeFile(join(dir, '.m365agentsplayground.yml'), doc.toString());
}

/**
 * Signs a second (third …) demo user in to the bot `pg` runs: a Playground of its own (config
 * from {@link writePlaygroundConfigFor}, personal chat `e2e-<uuid>`), opened in a new tab of
 * `pg`'s Chromium. The bot keeps each user's conversation reference, so proactive messages
 * (invitations, reminders) arrive in the right window. Close it before `pg`.
 */
export async function openPlaygroundAs(pg: Playground, name: string, options: { bootTimeoutMs?: number } = {}): Promise<PlaygroundWindow> {
  const bootTimeoutMs = options.bootTimeoutMs ?? 45_000;
  const conversationId = `e2e-${randomUUID()}`;
  const cleanups: Cleanup[] = [];
  const output: string[] = [];
  const pageErrors: string[] = [];
  const diagnostics = () =>
    [output.length ? `Agents Playground (${name}) output (last lines):\n${tail(output)}` : '', pageErrors.length ? `Browser page errors (${name}):\n${tail(pageErrors, 10)}` : '']
      .filter(Boolean)
      .join('\n');
  try {
    const configDir = await mkdtemp(join(tmpdir(), 'kompetansebot-e2e-playground-'));
    cleanups.push({ what: 'remove the Playground config copy', run: () => rm(configDir, { recursive: true, force: true }) });
    await writePlaygroundConfigFor(configDir, name);
    // The file's `personalChat.id` wins over --conversation-id; as in Teams, each user gets a chat of their own.
    const configFile = join(configDir, '.m365agentsplayground.yml');
    const doc = parseDocument(await readFile(configFile, 'utf8'));
    doc.setIn(['personalChat', 'id'], conversationId);
    await writeFile(configFile, doc.toString());
    const spawned = await spawnPlayground({ endpoint: pg.bot.endpoint, conversationId, bootTimeoutMs, output, cwd: configDir });
    cleanups.push({ what: `stop Agents Playground (${name})`, run: () => spawned.stop() });
    const uiUrl = `http://127.0.0.1:${spawned.port}/`;
    await waitForHttp(uiUrl, bootTimeoutMs);

    const page = await pg.context.newPage();
    cleanups.push({ what: `close the tab (${name})`, run: () => page.close() });
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(uiUrl, { timeout: bootTimeoutMs });
    await sendBox(page).waitFor({ state: 'visible', timeout: bootTimeoutMs });

    return {
      page,
      user: name,
      uiUrl,
      conversationId,
      screenshot: async (shot) => {
        await mkdir(SCREENSHOT_DIR, { recursive: true });
        const path = join(SCREENSHOT_DIR, `${shot}.png`);
        await page.screenshot({ path });
        return path;
      },
      plantBotActivity: async (activity) => {
        const res = await fetch(new URL(`/_connector/v3/conversations/${encodeURIComponent(conversationId)}/activities`, uiUrl), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'message', ...activity }),
        });
        if (!res.ok) throw new Error(`Planting an activity in ${name}'s chat: HTTP ${res.status} ${(await res.text()).slice(0, 500)}`);
      },
      diagnostics,
      close: closeOnce(cleanups),
    };
  } catch (err) {
    return failedStart(err, cleanups, diagnostics);
  }
}
