/**
 * Medarbeidersamtale: the stored record and its parts, and the one zod schema that checks a
 * record's shape wherever it is read back (the lowdb files and PostgreSQL rows). The flow's rules
 * live in state-machine.ts; the schema only keeps a hand-edited or truncated record from loading
 * as something else.
 */
import { z } from 'zod';

/** Where a medarbeidersamtale is in its flow (see src/modules/samtale/state-machine.ts). */
const STATES = ['planlagt', 'forberedes', 'klar', 'gjennomfores', 'referat_sendt', 'bekreftet', 'avlyst'] as const;
export type SamtaleState = (typeof STATES)[number];

/** The two people in a samtale. */
export type SamtaleParty = 'employee' | 'leader';

/** One party's preparation: answers per section and question. Private until both submitted or the samtale is opened. */
export interface SamtalePreparationRecord {
  /** sectionId → questionId → answer. Empty answers are not stored. */
  answers: Record<string, Record<string, string>>;
  /** UTC ISO-8601 of the last save. */
  updatedAt?: string;
  submittedAt?: string;
}

/** A note from the conversation. `private` notes are seen by their author only. */
export interface SamtaleNoteRecord {
  id: string;
  authorId: string;
  visibility: 'shared' | 'private';
  sectionId?: string;
  text: string;
  createdAt: string;
}

/** An agreed action (tiltak): what, who (the employee or the leader), by when. */
export interface SamtaleActionRecord {
  id: string;
  what: string;
  ownerEmployeeId: string;
  /** `YYYY-MM-DD`. */
  dueDate: string;
  /** open → done (closed) or carried (continued as a new action in a later samtale). */
  status: 'open' | 'done' | 'carried';
  createdAt: string;
  closedAt?: string;
  /** Set when this action continues one from an earlier samtale. */
  carriedFrom?: { samtaleId: string; actionId: string };
}

/** An item of the employee's development plan, optionally tied to a catalogue competence. */
export interface SamtaleDevPlanRecord {
  id: string;
  what: string;
  competenceId?: string;
  createdAt: string;
}

/** An open action of the previous samtale, brought back to be closed or carried on. */
export interface SamtalePreviousActionRecord {
  samtaleId: string;
  actionId: string;
  what: string;
  ownerEmployeeId: string;
  dueDate: string;
  decision?: 'closed' | 'carried';
  decidedAt?: string;
  /** The new action's id when carried on. */
  carriedAs?: string;
}

export interface SamtaleCommentRecord {
  id: string;
  authorId: string;
  text: string;
  createdAt: string;
  /** Written after the employee confirmed: a remark on a locked referat. */
  afterConfirmation: boolean;
}

/** The referat as sent: a snapshot, so later purges of working notes never change it. */
export interface SamtaleReferatRecord {
  sentAt: string;
  /** The leader's summary, when written. */
  summary?: string;
  employee: { id: string; name: string };
  leader: { id: string; name: string };
  unit?: { id: string; name: string };
  scheduledFor: string;
  sharedNotes: { sectionId?: string; text: string }[];
  actions: { id: string; what: string; ownerEmployeeId: string; ownerName: string; dueDate: string; carried: boolean }[];
  devPlan: { id: string; what: string; competenceId?: string; competenceName?: string }[];
  previousActions: { what: string; dueDate: string; decision: 'closed' | 'carried'; newDueDate?: string }[];
}

/** One applied command, for telling a double click (same command again) from a stale card. */
export interface SamtaleHistoryEntry {
  /** The version the command produced. */
  v: number;
  /** What the command touched; `*` = the whole samtale (a step change). */
  scope: string;
  /** Short fingerprint of the command and the version it was rendered from. */
  fp: string;
}

/**
 * One medarbeidersamtale between an employee and their leader. Plain data; the rules live in
 * src/modules/samtale/state-machine.ts. Content is for the two parties only.
 */
