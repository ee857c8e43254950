import { type Activity, CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import type { AdaptiveCardJson } from '../cards/define-card.js';

/** A message activity carrying one Adaptive Card. */
export function cardActivity(card: AdaptiveCardJson): Partial<Activity> {
  return MessageFactory.attachment(CardFactory.adaptiveCard(card));
}

export async function sendCard(context: TurnContext, card: AdaptiveCardJson): Promise<void> {
  await context.sendActivity(cardActivity(card));
}

/** The user behind a turn: the AAD object id when Teams gives it, else the channel user id. */
export function userIdOf(context: TurnContext): string {
  const from = context.activity.from;
  return from?.aadObjectId ?? from?.id ?? 'ukjent';
}
