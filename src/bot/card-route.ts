/**
 * The one way to write a Teams route in a module's adapter: parse the card data with its zod
 * schema, find out who is asking, answer a stale or malformed card and an unknown user politely
 * (the module's stale text, {@link unknownUserText}), call the use case and reply — a new message
 * for a text command or an Action.Submit, the updated card (or a text) for an Action.Execute.
 *
 * A handler only turns the use case's result into a {@link Reply}:
 *
 * ```ts
 * const routes = cardRoutes(personalRoutes(app), { ...deps, scope: 'arshjul', stale: text(ARSHJUL_STALE_TEXT) });
 * routes.execute(VERBS.arshjulDone, doneData, async (me, d) => { … return card(renderReminder(…)); });
 * ```
 */
import type { AdaptiveCard, Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { z } from 'zod';
import type { AdaptiveCardJson } from '../cards/define-card.js';
import type { Logger } from '../logging/logger.js';
import type { Employee } from '../modules/org/model.js';
import { identifyUser, type TeamsRouteDeps, unknownUserText } from './identify.js';
import { sendCard } from './reply.js';
import type { AppTurnState } from './state.js';
import { noDateListStart } from '../texts/index.js';

/** What a route answers: a card, or a plain message. */
export type Reply = { card: AdaptiveCardJson } | { text: string };

export const card = (c: AdaptiveCardJson): Reply => ({ card: c });
/** A text reply. A line that starts with a date («14. desember …») never becomes a numbered list in Teams. */
export const text = (t: string): Reply => ({ text: noDateListStart(t) });

/** Sends a reply as a new message in the conversation. */
export async function sendReply(context: TurnContext, reply: Reply): Promise<void> {
  if ('card' in reply) await sendCard(context, reply.card);
  else await context.sendActivity(reply.text);
}

/** An Action.Execute answer: the card replaces the one pressed; a text is shown to the presser. */
export function invokeResult(reply: Reply): AdaptiveCard | string {
  return 'card' in reply ? reply.card : reply.text;
}

/** The turn a handler runs in, for the few that need more than the parsed data. */
export interface Turn {
  context: TurnContext;
  state: AppTurnState;
  /** The card data as Teams sent it (typed inputs included), before parsing. */
  raw: Record<string, unknown>;
  /** Who is asking (cached per turn); undefined for someone not in the organisation. */
  whoIs(): Promise<Employee | undefined>;
}

type Selector = Parameters<Application['message']>[0];

/** Where routes go: the Application itself, or its personal routes (`personalRoutes(app)`, src/bot/scope.ts). */
export interface RouteTarget {
  message(selector: Selector, handler: (context: TurnContext, state: AppTurnState) => Promise<void>): unknown;
  adaptiveCards: {
    actionExecute(verb: Selector, handler: (context: TurnContext, state: AppTurnState, data: unknown) => Promise<AdaptiveCard | string>): unknown;
    actionSubmit(verb: Selector, handler: (context: TurnContext, state: AppTurnState, data: unknown) => Promise<void>): unknown;
  };
}

export interface CardRouteOptions extends Partial<TeamsRouteDeps> {
  /** Log name of the module ('arshjul', 'broadcast' …): events are `<scope>.payload.invalid` and so on. */
  scope: string;
  /** The answer to card data that does not parse (an old or changed card). */
  stale: Reply;
}

/** Per route: a stale answer other than the module's. */
export interface RouteOptions {
  stale?: Reply;
}

type Known<S extends z.ZodTypeAny> = (me: Employee, data: z.infer<S>, turn: Turn) => Promise<Reply>;
type Anyone<S extends z.ZodTypeAny> = (data: z.infer<S>, turn: Turn) => Promise<Reply>;

export interface CardRoutes {
  /** A text command for someone in the organisation; anyone else gets {@link unknownUserText}. */
  message(selector: Selector, handler: (me: Employee, turn: Turn) => Promise<Reply>): void;
  /** A text command anyone may use (the handler may still ask `turn.whoIs()`). */
  messagePublic(selector: Selector, handler: (turn: Turn) => Promise<Reply>): void;
  /** Action.Execute for someone in the organisation: the reply updates the card. */
  execute<S extends z.ZodTypeAny>(verb: string, schema: S, handler: Known<S>, route?: RouteOptions): void;
  /** Action.Execute anyone may press. */
  executePublic<S extends z.ZodTypeAny>(verb: string, schema: S, handler: Anyone<S>, route?: RouteOptions): void;
  /** Action.Submit for someone in the organisation: the reply is a new message. */
  submit<S extends z.ZodTypeAny>(verb: string, schema: S, handler: Known<S>, route?: RouteOptions): void;
  /** Action.Submit anyone may press. */
  submitPublic<S extends z.ZodTypeAny>(verb: string, schema: S, handler: Anyone<S>, route?: RouteOptions): void;
}

const asRecord = (raw: unknown): Record<string, unknown> => (raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {});

/**
 * The routes of one module. Without `org` (the Q&A) only the public routes work: `whoIs()` finds
 * nobody, and a route for known users answers {@link unknownUserText}.
 */
export function cardRoutes(target: RouteTarget, options: CardRouteOptions): CardRoutes {
  const log: Logger | undefined = options.logger?.child(options.scope);
  const unknown = text(unknownUserText(options.hrContact ?? 'HR'));

  const turnOf = (context: TurnContext, state: AppTurnState, raw: unknown): Turn => {
    let who: Promise<Employee | undefined> | undefined;
    return {
      context,
      state,
      raw: asRecord(raw),
      whoIs: () =>
        (who ??= options.org
          ? identifyUser(context, options.org, { lookupMember: options.lookupMember, logger: log })
          : Promise.resolve(undefined)),
    };
  };

  /** Parses, then runs the handler; a payload that does not parse gets the stale answer. */
  const parsed =
    <S extends z.ZodTypeAny>(verb: string, schema: S, handler: Anyone<S>, route: RouteOptions = {}) =>
    async (context: TurnContext, state: AppTurnState, raw: unknown): Promise<Reply> => {
      const result = schema.safeParse(raw ?? {});
      if (!result.success) {
        log?.info({ verb, issues: result.error.issues.length }, `${options.scope}.payload.invalid`);
        return route.stale ?? options.stale;
      }
      return handler(result.data as z.infer<S>, turnOf(context, state, raw));
    };

  const known =
    <S extends z.ZodTypeAny>(handler: Known<S>): Anyone<S> =>
    async (data, turn) => {
      const me = await turn.whoIs();
      return me ? handler(me, data, turn) : unknown;
    };

  const execute = <S extends z.ZodTypeAny>(verb: string, schema: S, handler: Anyone<S>, route?: RouteOptions) => {
    const run = parsed(verb, schema, handler, route);
    target.adaptiveCards.actionExecute(verb, async (context, state, data) => invokeResult(await run(context, state, data)));
  };
  const submit = <S extends z.ZodTypeAny>(verb: string, schema: S, handler: Anyone<S>, route?: RouteOptions) => {
    const run = parsed(verb, schema, handler, route);
    target.adaptiveCards.actionSubmit(verb, async (context, state, data) => sendReply(context, await run(context, state, data)));
  };
  const message = (selector: Selector, handler: (turn: Turn) => Promise<Reply>) => {
    target.message(selector, async (context, state) => sendReply(context, await handler(turnOf(context, state, context.activity.value))));
  };

  return {
    message: (selector, handler) =>
      message(selector, async (turn) => {
        const me = await turn.whoIs();
        return me ? handler(me, turn) : unknown;
      }),
    messagePublic: message,
    execute: (verb, schema, handler, route) => execute(verb, schema, known(handler), route),
    executePublic: execute,
    submit: (verb, schema, handler, route) => submit(verb, schema, known(handler), route),
    submitPublic: submit,
  };
}
