import restify from 'restify';
import { z } from 'zod';
import type { Bot } from '../bot/app.js';
import type { Logger } from '../logging/logger.js';
import { type BroadcastApiDeps, registerBroadcastApi } from './broadcast-api.js';
import type { Downloads } from './downloads.js';

/** Minimal shape every Bot Framework activity must have before the adapter sees it. */
const activityShape = z
  .object({
    type: z.string().min(1).max(100),
    id: z.string().max(500).optional(),
    channelId: z.string().min(1).max(100),
    serviceUrl: z.string().url().max(2000),
    conversation: z.object({ id: z.string().min(1).max(2000) }).passthrough(),
    from: z.object({ id: z.string().min(1).max(1000) }).passthrough(),
    recipient: z.object({ id: z.string().min(1).max(1000) }).passthrough(),
    text: z.string().max(28_000).optional(),
  })
  .passthrough();

/** The Bot Framework adapter as the HTTP layer sees it (kept SDK-free: only src/bot knows the SDK). */
export interface ActivityProcessor {
  process(req: restify.Request, res: restify.Response, logic: (context: Parameters<Bot['handleTurn']>[0]) => Promise<void>): Promise<void>;
}

export interface HttpDeps {
  bot: Bot;
  /** The Bot Framework adapter (JWT check when an app id is configured). */
  adapter: ActivityProcessor;
  logger: Logger;
  health: () => Record<string, unknown>;
  downloads?: Downloads;
  /** HR broadcasts for other systems (/api/broadcasts). */
  broadcastApi?: BroadcastApiDeps;
}

function sendError(res: restify.Response, status: number, message: string) {
  res.status(status);
  res.json({ error: message });
}

/** restify server: POST /api/messages and GET /api/health. */
export function createHttpServer(deps: HttpDeps): restify.Server {
  const log = deps.logger.child('http');
  const server = restify.createServer({ name: 'kompetansebot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false, rejectUnknown: true }));

  server.get('/api/health', (_req, res, next) => {
    res.json({ status: 'ok', ...deps.health() });
    return next();
  });

  server.get('/api/downloads/:token', (req, res, next) => {
    const token = String((req.params as { token?: string }).token ?? '');
    const file = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? deps.downloads?.take(token) : undefined;
    if (!file) {
      sendError(res, 404, 'Lenken er brukt eller utløpt. Be boten om en ny eksport.');
      return next();
    }
    res.setHeader('content-type', file.contentType);
    res.setHeader('content-disposition', `attachment; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"`);
    res.setHeader('cache-control', 'no-store');
    res.sendRaw(200, file.content);
    log.info({ bytes: Buffer.byteLength(file.content) }, 'http.download');
    return next();
  });

  if (deps.broadcastApi) registerBroadcastApi(server, deps.broadcastApi);

  server.post('/api/messages', async (req, res) => {
    const parsed = activityShape.safeParse(req.body);
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(body)'))].join(', ');
      log.warn({ fields }, 'http.badActivity');
      sendError(res, 400, `Ugyldig aktivitet: mangler eller feil i ${fields}`);
      return;
    }
    try {
      await deps.adapter.process(req, res, (context) => deps.bot.handleTurn(context));
    } catch (err) {
      log.error({ err: (err as Error).name }, 'http.processFailed');
      if (!res.headersSent) sendError(res, 500, 'Intern feil');
    }
  });

  // restify answers malformed JSON with its own 400; make it Norwegian and JSON.
  server.on('restifyError', (req, res, err, callback) => {
    const status = (err as { statusCode?: number }).statusCode ?? 500;
    err.toJSON = () => ({ error: status === 400 ? 'Ugyldig forespørsel: kroppen er ikke gyldig JSON' : status === 413 ? 'Forespørselen er for stor' : err.message });
    return callback();
  });
  return server;
}
