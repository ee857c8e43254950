import type { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { renderHelpCard, type Capability } from '../../cards/help-card.js';
import { VERBS } from '../../cards/verbs.js';
import { card, cardRoutes, text } from '../../bot/card-route.js';
import { sendCard, userIdOf } from '../../bot/reply.js';
import type { AppTurnState } from '../../bot/state.js';
import { type Feedback, renderAnswerCard, renderCommandSuggestionCard, renderPresented } from './cards.js';
import { KNOWN_COMMANDS, suggestCommand } from './command-typo.js';
import type { QaService } from './qa-service.js';
import type { Logger } from '../../logging/logger.js';

const MAX_QUESTION = 500;

const askData = z.object({
  verb: z.literal(VERBS.qaAsk),
  question: z.string().max(2000).optional(),
  example: z.string().max(2000).optional(),
});
const commandData = z.object({ verb: z.literal(VERBS.qaCommand), command: z.string().max(100) });
const showData = z.object({ verb: z.literal(VERBS.qaShow), entryId: z.string().min(1).max(200) });
const feedbackData = z.object({
  answerId: z.string().min(1).max(100),
  entryId: z.string().min(1).max(200),
  helpful: z.boolean(),
  alternatives: z.array(z.string().max(200)).max(5).optional(),
  question: z.string().max(2000).optional(),
});

export const STALE_CARD_TEXT =
  'Jeg forsto ikke svaret fra kortet – det kan være utdatert eller ufullstendig. Skriv spørsmålet på nytt, eller skriv «hjelp».';

export interface QaTeamsDeps {
  qa: QaService;
  hrContact: string;
  capabilities: () => Capability[];
  /** Offer «Send spørsmålet til HR» on a decline and after «Nei». */
  askHr?: boolean;
  /** Counts a declined question for HR's «ubesvarte spørsmål» (text only, no user). */
  onDecline?: (question: string) => Promise<void>;
  logger?: Logger;
}

async function answer(context: TurnContext, deps: QaTeamsDeps, question: string) {
  const text = question.trim().slice(0, MAX_QUESTION);
  if (!text) {
    await context.sendActivity('Skriv gjerne et spørsmål, for eksempel «Hvilke krav stilles til en rektor?». Skriv «hjelp» for å se hva jeg kan.');
    return;
  }
  const presented = deps.qa.ask(text);
  // Bookkeeping for HR's list must never cost the person their answer, nor delay their turn: the
  // count goes to the store while the card goes out, not awaited (lowdb updates its copy at once and
  // its close waits for the file; PostgreSQL sends the one query at once and its pool ends after it).
  if (!presented.answered && deps.onDecline) {
    void deps.onDecline(text).catch((err: unknown) => deps.logger?.warn({ err: (err as Error).name }, 'qa.decline.recordFailed'));
  }
  await sendCard(context, renderPresented(presented, deps.hrContact, { askHr: deps.askHr }));
}

/** Help, welcome, card actions of the Q&A. Register before other modules' catch-alls. */
export function registerQaRoutes(app: Application<AppTurnState>, deps: QaTeamsDeps): void {
  app.message(/^\s*(hjelp|help|\?|meny)\s*[.!]?\s*$/i, async (context) => {
    await sendCard(context, renderHelpCard('help', deps.capabilities()));
  });

  app.conversationUpdate('membersAdded', async (context, state) => {
    const botId = context.activity.recipient?.id;
    const botAdded = (context.activity.membersAdded ?? []).some((m) => m.id === botId);
    if (!botAdded) return;
    state.user.welcomedAt = new Date().toISOString();
    await sendCard(context, renderHelpCard('welcome', deps.capabilities()));
  });

  app.adaptiveCards.actionSubmit(VERBS.help, async (context) => {
    await sendCard(context, renderHelpCard('help', deps.capabilities()));
  });

  app.adaptiveCards.actionSubmit(VERBS.qaAsk, async (context, _state, data) => {
    const parsed = askData.safeParse(data);
    if (!parsed.success) {
      await context.sendActivity(STALE_CARD_TEXT);
      return;
    }
    await answer(context, deps, parsed.data.question?.trim() || parsed.data.example || '');
  });

  app.adaptiveCards.actionSubmit(VERBS.qaCommand, async (context) => {
    // Teams sends the button's text (imBack) and the command's own route runs; this is for a
    // client that submits the data instead: say what to type rather than pretend it ran.
    const parsed = commandData.safeParse(context.activity.value);
    const command = parsed.success ? KNOWN_COMMANDS.find((c) => c === parsed.data.command) : undefined;
    await context.sendActivity(command ? `Skriv «${command}» for å kjøre kommandoen.` : STALE_CARD_TEXT);
  });

  app.adaptiveCards.actionSubmit(VERBS.qaShow, async (context) => {
    const parsed = showData.safeParse(context.activity.value);
    const presented = parsed.success ? deps.qa.show(parsed.data.entryId) : undefined;
    if (!presented) {
      await context.sendActivity(STALE_CARD_TEXT);
      return;
    }
    await sendCard(context, renderAnswerCard(presented));
  });

  const routes = cardRoutes(app, { scope: 'qa', stale: text(STALE_CARD_TEXT), logger: deps.logger, hrContact: deps.hrContact });
  routes.executePublic(VERBS.qaFeedback, feedbackData, async (d, { context }) => {
    const { answerId, entryId, helpful } = d;
    const outcome = await deps.qa.recordFeedback({ answerId, entryId, helpful, userId: userIdOf(context) });
    const presented = deps.qa.show(entryId, d.question ?? '');
    if (outcome !== 'saved' || !presented) return text(STALE_CARD_TEXT);
    // Keep the «Mente du …?» choices the card had, as long as they still exist.
    presented.alternatives = (d.alternatives ?? [])
      .map((id) => deps.qa.kb.byId.get(id))
      .filter((e) => e !== undefined)
      .map((e) => ({ id: e.id, title: e.title }));
    const feedback: Feedback = helpful ? 'helpful' : 'notHelpful';
    return card(renderAnswerCard(presented, { answerId, feedback, askHr: deps.askHr }));
  });
}

/** Any other text is a question. Register last: teams-ai tries routes in registration order. */
export function registerQaFallback(app: Application<AppTurnState>, deps: QaTeamsDeps): void {
  app.activity('message', async (context) => {
    const text = context.activity.text ?? '';
    // A card submit whose verb no module knows (old card, tampered data): say so, don't guess.
    if (!text.trim() && context.activity.value !== undefined) {
      await context.sendActivity(STALE_CARD_TEXT);
      return;
    }
    // A mistyped command («kompetansgap», «hjlep») is not a question: offer the command.
    const command = suggestCommand(text);
    if (command) {
      await sendCard(context, renderCommandSuggestionCard(command));
      return;
    }
    await answer(context, deps, text);
  });
}
