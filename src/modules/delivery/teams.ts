/**
 * The delivery module's Teams side – the only file of the module that touches the Bot Framework:
 * - a `beforeTurn` hook that saves the conversation reference of every install, conversation
 *   update and message (it never stops routing), and removes it on uninstall;
 * - «installasjonsstatus» (HR): who the bot cannot reach yet, paged, with a CSV link;
 * - the {@link ProactiveSender} over the adapter.
 */
import type { Application } from '@microsoft/teams-ai';
import {
  type Activity,
  CardFactory,
  type ConversationReference,
  MessageFactory,
  type TurnContext,
} from 'botbuilder';
import { z } from 'zod';
import { card, cardRoutes, text } from '../../bot/card-route.js';
import { identifyUser, type TeamsRouteDeps } from '../../bot/identify.js';
import { personalRoutes } from '../../bot/scope.js';
import type { AppTurnState } from '../../bot/state.js';
import { VERBS } from '../../cards/verbs.js';
import type { Downloads } from '../../shared/downloads.js';
import { type Clock, systemClock } from '../../shared/dates.js';
import type { ConversationRefRecord, ConversationRefRepository } from '../../storage/ports/delivery.js';
import { renderInstallRequest, renderInstallStatus } from './cards.js';
import { noDateListStart } from '../../texts/index.js';
import { teamsInstallLink } from './reachability.js';
import { createConversationRefs, type TurnAddress } from './conversation-refs.js';
import { type OutboundMessage, type ProactiveSender, SendError } from './dispatcher.js';
import { createInstallationStatus } from './installation-status.js';
import { parseRetryAfter, type SendFailure } from './retry.js';

/** «installasjonsstatus», «installasjonsstatus?», «vis installasjonsstatus». */
export const INSTALL_STATUS_COMMAND = /^\s*(?:vis\s+)?installasjonsstatus(?:en)?\s*[.!?]*\s*$/i;

export const INSTALL_STATUS_STALE_TEXT = 'Jeg forsto ikke svaret fra kortet – det kan være utdatert. Skriv «installasjonsstatus» for å åpne lista på nytt.';

export interface DeliveryTeamsDeps extends TeamsRouteDeps {
  refs: ConversationRefRepository;
  /**
   * A person's first personal-chat reference was saved (first contact, or again after an
   * uninstall): messages that found nobody before may go now (the årshjul's late reminders).
   * Errors are logged, never shown.
   */
  onReachable?: (employeeId: string) => Promise<void>;
  downloads: Downloads;
  clock?: Clock;
  /** Teams app id (TEAMS_APP_ID) for the install link. */
  teamsAppId?: string;
}

/** The addressing part of an activity. */
export function addressOf(activity: Partial<Activity>): TurnAddress {
  const channelData = (activity.channelData ?? {}) as { tenant?: { id?: string }; team?: { id?: string } };
  return {
    channelId: activity.channelId ?? '',
    serviceUrl: activity.serviceUrl ?? '',
    conversationId: activity.conversation?.id ?? '',
    conversationType: activity.conversation?.conversationType,
    tenantId: activity.conversation?.tenantId ?? channelData.tenant?.id,
    botId: activity.recipient?.id ?? '',
    userId: activity.from?.id,
    aadObjectId: activity.from?.aadObjectId,
    teamId: channelData.team?.id,
  };
}

/** Unreadable data is no refusal here: the card is then made without a name. */
const installRequestData = z
  .object({ employeeId: z.string().trim().min(1).max(100).optional() })
  .passthrough()
  .catch({});
const pageData = z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1) }).passthrough();

