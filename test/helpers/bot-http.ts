/**
 * Talking to a running bot (`main()` in local mode) over HTTP the way Teams does: one POST to
 * /api/messages per activity, with replies going to a fake connector's `serviceUrl`.
 */

export const TEST_TENANT = '60d8366e-5ed1-415d-8ddf-9633fcf35151';

/** Kari Solheim (employee 10004 in the demo organisation), as Teams names her. */
export const KARI = { id: '555ac447-9d7c-4917-a7be-c0f80eb6e72e', aadObjectId: '555ac447-9d7c-4917-a7be-c0f80eb6e72e', name: 'Kari Solheim' };

/** Kari's personal chat with the bot. */
export const KARI_PERSONAL = 'a:kari-personal';

export const BOT_ACCOUNT = { id: '28:kompetansebot', name: 'Kompetansebot' };

export const personalChat = (id = KARI_PERSONAL) => ({ id, conversationType: 'personal', tenantId: TEST_TENANT });

/**
 * A function that posts one activity to the bot: from `from` (Kari) in `conversation` (her
 * personal chat) unless the activity names its own. `port` may be a function, for a bot that is
 * restarted during the test.
 */
export function activityPoster(opts: {
  port: number | (() => number);
  serviceUrl: string;
  from?: Record<string, unknown>;
  conversation?: Record<string, unknown>;
}): (activity: Record<string, unknown>) => Promise<Response> {
  return (activity) => {
    const port = typeof opts.port === 'function' ? opts.port() : opts.port;
    return fetch(`http://127.0.0.1:${port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        channelId: 'msteams',
        serviceUrl: opts.serviceUrl,
        conversation: opts.conversation ?? personalChat(),
        from: opts.from ?? KARI,
        recipient: BOT_ACCOUNT,
        ...activity,
      }),
    });
  };
}
