/**
 * Q&A feedback («Var dette nyttig?»): the stored record and the one zod schema that checks it
 * wherever it is read back (the lowdb file and PostgreSQL rows).
 */
import { z } from 'zod';

/** «Var dette nyttig?» answer on one Q&A reply. */
export interface FeedbackRecord {
  /** One record per answer card and user: a second click replaces the first. */
  id: string;
  entryId: string;
  helpful: boolean;
  /** Teams user id (AAD object id when known). */
  userId: string;
  /** UTC ISO-8601. */
  createdAt: string;
}

/** The answers on one knowledge entry, counted. */
export interface FeedbackSummary {
  entryId: string;
  helpful: number;
  notHelpful: number;
}

/** The stored shape of a {@link FeedbackRecord}. */
export const feedbackRecordSchema: z.ZodType<FeedbackRecord> = z.object({
  id: z.string(),
  entryId: z.string(),
  helpful: z.boolean(),
  userId: z.string(),
  createdAt: z.string(),
});
