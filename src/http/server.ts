import restify from 'restify';
import { z } from 'zod';
import type { Bot } from '../bot/app.js';
import type { Logger } from '../logging/logger.js';
import { bearerMatches, type BroadcastApiDeps, registerBroadcastApi } from './broadcast-api.js';
import type { Downloads } from '../shared/downloads.js';

/** An account (from, recipient, a member added): the fields the bot and teams-ai read must have these types. */
const account = z
  .object({
    id: z.string().min(1).max(1000),
    aadObjectId: z.string().max(100).nullish(),
    name: z.string().max(1000).nullish(),
    role: z.string().max(100).nullish(),
  })
  .passthrough();
const plainObject = z.record(z.unknown());

/**
 * The shape of a Bot Framework activity, checked at the door: every field the bot or teams-ai
 * reads has the type they expect, so a malformed activity is a 400 here and never a TypeError in
 * the turn. Unknown fields pass through (Teams adds new ones); optional ones may be null, which
 * some clients send for «not set».
 */
export const activityShape = z
  .object({
    type: z.string().min(1).max(100),
    id: z.string().max(500).nullish(),
    name: z.string().max(500).nullish(),
    channelId: z.string().min(1).max(100),
    serviceUrl: z.string().url().max(2000),
    conversation: z
      .object({
        id: z.string().min(1).max(2000),
        conversationType: z.string().max(100).nullish(),
        tenantId: z.string().max(100).nullish(),
        isGroup: z.boolean().nullish(),
        name: z.string().max(1000).nullish(),
      })
      .passthrough(),
    from: account,
    recipient: account,
    text: z.string().max(28_000).nullish(),
    textFormat: z.string().max(100).nullish(),
    locale: z.string().max(100).nullish(),
    replyToId: z.string().max(500).nullish(),
    timestamp: z.string().max(100).nullish(),
    localTimestamp: z.string().max(100).nullish(),
    entities: z.array(z.object({ type: z.string().max(200) }).passthrough()).max(100).nullish(),
    attachments: z.array(z.object({ contentType: z.string().max(500) }).passthrough()).max(50).nullish(),
    membersAdded: z.array(account).max(1000).nullish(),
    membersRemoved: z.array(account).max(1000).nullish(),
    channelData: plainObject.nullish(),
    value: z.unknown().nullish(),
  })
  .passthrough();

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * True for `application/json` (any parameters). Everything else is refused before parsing: a
 * form or text/plain POST is a browser «simple request» that needs no CORS preflight, so
 * accepting one would let any web page drive the bot in local mode.
 */
export function isJsonContentType(header: string | undefined): boolean {
  return (header ?? '').split(';')[0]!.trim().toLowerCase() === 'application/json';
}

/** The loopback addresses (IPv4, IPv6 and IPv4-mapped IPv6). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.replace(/^::ffff:/i, '');
  return a === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

/** True when a Host header names this machine: 127.0.0.1, localhost or [::1], any port. */
export function isLoopbackHost(host: string | undefined): boolean {
  const name = (host ?? '').trim().toLowerCase().replace(/:\d+$/, '');
  return name === '127.0.0.1' || name === 'localhost' || name === '[::1]';
}

/**
 * The Bot Framework adapter as the HTTP layer sees it, kept SDK-free here: botbuilder and teams-ai
 * are imported only by src/bot and the modules' Teams adapters (their teams.ts files).
 * It answers the request itself: 401 for any failed authentication, the turn's status otherwise.
 */
export interface ActivityProcessor {
  processRequest(req: restify.Request, res: restify.Response, logic: (context: Parameters<Bot['handleTurn']>[0]) => Promise<void>): Promise<void>;
}

export interface HttpDeps {
  bot: Bot;
  /** The Bot Framework adapter (JWT check when an app id is configured). */
  adapter: ActivityProcessor;
  logger: Logger;
  /** Details for /api/health; only loopback callers and holders of `healthKey` see them. */
  health: () => Record<string, unknown>;
  /** A bearer key that also unlocks the health details (the broadcast API key). */
  healthKey?: string;
  /**
   * Local mode: answer only requests addressed to this machine by name (Host 127.0.0.1, localhost
   * or [::1]). A web page that makes its own domain resolve to 127.0.0.1 (DNS rebinding) is then
   * same-origin in the browser, but its requests carry its own host name and are refused.
   */
  loopbackHostOnly?: boolean;
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
  if (deps.loopbackHostOnly) {
    server.use((req, res, next) => {
      if (!isLoopbackHost(req.header('host') || undefined)) {
        log.warn({ path: req.path() }, 'http.foreignHost');
        sendError(res, 403, 'Lokal modus svarer bare på 127.0.0.1 og localhost.');
        return next(false);
      }
      return next();
    });
  }
  // JSON only, refused before any byte of the body is parsed (see isJsonContentType).
  server.use((req, res, next) => {
    if (BODY_METHODS.has(req.method ?? '') && !isJsonContentType(req.header('content-type') || undefined)) {
      log.warn({ path: req.path(), method: req.method }, 'http.unsupportedMediaType');
      sendError(res, 415, 'Bare application/json er tillatt.');
      return next(false);
    }
    return next();
  });
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false, rejectUnknown: true }));

  server.get('/api/health', (req, res, next) => {
    // The details (mode, counts) are for the operator: on the machine itself or with the key.
    const trusted = isLoopback(req.socket?.remoteAddress) || (!!deps.healthKey && bearerMatches(req.header('authorization') || undefined, deps.healthKey));
    res.json(trusted ? { status: 'ok', ...deps.health() } : { status: 'ok' });
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
      await deps.adapter.processRequest(req, res, (context) => deps.bot.handleTurn(context));
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