/** Saves references on every turn and answers «installasjonsstatus». Register before the Q&A catch-all. */
export function registerDeliveryRoutes(app: Application<AppTurnState>, deps: DeliveryTeamsDeps): void {
  // Every route here shows personal data: only in the person's personal chat (src/bot/scope.ts).
  const routes = cardRoutes(personalRoutes(app), { ...deps, scope: 'delivery', stale: text(INSTALL_STATUS_STALE_TEXT) });
  const log = deps.logger?.child('delivery');
  const clock = deps.clock ?? systemClock;
  const refs = createConversationRefs({ repo: deps.refs, clock, directory: () => deps.org.directory(), logger: deps.logger });
  const status = createInstallationStatus({ org: deps.org, refs, clock, hrContact: deps.hrContact });
  const identify = (context: TurnContext) => identifyUser(context, deps.org, { lookupMember: deps.lookupMember, logger: log });

  app.turn('beforeTurn', async (context) => {
    const activity = context.activity;
    try {
      const address = addressOf(activity);
      const botId = activity.recipient?.id;
      if (activity.type === 'installationUpdate' && activity.action === 'remove') {
        await refs.forget(address);
      } else if (activity.type === 'conversationUpdate' && address.teamId && (activity.membersRemoved ?? []).some((m) => m.id === botId)) {
        await refs.forget(address);
      } else if (['message', 'invoke', 'conversationUpdate', 'installationUpdate', 'messageReaction'].includes(activity.type ?? '')) {
        let employeeId: string | undefined;
        const outcome = await refs.remember(address, async () => (employeeId = (await identify(context))?.employeeId));
        const personal = !address.teamId && address.conversationType !== 'groupChat' && address.conversationType !== 'channel';
        if (outcome === 'created' && personal && deps.onReachable) {
          employeeId ??= (await identify(context))?.employeeId;
          if (employeeId) await deps.onReachable(employeeId);
        }
      }
    } catch (err) {
      // Never let bookkeeping break the turn; the next turn saves it.
      log?.warn({ err: (err as Error).name, activityType: activity.type }, 'delivery.ref.saveFailed');
    }
    return true;
  });

  routes.message(INSTALL_STATUS_COMMAND, async (me) => {
    const result = await status.report(me.employeeId, 1);
    if (!result.ok) {
      log?.info({ employeeId: me.employeeId, allowed: false }, 'delivery.installStatus');
      return text(result.reason);
    }
    log?.info({ employeeId: me.employeeId, allowed: true, missing: result.missing }, 'delivery.installStatus');
    return card(renderInstallStatus(result));
  });

  routes.execute(VERBS.installStatus, pageData, async (me, d) => {
    const result = await status.report(me.employeeId, d.page);
    return result.ok ? card(renderInstallStatus(result)) : text(result.reason);
  });

  // A new message (not an update of the card clicked), so it can be forwarded.
  routes.submit(VERBS.installRequest, installRequestData, async (me, d) => {
    // A name only for HR and the person's own leader; anyone else gets the card without it.
    const directory = deps.org.directory();
    const person = d.employeeId ? directory.employee(d.employeeId) : undefined;
    const mayName = !!person && (directory.hasRole(me.employeeId, 'hr') || directory.leaderOf(person.employeeId)?.employeeId === me.employeeId);
    log?.info({ employeeId: me.employeeId, named: mayName }, 'delivery.installRequest');
    return card(renderInstallRequest({ names: mayName ? [person.name] : [], installUrl: teamsInstallLink(deps.teamsAppId) }));
  });

  routes.execute(VERBS.installStatusCsv, pageData, async (me, d) => {
    const exported = await status.exportCsv(me.employeeId);
    if (!exported.ok) return text(exported.reason);
    const result = await status.report(me.employeeId, d.page);
    if (!result.ok) return text(result.reason);
    log?.info({ employeeId: me.employeeId, rows: exported.missing }, 'delivery.installStatus.csv');
    return card(renderInstallStatus(result, { downloadUrl: deps.downloads.url(deps.downloads.offer(exported.file)) }));
  });
}

// ---------------------------------------------------------------------------------------------
// Sending

