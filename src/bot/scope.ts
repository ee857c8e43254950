/**
 * Conversation scope: personal data is shown only in the person's personal chat with the bot.
 *
 * A module registers each route that shows something about a person (their own data, their
 * unit's people, a samtale, a report with names) through {@link personalRoutes}; everything else
 * (Q&A, help, the årshjul editor) stays on the Application and may answer where it was asked.
 *
 * In a personal chat a personal route runs as before. In a group chat or a team channel:
 * - the route still runs for the person who wrote or pressed (the Teams identity of the turn),
 *   but what it would post is caught and sent to that person's personal chat instead, through
 *   the conversation reference the delivery module saved when they talked to the bot 1:1;
 * - the shared conversation gets only {@link SCOPE_TEXT.movedToPersonal} (or, for a card button,
 *   the same text as an answer only the presser sees; the card in the chat is left as it was);
 * - when the person has no personal chat with the bot yet, nothing runs, and the reply says
 *   how to open one ({@link SCOPE_TEXT.openPersonalChat});
 * - the send to the personal chat is retried as the outbox retries (412/429/5xx with backoff,
 *   `Retry-After` honoured; 403/404 not), but within the turn: see {@link PERSONAL_SEND_POLICY};
 * - when the send to the personal chat fails, the reply says so, never that it was sent.
 */
import type { AdaptiveCard, Application, TurnState } from '@microsoft/teams-ai';
import type { Activity, TurnContext } from 'botbuilder';
import type { AdaptiveCardJson } from '../cards/define-card.js';
import { classifySendFailure, type RetryPolicy, type SendFailure } from '../modules/delivery/retry.js';
import type { ConversationRefRecord } from '../storage/ports/delivery.js';

export const SCOPE_TEXT = {
  movedToPersonal: 'Dette viser jeg bare i en personlig chat – se meldingen fra meg der.',
  openPersonalChat:
    'Dette viser jeg bare i en personlig chat, og der har vi ikke snakket sammen ennå. ' +
    'Åpne en chat med meg: velg «Chat» på navnet mitt (Kompetansebot) eller finn meg under «Apper» i Teams, skriv «hei», ' +
    'og prøv igjen – her eller der.',
  sendFailed:
    'Dette viser jeg bare i en personlig chat, men jeg fikk ikke sendt det dit nå. Ingenting er vist her. ' +
    'Prøv igjen om litt, eller skriv det samme direkte til meg i den personlige chatten.',
} as const;

/** A message for the personal chat: text, a card, or both. */
export interface PersonalMessage {
  text?: string;
  card?: AdaptiveCardJson;
}

/** How the bot reaches a person's personal chat (composed in createBot; a fake in tests). */
export interface PersonalChat {
  /** The saved reference of the user's personal chat with the bot, if there is one. */
  find(user: { id?: string; aadObjectId?: string }): Promise<ConversationRefRecord | undefined>;
  /** Posts one message there; throws when the connector refuses (a `SendError` carries its `failure`). */
  send(ref: ConversationRefRecord, message: PersonalMessage): Promise<unknown>;
  /** Waits between attempts (default: a timer; tests pass one that does not wait). */
  sleep?(ms: number): Promise<void>;
}

/**
 * The outbox's retry rules (delivery/retry.ts) with a turn's patience: the person waits for the
 * answer, and a card button must be answered within seconds. At most 3 attempts, backoff from
 * 0.5 s, and no more than {@link PERSONAL_SEND_BUDGET_MS} of waiting in all; a `Retry-After`
 * beyond what is left is not shortened – the send gives up and the person is told.
 */
export const PERSONAL_SEND_POLICY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 2_000, maxRetryAfterMs: 3_000 };
export const PERSONAL_SEND_BUDGET_MS = 4_000;

async function sendRetrying(chat: PersonalChat, ref: ConversationRefRecord, message: PersonalMessage): Promise<void> {
  const sleep = chat.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let waited = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      await chat.send(ref, message);
      return;
    } catch (err) {
      const failure: SendFailure = (err as { failure?: SendFailure }).failure ?? { code: (err as Error)?.name || 'error' };
      const decision = classifySendFailure(failure, attempt, PERSONAL_SEND_POLICY);
      const tooLong = (failure.retryAfterMs ?? 0) > PERSONAL_SEND_POLICY.maxRetryAfterMs;
      if (decision.action !== 'retry' || tooLong || waited + decision.delayMs > PERSONAL_SEND_BUDGET_MS) throw err;
      waited += decision.delayMs;
      await sleep(decision.delayMs);
    }
  }
}

/** Where createBot puts the {@link PersonalChat} for the turn (context.turnState). */
export const PERSONAL_CHAT_KEY = Symbol('kompetansebot.personalChat');

/** A group chat or a team channel: somewhere others read along. */
export function isSharedConversation(activity: Partial<Activity>): boolean {
  const type = activity.conversation?.conversationType;
  if (type === 'personal') return false;
  if (type === 'groupChat' || type === 'channel') return true;
  const channelData = activity.channelData as { team?: { id?: string } } | undefined;
  return activity.conversation?.isGroup === true || Boolean(channelData?.team?.id);
}