export interface SamtaleRecord {
  id: string;
  employeeId: string;
  /** The leader who started it (access follows the employee's current leader). */
  leaderId: string;
  /** The employee's unit when it was started. */
  unitId: string;
  templateId: string;
  /** Planned date, `YYYY-MM-DD`. */
  scheduledFor: string;
  /** The year of `scheduledFor`: the samtale counts for that year. */
  year: number;
  state: SamtaleState;
  /** 1 when started, +1 on every change: the optimistic-concurrency tag cards carry. */
  version: number;
  createdAt: string;
  updatedAt: string;
  preparations: Record<SamtaleParty, SamtalePreparationRecord>;
  openedAt?: string;
  confirmedAt?: string;
  cancelledAt?: string;
  notes: SamtaleNoteRecord[];
  actions: SamtaleActionRecord[];
  devPlan: SamtaleDevPlanRecord[];
  previousActions: SamtalePreviousActionRecord[];
  comments: SamtaleCommentRecord[];
  referat?: SamtaleReferatRecord;
  /** When preparations and notes were deleted by the retention job. */
  workingNotesPurgedAt?: string;
  /** UTC ISO-8601 of the last export of the confirmed referat by the leader, for sak/arkiv. */
  referatExportedAt?: string;
  /** When the referat content was deleted after export and retention; the record is a tombstone from then on. */
  referatDeletedAt?: string;
  /** Why an `avlyst` samtale ended without the leader cancelling it: the employee's leader changed. */
  closedReason?: 'lederbytte';
  /** With `closedReason`: the employee's leader after the change (absent when they had none). */
  closedForLeaderId?: string;
  history: SamtaleHistoryEntry[];
}

const iso = z.string();
const preparation = z.object({
  answers: z.record(z.record(z.string())),
  updatedAt: iso.optional(),
  submittedAt: iso.optional(),
});
/** The stored shape of a {@link SamtaleRecord}. */
export const samtaleRecordSchema: z.ZodType<SamtaleRecord> = z.object({
  id: z.string().min(1),
  employeeId: z.string().min(1),
  leaderId: z.string().min(1),
  unitId: z.string(),
  templateId: z.string(),
  scheduledFor: z.string(),
  year: z.number().int(),
  state: z.enum(STATES),
  version: z.number().int().min(1),
  createdAt: iso,
  updatedAt: iso,
  preparations: z.object({ employee: preparation, leader: preparation }),
  openedAt: iso.optional(),
  confirmedAt: iso.optional(),
  cancelledAt: iso.optional(),
  notes: z.array(
    z.object({
      id: z.string(),
      authorId: z.string(),
      visibility: z.enum(['shared', 'private']),
      sectionId: z.string().optional(),
      text: z.string(),
      createdAt: iso,
    }),
  ),
  actions: z.array(
    z.object({
      id: z.string(),
      what: z.string(),
      ownerEmployeeId: z.string(),
      dueDate: z.string(),
      status: z.enum(['open', 'done', 'carried']),
      createdAt: iso,
      closedAt: iso.optional(),
      carriedFrom: z.object({ samtaleId: z.string(), actionId: z.string() }).optional(),
    }),
  ),
  devPlan: z.array(z.object({ id: z.string(), what: z.string(), competenceId: z.string().optional(), createdAt: iso })),
  previousActions: z.array(
    z.object({
      samtaleId: z.string(),
      actionId: z.string(),
      what: z.string(),
      ownerEmployeeId: z.string(),
      dueDate: z.string(),
      decision: z.enum(['closed', 'carried']).optional(),
      decidedAt: iso.optional(),
      carriedAs: z.string().optional(),
    }),
  ),
  comments: z.array(z.object({ id: z.string(), authorId: z.string(), text: z.string(), createdAt: iso, afterConfirmation: z.boolean() })),
  referat: z
    .object({
      sentAt: iso,
      summary: z.string().optional(),
      employee: z.object({ id: z.string(), name: z.string() }),
      leader: z.object({ id: z.string(), name: z.string() }),
      unit: z.object({ id: z.string(), name: z.string() }).optional(),
      scheduledFor: z.string(),
      sharedNotes: z.array(z.object({ sectionId: z.string().optional(), text: z.string() })),
      actions: z.array(
        z.object({ id: z.string(), what: z.string(), ownerEmployeeId: z.string(), ownerName: z.string(), dueDate: z.string(), carried: z.boolean() }),
      ),
      devPlan: z.array(z.object({ id: z.string(), what: z.string(), competenceId: z.string().optional(), competenceName: z.string().optional() })),
      previousActions: z.array(
        z.object({ what: z.string(), dueDate: z.string(), decision: z.enum(['closed', 'carried']), newDueDate: z.string().optional() }),
      ),
    })
    .optional(),
  workingNotesPurgedAt: iso.optional(),
  referatExportedAt: iso.optional(),
  referatDeletedAt: iso.optional(),
  closedReason: z.literal('lederbytte').optional(),
  closedForLeaderId: z.string().optional(),
  history: z.array(z.object({ v: z.number().int(), scope: z.string(), fp: z.string() })),
});