/** The part of the Bot Framework adapter the sender uses (CloudAdapter / teams-ai TeamsAdapter). */
export interface ProactiveAdapter {
  continueConversationAsync(botAppId: string, reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

interface ConnectorLike {
  conversations: {
    sendToConversation(conversationId: string, activity: Partial<Activity>, options?: { timeout?: number }): Promise<{ id?: string }>;
  };
  /** The @azure/core-client ServiceClient inside the connector client. */
  client?: { pipeline?: { removePolicy(options: { phase?: string; name?: string }): unknown[] } };
}

/** The HTTP status, error code and Retry-After of a failed connector call (an @azure RestError, usually). */
export function failureOf(err: unknown, now: Date): SendFailure {
  const e = err as { name?: string; code?: string; statusCode?: number; response?: { status?: number; headers?: { get?(name: string): string | undefined } } };
  const status = e?.statusCode ?? e?.response?.status;
  const retryAfter = typeof e?.response?.headers?.get === 'function' ? e.response.headers.get('retry-after') : undefined;
  const code = e?.name === 'AbortError' ? 'timeout' : (e?.code ?? e?.name);
  return {
    ...(typeof status === 'number' ? { status } : {}),
    ...(code ? { code: String(code).slice(0, 80) } : {}),
    ...(parseRetryAfter(retryAfter, now) !== undefined ? { retryAfterMs: parseRetryAfter(retryAfter, now) } : {}),
  };
}

function activityFor(message: OutboundMessage): Partial<Activity> {
  if (message.card) {
    const activity = MessageFactory.attachment(CardFactory.adaptiveCard(message.card));
    if (message.text) activity.text = message.text;
    return activity;
  }
  return MessageFactory.text(noDateListStart(message.text ?? ''));
}

/**
 * Sends over the Bot Framework adapter: `continueConversationAsync(botAppId, reference, …)`, then
 * a new message in the conversation (`POST /v3/conversations/{id}/activities`, not a reply to a
 * made-up activity id as `context.sendActivity` would do in a continued conversation).
 *
 * - The SDK's own retry policy (three retries of 429/5xx, ~10 s with `Retry-After: 3`) is taken
 *   out of the connector client for these sends: the outbox decides about retries, honours
 *   `Retry-After` and slows the rate limiter, and a send never blocks a worker for long.
 * - Errors are caught inside the turn, so the adapter's `onTurnError` (which would post «noe gikk
 *   galt» into the chat) never runs for a proactive send; they come out as {@link SendError}
 *   with the status, code and Retry-After of the @azure `RestError`.
 * - With an empty `botAppId` (local mode) the adapter sends without a token: that is what the
 *   Agents Playground and the fake connector in the tests accept. In the cloud the app id must
 *   be the bot's; the adapter gets a token for it.
 */
export function createTeamsSender(deps: { adapter: ProactiveAdapter; botAppId?: string; timeoutMs?: number; clock?: Clock }): ProactiveSender {
  const timeout = deps.timeoutMs ?? 30_000;
  const clock = deps.clock ?? systemClock;
  /**
   * One connector client per serviceUrl, made once by the adapter (its connector factory, with
   * the bot's credentials, which get and renew the token per request) and kept: building a client
   * and its pipeline for every send cost more CPU than the send itself. A client that could not
   * be made is not kept; one whose calls are refused with 401/403 is made anew next time.
   */
  const clients = new Map<string, Promise<ConnectorLike>>();

  function referenceOf(ref: ConversationRefRecord): Partial<ConversationReference> {
    return {
      channelId: ref.channelId,
      serviceUrl: ref.serviceUrl,
      conversation: { id: ref.conversationId, tenantId: ref.tenantId, isGroup: ref.kind === 'team', conversationType: ref.kind === 'team' ? 'channel' : 'personal', name: '' },
      bot: { id: ref.botId, name: '' },
      ...(ref.userId ? { user: { id: ref.userId, name: '', aadObjectId: ref.aadObjectId } } : {}),
    };
  }

  function clientFor(ref: ConversationRefRecord): Promise<ConnectorLike> {
    let client = clients.get(ref.serviceUrl);
    if (!client) {
      client = (async () => {
        let made: ConnectorLike | undefined;
        let failure: unknown;
        // The turn only hands over the adapter's connector client; nothing is sent in it, and
        // errors are caught inside, so the adapter's onTurnError never posts into the chat.
        await deps.adapter.continueConversationAsync(deps.botAppId ?? '', referenceOf(ref), async (context) => {
          try {
            const adapter = context.adapter as unknown as { ConnectorClientKey: symbol };
            made = context.turnState.get(adapter.ConnectorClientKey) as ConnectorLike | undefined;
            if (!made) throw new Error('no connector client');
            made.client?.pipeline?.removePolicy({ phase: 'Retry' });
          } catch (err) {
            failure = err;
          }
        });
        if (failure !== undefined || !made) throw failure ?? new Error('no connector client');
        return made;
      })();
      clients.set(ref.serviceUrl, client);
      const current = client;
      client.catch(() => {
        if (clients.get(ref.serviceUrl) === current) clients.delete(ref.serviceUrl);
      });
    }
    return client;
  }

  return {
    async send(ref: ConversationRefRecord, message: OutboundMessage) {
      const reference = referenceOf(ref);
      let client: ConnectorLike;
      try {
        client = await clientFor(ref);
      } catch (err) {
        // No connector client (bad serviceUrl), or no token.
        throw new SendError(failureOf(err, clock.now()));
      }
      try {
        const activity = { ...activityFor(message), from: reference.bot, recipient: reference.user, conversation: reference.conversation, channelId: ref.channelId, serviceUrl: ref.serviceUrl } as Partial<Activity>;
        const result = await client.conversations.sendToConversation(ref.conversationId, activity, { timeout });
        return { activityId: result?.id };
      } catch (err) {
        const failure = failureOf(err, clock.now());
        if (failure.status === 401 || failure.status === 403) {
          const current = clients.get(ref.serviceUrl);
          if (current) void current.then((c) => c === client && clients.delete(ref.serviceUrl), () => undefined);
        }
        throw new SendError(failure);
      }
    },
  };
}
