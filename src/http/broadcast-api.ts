/**
 * HR broadcasts for other systems (an HR system, an intranet): `POST /api/broadcasts` sends, `GET
 * /api/broadcasts/:id` shows progress. Guarded by `Authorization: Bearer <BROADCAST_API_KEY>`
 * (compared in constant time); without a configured key the endpoints do not exist (404).
 * Errors are Norwegian JSON: 400 bad body, 401 no or wrong key, 403 refused, 404 unknown, 409 the id
 * is already used for a different message (the same message again is 202 with `added: 0`).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type restify from 'restify';
import { z } from 'zod';
import type { Logger } from '../logging/logger.js';
import type { BroadcastService } from '../modules/broadcast/broadcast-service.js';
import { CAMPAIGN_ID } from '../modules/broadcast/broadcast-service.js';

export interface BroadcastApiDeps {
  broadcast: BroadcastService;
  /** Undefined: the endpoints answer 404. */
  apiKey?: string;
  logger: Logger;
}

/** The envelope; the message fields are checked by the service (Norwegian field messages). */
const bodySchema = z
  .object({ id: z.string().regex(CAMPAIGN_ID, 'kan bare ha a–z, A–Z, 0–9, - og _ (høyst 64 tegn)').optional() })
  .passthrough();

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** True when the header carries the key; the comparison takes the same time whatever the input. */
export function bearerMatches(header: string | undefined, apiKey: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  // Hash both sides: equal lengths for timingSafeEqual, and nothing learned from the length.
  return timingSafeEqual(digest(match?.[1] ?? ''), digest(apiKey)) && !!match;
}

function fail(res: restify.Response, status: number, error: string, extra: Record<string, unknown> = {}) {
  if (status === 401) res.setHeader('www-authenticate', 'Bearer');
  res.status(status);
  res.json({ error, ...extra });
}

export function registerBroadcastApi(server: restify.Server, deps: BroadcastApiDeps): void {
  const log = deps.logger.child('http.broadcast');

  /** Answers and returns false unless the endpoint is on and the key is right. */
  function guard(req: restify.Request, res: restify.Response): boolean {
    if (!deps.apiKey) {
      fail(res, 404, 'Finnes ikke.');
      return false;
    }
    if (!bearerMatches(req.header('authorization') || undefined, deps.apiKey)) {
      log.warn({ hasHeader: !!req.header('authorization') }, 'http.broadcast.unauthorized');
      fail(res, 401, 'Mangler eller ugyldig API-nøkkel. Send «Authorization: Bearer <nøkkel>».');
      return false;
    }
    return true;
  }

  server.post('/api/broadcasts', async (req, res) => {
    if (!guard(req, res)) return;
    const envelope = bodySchema.safeParse(req.body ?? undefined);
    if (!envelope.success || req.body === null || typeof req.body !== 'object' || Array.isArray(req.body)) {
      fail(res, 400, 'Ugyldig forespørsel: kroppen må være et JSON-objekt.', {
        fields: envelope.success ? [] : envelope.error.issues.map((i) => ({ field: i.path.join('.') || '(kropp)', message: i.message })),
      });
      return;
    }
    const { id, ...input } = envelope.data;
    const sent = await deps.broadcast.send({ kind: 'system' }, input, id);
    if (!sent.ok) {
      if (sent.code === 'invalid') fail(res, 400, `Ugyldig melding: ${sent.errors.map((e) => e.message).join(' ')}`, { fields: sent.errors });
      else fail(res, sent.code === 'forbidden' ? 403 : sent.code === 'conflict' ? 409 : 404, sent.reason);
      return;
    }
    log.info({ campaignId: sent.campaignId, recipients: sent.recipients, added: sent.added }, 'http.broadcast.sent');
    res.status(202);
    res.json({ id: sent.campaignId, recipients: sent.recipients, added: sent.added, progress: `/api/broadcasts/${sent.campaignId}` });
  });

  server.get('/api/broadcasts/:id', async (req, res) => {
    if (!guard(req, res)) return;
    const id = String((req.params as { id?: string }).id ?? '');
    const progress = await deps.broadcast.progress({ kind: 'system' }, id);
    if (!progress.ok) {
      fail(res, progress.code === 'forbidden' ? 403 : progress.code === 'invalid' ? 400 : 404, progress.reason);
      return;
    }
    const { ok: _ok, ...body } = progress;
    res.json({ ...body, id: progress.campaignId });
  });
}
