import type { FeedbackRecord, FeedbackSummary } from '../../modules/qa/model.js';

export type { FeedbackRecord, FeedbackSummary };

export interface FeedbackRepository {
  /** Inserts or replaces by id. */
  upsert(record: FeedbackRecord): Promise<void>;
  get(id: string): Promise<FeedbackRecord | undefined>;
  summary(): Promise<FeedbackSummary[]>;
  count(): Promise<number>;
}
