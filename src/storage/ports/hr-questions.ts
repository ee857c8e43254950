import type { DeclinedQuestionCount, HrQuestionRecord } from '../../modules/hr-questions/model.js';

/** Questions sent to HR, and the count of declined Q&A questions. */
export interface HrQuestionRepository {
  /** Stores a new question; false (and nothing changes) when the id exists. */
  create(record: HrQuestionRecord): Promise<boolean>;
  get(id: string): Promise<HrQuestionRecord | undefined>;
  /** Sets the answer unless the question is answered already. True when this call answered it: the first answer wins. */
  answer(id: string, answer: { answer: string; answeredBy: string; answeredAt: string }): Promise<boolean>;
  /** Deletes the questions asked before `before` (UTC ISO-8601); returns how many. */
  deleteAskedBefore(before: string): Promise<number>;
  /** Counts one declined question (normalised text) on its day (`YYYY-MM-DD`, UTC). */
  recordDecline(text: string, day: string): Promise<void>;
  /** The most frequent declined texts, most first (ties by text), at most `limit`. */
  topDeclines(limit: number): Promise<DeclinedQuestionCount[]>;
  /** Deletes the decline counts of days before `day` (`YYYY-MM-DD`); returns how many rows. */
  deleteDeclinesBefore(day: string): Promise<number>;
}
