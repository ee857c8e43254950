import { type DefaultConversationState, type DefaultTempState, type DefaultUserState, TurnState } from '@microsoft/teams-ai';

/**
 * Per-conversation state. Ids and counts only: never what a person wrote. Nothing is kept here
 * today: a question turn writes no turn state (a counter nobody read cost a file write per question).
 */
export type ConversationState = DefaultConversationState;

export interface UserState extends DefaultUserState {
  welcomedAt?: string;
}

export type AppTurnState = TurnState<ConversationState, UserState, DefaultTempState>;
