/**
 * Every card action verb. Templates in cards/*.json use these strings; a test checks that
 * each verb in a template has a route and each route's verb is used.
 */
export const VERBS = {
  /** Ask a question typed into a card (Action.Submit). */
  qaAsk: 'qa.ask',
  /** Show one entry, e.g. a «Mente du …?» choice (Action.Submit). */
  qaShow: 'qa.show',
  /** «Var dette nyttig?» (Action.Execute, updates the card in place). */
  qaFeedback: 'qa.feedback',
  /** Show the help card (Action.Submit). */
  help: 'help.show',
} as const;

export type Verb = (typeof VERBS)[keyof typeof VERBS];
