import { type DefaultConversationState, type DefaultTempState, type DefaultUserState, TurnState } from '@microsoft/teams-ai';

/** Per-conversation state. Ids and counts only: never what a person wrote. */
export interface ConversationState extends DefaultConversationState {
  /** Questions answered in this conversation. */
  questionCount?: number;
}

export interface UserState extends DefaultUserState {
  welcomedAt?: string;
}

export type AppTurnState = TurnState<ConversationState, UserState, DefaultTempState>;
