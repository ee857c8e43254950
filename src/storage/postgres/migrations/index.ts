import { up as initial } from './001-initial.js';
import { up as sendRate } from './002-send-rate.js';
import { up as hrQuestions } from './003-hr-questions.js';

export interface Migration {
  /** Applied in order; never renumber or edit one that has shipped, add a new one. */
  version: number;
  name: string;
  up: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', up: initial },
  { version: 2, name: 'send-rate', up: sendRate },
  { version: 3, name: 'hr-questions', up: hrQuestions },
];
