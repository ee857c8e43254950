/**
 * Årshjul reminders: the stored task state and the one zod schema that checks it wherever it is
 * read back (the lowdb file and PostgreSQL rows).
 */
import { z } from 'zod';

/** «Ferdig» and «Minn meg på igjen» on one årshjul task: one occurrence of an event for one responsible person. */
export interface ArshjulTaskRecord {
  eventId: string;
  /** The Oslo date of the occurrence's deadline, `YYYY-MM-DD`. */
  occurrenceId: string;
  employeeId: string;
  /** UTC ISO-8601. */
  doneAt?: string;
  /** Who pressed «Ferdig» (another responsible person for a shared task). */
  doneBy?: string;
  snoozedAt?: string;
  /** The reminder instant asked for, UTC ISO-8601. */
  snoozeUntil?: string;
}

/** A reminder key a planning run claims before the reminder is handed to the outbox. */
export interface ArshjulClaim {
  key: string;
  /** For pruning: the occurrence the key belongs to (`YYYY-MM-DD`). */
  occurrenceId: string;
}

/** The stored shape of an {@link ArshjulTaskRecord}. */
export const arshjulTaskRecordSchema: z.ZodType<ArshjulTaskRecord> = z.object({
  eventId: z.string(),
  occurrenceId: z.string(),
  employeeId: z.string(),
  doneAt: z.string().optional(),
  doneBy: z.string().optional(),
  snoozedAt: z.string().optional(),
  snoozeUntil: z.string().optional(),
});
