import { TeamsAdapter } from '@microsoft/teams-ai';
import { type Activity, ConfigurationServiceClientCredentialFactory, type TurnContext } from 'botbuilder';
import type { AppConfig } from '../config.js';
import type { Logger } from '../logging/logger.js';

/** What an unauthenticated caller is told: nothing about why (no library message, no key). */
export const UNAUTHORIZED_BODY = { error: 'Ikke autorisert.' } as const;

/** The signing algorithms Bot Framework uses (botframework-connector's own allowed list). */
const SIGNING_ALGORITHMS = new Set(['RS256', 'RS384', 'RS512']);
/** The library's clock tolerance for `exp`, seconds. */
const CLOCK_TOLERANCE_S = 5 * 60;

/**
 * Why a bearer token is refused before it reaches the library, or undefined when the library
 * should decide. The library verifies signature, issuer, audience and expiry itself; this only
 * turns away what it would refuse anyway but handles loudly (an unsigned `alg: none` token makes it
 * fetch signing keys and print them; an expired one prints a stack trace).
 */
export function tokenPrecheck(authHeader: string, nowMs: number): string | undefined {
  if (!authHeader) return undefined; // The library answers a missing header with its own 401.
  const m = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/.exec(authHeader.trim());
  if (!m) return 'format';
  const part = (s: string): unknown => {
    try {
      return JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
  };
  const header = part(m[1]!) as { alg?: unknown } | undefined;
  const payload = part(m[2]!) as { exp?: unknown } | undefined;
  if (!header || typeof header !== 'object' || !payload || typeof payload !== 'object') return 'format';
  if (typeof header.alg !== 'string' || !SIGNING_ALGORITHMS.has(header.alg) || !m[3]) return 'algorithm';
  if (typeof payload.exp === 'number' && payload.exp + CLOCK_TOLERANCE_S < nowMs / 1000) return 'expired';
  return undefined;
}

/**
 * botframework-connector writes to stderr when a token fails verification: the stack of an
 * expired token, and «Error finding key for token. Available keys: <the public keys>» for a bad
 * signature. Every request with a forged token would print that. Drop exactly those two lines;
 * everything else still goes through.
 */
function silenceTokenNoise(): void {
  const marker = Symbol.for('kompetansebot.silenceTokenNoise');
  const holder = console as unknown as Record<symbol, boolean>;
  if (holder[marker]) return;
  holder[marker] = true;
  const original = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    const first = args[0];
    if (typeof first === 'string' && first.startsWith('Error finding key for token')) return;
    if (first instanceof Error && first.name === 'TokenExpiredError') return;
    original(...args);
  };
}

/** Minimal request/response the adapter needs (restify's satisfy it). */
interface HttpRequest {
  body?: unknown;
  headers: Record<string, string | string[] | undefined>;
}
interface HttpResponse {
  status(code: number): void;
  send(body?: unknown): void;
  end(): void;
  header(name: string, value: string): void;
}

/**
 * The Teams adapter with our own HTTP entry point. botbuilder's `process` answers a failed
 * token with 500 and the library's message whenever the failure is not its own
 * AuthenticationError (a bad signature, a key fetch that fails), and prints the error. Here
 * authentication runs first and any failure there is 401 with a generic body and one log line
 * with the error's name only; the turn then runs on the authenticated request.
 */
export class KompetansebotAdapter extends TeamsAdapter {
  private readonly log: Logger;
  private readonly authenticated: boolean;

  constructor(config: AppConfig, logger: Logger) {
    const credentials = {
      MicrosoftAppId: config.bot.appId,
      MicrosoftAppPassword: config.bot.appPassword,
      MicrosoftAppType: config.bot.appType,
      MicrosoftAppTenantId: config.bot.tenantId,
    };
    super(credentials, new ConfigurationServiceClientCredentialFactory(credentials));
    this.log = logger.child('adapter');
    this.authenticated = !!config.bot.appId;
    silenceTokenNoise();
  }

  /** Authenticates the request, runs `logic` for the activity and answers the HTTP request. */
  async processRequest(req: HttpRequest, res: HttpResponse, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const end = (status: number, body?: unknown) => {
      res.status(status);
      if (body !== undefined) res.send(body);
      res.end();
    };
    res.header('User-Agent', this.userAgent);
    const activity = fixTimestamps(req.body as Activity);
    const raw = req.headers.authorization ?? req.headers.Authorization;
    const authHeader = typeof raw === 'string' ? raw : '';
    const auth = await this.authenticate(activity, authHeader);
    if (!auth) return end(401, UNAUTHORIZED_BODY);
    const invokeResponse = await this.processActivity(auth, activity, logic);
    return end(invokeResponse?.status ?? 200, invokeResponse?.body);
  }

  /** The authenticated request, or undefined (logged once, by error name only) when it fails. */
  private async authenticate(activity: Activity, authHeader: string) {
    try {
      const refused = this.authenticated ? tokenPrecheck(authHeader, Date.now()) : undefined;
      if (refused) throw Object.assign(new Error(refused), { name: `Precheck:${refused}` });
      return await this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
    } catch (err) {
      this.log.warn({ reason: (err as Error)?.name ?? 'unknown', hasToken: !!authHeader }, 'http.unauthorized');
      return undefined;
    }
  }
}

/** What botbuilder's `validateAndFixActivity` does: ISO strings to Dates, the raw text kept. */
function fixTimestamps(activity: Activity): Activity {
  const a = activity as Activity & Record<string, unknown>;
  for (const [field, rawField] of [
    ['timestamp', 'rawTimestamp'],
    ['expiration', 'rawExpiration'],
    ['localTimestamp', 'rawLocalTimestamp'],
  ] as const) {
    if (typeof a[field] === 'string') {
      a[rawField] = a[field];
      a[field] = new Date(a[field] as string) as never;
    }
  }
  return activity;
}

/**
 * The Bot Framework adapter. With an app id it validates every incoming JWT (unauthenticated
 * requests get 401); with an empty app id (local mode only, enforced by the config) it accepts
 * unauthenticated requests, which is what the Agents Playground sends.
 */
export function createAdapter(config: AppConfig, logger: Logger): KompetansebotAdapter {
  const adapter = new KompetansebotAdapter(config, logger);
  const log = logger.child('adapter');
  adapter.onTurnError = async (context, error) => {
    log.error({ err: error.name, activityType: context.activity.type }, 'adapter.turnError');
    try {
      await context.sendActivity('Beklager, noe gikk galt hos meg. Prøv igjen om litt.');
    } catch {
      // ignore: the channel may be unreachable
    }
  };
  return adapter;
}
