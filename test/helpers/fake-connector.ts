import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedActivity {
  method: string;
  path: string;
  conversationId: string;
  replyToId?: string;
  activity: Record<string, unknown>;
  at: number;
  /** The HTTP status answered; undefined while the request hangs (see `respond`). */
  status?: number;
}

/** How the fake connector answers one request (default: 200 with a new activity id). */
export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON body; default `{ id }` for 2xx, a Bot Framework error object otherwise. */
  body?: unknown;
}

/**
 * A local stand-in for the Bot Connector service (loopback only). The bot posts its replies
 * here because incoming test activities carry this server's URL as `serviceUrl`.
 */
export async function startFakeConnector(
  opts: {
    onActivity?: (a: ReceivedActivity) => void;
    /**
     * Decides the answer per request: a {@link FakeResponse} (e.g. 429 with `Retry-After`, 5xx,
     * 403, 404), `'hang'` to never answer (a send in flight when the bot dies), or undefined for
     * the normal 200.
     */
    respond?: (a: ReceivedActivity) => FakeResponse | 'hang' | undefined;
  } = {},
) {
  const received: ReceivedActivity[] = [];
  const waiters: { pred: (a: ReceivedActivity) => boolean; resolve: (a: ReceivedActivity) => void }[] = [];
  let nextId = 1;

  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });

  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
    if (!match) {
      res.writeHead(404);
      res.end();
      return;
    }
    const entry: ReceivedActivity = {
      method: req.method ?? '',
      path: req.url ?? '',
      conversationId: decodeURIComponent(match[1] ?? ''),
      replyToId: match[2] ? decodeURIComponent(match[2]) : undefined,
      activity: body ? (JSON.parse(body) as Record<string, unknown>) : {},
      at: performance.now(),
    };
    received.push(entry);
    opts.onActivity?.(entry);
    for (const w of [...waiters]) {
      if (w.pred(entry)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(entry);
      }
    }
    const answer = opts.respond?.(entry);
    if (answer === 'hang') return;
    const status = answer?.status ?? 200;
    const payload =
      answer?.body ?? (status < 300 ? { id: `act-${nextId++}` } : { error: { code: status === 429 ? 'TooManyRequests' : `Http${status}`, message: 'fake connector' } });
    entry.status = status;
    // Not chained: restify patches ServerResponse in this process and its writeHead returns nothing.
    res.writeHead(status, { 'content-type': 'application/json', ...(answer?.headers ?? {}) });
    res.end(JSON.stringify(payload));
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    received,
    /** Resolves with the first activity (already received or coming) that matches. */
    waitFor(pred: (a: ReceivedActivity) => boolean, timeoutMs = 5000): Promise<ReceivedActivity> {
      const hit = received.find(pred);
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('fake connector: timed out waiting for activity')), timeoutMs);
        waiters.push({ pred, resolve: (a) => (clearTimeout(timer), resolve(a)) });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Hung requests would keep the server open forever.
        server.closeAllConnections();
      }),
  };
}
