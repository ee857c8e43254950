/** The samtale audit log: who opened or tried to change a samtale, and when. Never content. */
import { z } from 'zod';

/** One opening (or refused opening) of a samtale. Who and when, never content. */
export interface AuditEntry {
  samtaleId: string;
  viewerId: string;
  /** view/export: an opening; command: a change someone tried (only refused ones are written); lederbytte: the samtale was closed, or its confirmed actions handed to the new leader (viewerId), at a leader change. */
  action: 'view' | 'export' | 'command' | 'lederbytte';
  outcome: 'allowed' | 'refused';
  /** For `command`: which one (save, note, cancel, …), never what it carried. */
  command?: string;
  /** For a refusal of a command: why, as a code (forbidden, not-allowed, stale, invalid, …). */
  reason?: string;
  /** UTC ISO-8601. */
  at: string;
}

/**
 * The entry exactly as stored: only the fields above, so a caller's extra properties (anything a
 * command carried) can never reach the audit log. Every adapter stores this.
 */
export function auditRecord(entry: AuditEntry): AuditEntry {
  return {
    samtaleId: entry.samtaleId,
    viewerId: entry.viewerId,
    action: entry.action,
    outcome: entry.outcome,
    ...(entry.command !== undefined ? { command: entry.command } : {}),
    ...(entry.reason !== undefined ? { reason: entry.reason } : {}),
    at: entry.at,
  };
}

/** Append-only audit log of openings and refused commands. There is no update and no delete. */
export interface AuditRepository {
  append(entry: AuditEntry): Promise<void>;
  /** Oldest first. */
  listForSamtale(samtaleId: string): Promise<AuditEntry[]>;
  count(): Promise<number>;
}

/** The stored shape of an {@link AuditEntry}. */
export const auditEntrySchema: z.ZodType<AuditEntry> = z.object({
  samtaleId: z.string().min(1),
  viewerId: z.string(),
  action: z.enum(['view', 'export', 'command', 'lederbytte']),
  outcome: z.enum(['allowed', 'refused']),
  command: z.string().max(50).optional(),
  reason: z.string().max(50).optional(),
  at: z.string(),
});