const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

function personalMessageOf(activity: Partial<Activity>): PersonalMessage | undefined {
  const card = activity.attachments?.find((a) => a.contentType === ADAPTIVE)?.content as AdaptiveCardJson | undefined;
  const text = typeof activity.text === 'string' && activity.text ? activity.text : undefined;
  if (!card && !text) return undefined;
  return { ...(text ? { text } : {}), ...(card ? { card } : {}) };
}

type Outcome = { shown: 'here' } | { shown: 'elsewhere'; reply: string };

/**
 * Runs a personal route's handler. In a shared conversation its messages (and, for an
 * Action.Execute, the card it returns) go to the person's personal chat.
 */
async function runPersonal<R>(context: TurnContext, handler: () => Promise<R>, returnsCard: boolean): Promise<{ result: R; outcome: Outcome } | { refused: string }> {
  if (!isSharedConversation(context.activity)) return { result: await handler(), outcome: { shown: 'here' } };
  const chat = context.turnState.get(PERSONAL_CHAT_KEY) as PersonalChat | undefined;
  const from = context.activity.from ?? {};
  const ref = chat ? await chat.find({ id: from.id, aadObjectId: from.aadObjectId }) : undefined;
  if (!chat || !ref) return { refused: SCOPE_TEXT.openPersonalChat };

  const caught: PersonalMessage[] = [];
  let catching = true;
  context.onSendActivities(async (_ctx, activities, next) => {
    if (!catching || activities.some((a) => a.type !== 'message')) return next();
    for (const a of activities) {
      const message = personalMessageOf(a);
      if (message) caught.push(message);
    }
    return activities.map(() => ({ id: '' }));
  });
  let result: R;
  try {
    result = await handler();
  } finally {
    catching = false;
  }
  if (returnsCard && result !== undefined && result !== null) {
    caught.push(typeof result === 'string' ? { text: result } : { card: result as unknown as AdaptiveCardJson });
  }
  if (!caught.length) return { result, outcome: { shown: 'here' } };
  try {
    for (const message of caught) await sendRetrying(chat, ref, message);
  } catch {
    return { result, outcome: { shown: 'elsewhere', reply: SCOPE_TEXT.sendFailed } };
  }
  return { result, outcome: { shown: 'elsewhere', reply: SCOPE_TEXT.movedToPersonal } };
}

type MessageHandler<S> = (context: TurnContext, state: S) => Promise<void>;
type SubmitHandler<S, D> = (context: TurnContext, state: S, data: D) => Promise<void>;
type ExecuteHandler<S, D> = (context: TurnContext, state: S, data: D) => Promise<AdaptiveCard | string>;
type Selector = Parameters<Application['message']>[0];

/** The routes of a module that show personal data; the same calls as on the Application. */
export interface PersonalRoutes<S extends TurnState> {
  message(selector: Selector, handler: MessageHandler<S>): void;
  adaptiveCards: {
    actionExecute<D = Record<string, any>>(verb: Selector, handler: ExecuteHandler<S, D>): void;
    actionSubmit<D = Record<string, any>>(verb: Selector, handler: SubmitHandler<S, D>): void;
  };
}

/** A route registered as personal (for tests and the help text: which routes keep to the personal chat). */
export interface PersonalRouteInfo {
  kind: 'message' | 'execute' | 'submit';
  selector: Selector;
}

const registered = new WeakMap<object, PersonalRouteInfo[]>();

/** Every route registered through {@link personalRoutes} on this Application, in order. */
export function personalRoutesOf(app: object): readonly PersonalRouteInfo[] {
  return registered.get(app) ?? [];
}

/** Registers routes as personal: see the file comment for what that means in a shared conversation. */
export function personalRoutes<S extends TurnState>(app: Application<S>): PersonalRoutes<S> {
  const list = registered.get(app) ?? [];
  registered.set(app, list);
  const sendOnly = async (context: TurnContext, handler: () => Promise<void>) => {
    const run = await runPersonal(context, handler, false);
    if ('refused' in run) await context.sendActivity(run.refused);
    else if (run.outcome.shown === 'elsewhere') await context.sendActivity(run.outcome.reply);
  };
  return {
    message(selector, handler) {
      list.push({ kind: 'message', selector });
      app.message(selector, (context, state) => sendOnly(context, () => handler(context, state)));
    },
    adaptiveCards: {
      actionExecute<D>(verb: Selector, handler: ExecuteHandler<S, D>) {
        list.push({ kind: 'execute', selector: verb });
        app.adaptiveCards.actionExecute<D>(verb, async (context, state, data) => {
          const run = await runPersonal(context, () => handler(context, state, data), true);
          if ('refused' in run) return run.refused;
          return run.outcome.shown === 'elsewhere' ? run.outcome.reply : run.result;
        });
      },
      actionSubmit<D>(verb: Selector, handler: SubmitHandler<S, D>) {
        list.push({ kind: 'submit', selector: verb });
        app.adaptiveCards.actionSubmit<D>(verb, (context, state, data) => sendOnly(context, () => handler(context, state, data)));
      },
    },
  };
}
