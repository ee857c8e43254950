/**
 * The storage port: plain record types and repository interfaces. Adapters (lowdb today,
 * PostgreSQL later) implement these and pass the same contract tests in test/storage/.
 * No adapter type leaks out of this file.
 */

import type { OrgSnapshot } from '../modules/org/model.js';

export type { OrgSnapshot };

/** A stored value with its optimistic-concurrency tag. */
export interface VersionedValue {
  value: Record<string, unknown>;
  eTag: string;
}

export interface KeyValueWrite {
  key: string;
  value: Record<string, unknown>;
  /** When set (and not '*'), the write fails with {@link ConcurrencyError} unless the stored eTag matches. */
  expectedETag?: string;
}

/** Key/value documents with eTags; backs the bot's turn state. */
export interface KeyValueRepository {
  read(keys: string[]): Promise<Map<string, VersionedValue>>;
  /** Writes all items or none. */
  write(items: KeyValueWrite[]): Promise<void>;
  delete(keys: string[]): Promise<void>;
}

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

export interface FeedbackSummary {
  entryId: string;
  helpful: number;
  notHelpful: number;
}

export interface FeedbackRepository {
  /** Inserts or replaces by id. */
  upsert(record: FeedbackRecord): Promise<void>;
  get(id: string): Promise<FeedbackRecord | undefined>;
  summary(): Promise<FeedbackSummary[]>;
  count(): Promise<number>;
}

/**
 * The organisation ("who is who"): one snapshot, replaced whole by each import. A reader sees
 * the old or the new organisation, never a mix.
 */
export interface OrgRepository {
  /** The last imported organisation; undefined before the first import. */
  load(): Promise<OrgSnapshot | undefined>;
  /** Replaces the stored organisation in one atomic write; on failure the old one stays. */
  replace(snapshot: OrgSnapshot): Promise<void>;
}

/** One education (utdanning) in a competence self-registration. */
export interface RegistrationEducation {
  /** videregaende | fagbrev | fagskole | bachelor | master | doktorgrad */
  level: string;
  /** Subject or programme, in the employee's words. */
  field: string;
  institution?: string;
  completedYear?: number;
  /** Studiepoeng, when known. */
  credits?: number;
  /** Under way: shown, but does not meet a requirement yet. */
  inProgress: boolean;
  /** Catalogue competences (kind `formal`) this education gives. */
  competenceIds: string[];
}

/** One period of work experience. Months are `YYYY-MM`; no `to` means ongoing. */
export interface RegistrationExperience {
  role: string;
  workplace?: string;
  from: string;
  to?: string;
  competenceIds: string[];
}

export interface RegistrationCourse {
  name: string;
  provider?: string;
  /** `YYYY-MM-DD`. */
  completedOn?: string;
  hours?: number;
  inProgress: boolean;
  competenceIds: string[];
}

/** An authorisation or certificate; `validUntil` (`YYYY-MM-DD`, inclusive) when it expires. */
export interface RegistrationCertification {
  competenceId?: string;
  name: string;
  issuedOn?: string;
  validUntil?: string;
}

/** Self-assessed level 1–4 (see the catalogue's level descriptions). */
export interface RegistrationLanguage {
  language: string;
  level: number;
}

export interface RegistrationDigitalSkill {
  tool: string;
  level: number;
}

export interface RegistrationRating {
  competenceId: string;
  level: number;
}

/** «Kompetanse jeg ikke får brukt i jobben i dag» (mobilisation potential). */
export interface RegistrationMobilisation {
  competenceIds: string[];
  note?: string;
}

/**
 * One employee's competence self-registration (kompetanseregistrering). Plain data; the rules
 * live in src/modules/competence/registration.ts.
 */
export interface CompetenceRegistrationRecord {
  employeeId: string;
  /** 1 after the first save, +1 on every save: the optimistic-concurrency tag. */
  version: number;
  /** UTC ISO-8601. */
  createdAt: string;
  updatedAt: string;
  education: RegistrationEducation[];
  experience: RegistrationExperience[];
  courses: RegistrationCourse[];
  certifications: RegistrationCertification[];
  languages: RegistrationLanguage[];
  digitalSkills: RegistrationDigitalSkill[];
  selfAssessment: RegistrationRating[];
  mobilisation: RegistrationMobilisation;
}

/**
 * Competence self-registrations, one per employee. Records handed out are read-only snapshots:
 * they may be frozen, and changing them never changes what is stored.
 */
export interface RegistrationRepository {
  get(employeeId: string): Promise<CompetenceRegistrationRecord | undefined>;
  /**
   * Inserts or replaces. With `expectedVersion` (the version the caller read; 0 = none stored)
   * nothing is written and {@link ConcurrencyError} is thrown unless the stored version matches.
   */
  save(record: CompetenceRegistrationRecord, expectedVersion?: number): Promise<void>;
  /** True when there was something to delete. */
  delete(employeeId: string): Promise<boolean>;
  /** The stored registrations of these employees; ids without one are absent from the map. */
  listByEmployeeIds(employeeIds: Iterable<string>): Promise<Map<string, CompetenceRegistrationRecord>>;
  all(): Promise<CompetenceRegistrationRecord[]>;
  count(): Promise<number>;
}

/** Where a medarbeidersamtale is in its flow (see src/modules/samtale/state-machine.ts). */
export type SamtaleState = 'planlagt' | 'forberedes' | 'klar' | 'gjennomfores' | 'referat_sendt' | 'bekreftet' | 'avlyst';

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

/**
 * Medarbeidersamtaler. Records handed out are read-only snapshots: they may be frozen, and
 * changing them never changes what is stored. Lists are sorted by `scheduledFor`, then `createdAt`.
 */
export interface SamtaleRepository {
  get(id: string): Promise<SamtaleRecord | undefined>;
  /**
   * Inserts or replaces. Nothing is written and {@link ConcurrencyError} is thrown unless the
   * stored version equals `expectedVersion` (0 = none stored).
   */
  save(record: SamtaleRecord, expectedVersion: number): Promise<void>;
  /** Every samtale of this employee. */
  listForEmployee(employeeId: string): Promise<SamtaleRecord[]>;
  /** The samtaler this leader started with this employee. */
  listForPair(employeeId: string, leaderId: string): Promise<SamtaleRecord[]>;
  /** The samtaler of these employees, optionally only those counting for `year`. */
  listForEmployees(employeeIds: Iterable<string>, year?: number): Promise<SamtaleRecord[]>;
  /** The samtaler started in this unit (the employee's unit at the start), optionally for one year. */
  listForUnit(unitId: string, year?: number): Promise<SamtaleRecord[]>;
  listForYear(year: number): Promise<SamtaleRecord[]>;
  all(): Promise<SamtaleRecord[]>;
  count(): Promise<number>;
}

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

/**
 * State of the årshjul reminders: task states, the reminder keys already claimed (so a reminder
 * goes once, also after a restart and when two runs overlap), and the last planning run.
 */
export interface ArshjulStateRepository {
  tasks(): Promise<ArshjulTaskRecord[]>;
  getTask(eventId: string, occurrenceId: string, employeeId: string): Promise<ArshjulTaskRecord | undefined>;
  /** Sets `doneAt`/`doneBy` unless already done. True when this call did it: the first «Ferdig» wins. */
  markDone(eventId: string, occurrenceId: string, employeeId: string, doneAt: string, doneBy: string): Promise<boolean>;
  /** Stores the task's snooze, replacing an earlier one. */
  snooze(eventId: string, occurrenceId: string, employeeId: string, snoozedAt: string, until: string): Promise<void>;
  /** Records the keys; atomic per call. Returns the keys no earlier call had claimed, in the order given. */
  claim(claims: ArshjulClaim[], at: string): Promise<string[]>;
  sentKeys(): Promise<Set<string>>;
  lastPlanningRun(): Promise<string | undefined>;
  /** Moves only forward: a run that finishes late does not move it back. */
  setLastPlanningRun(at: string): Promise<void>;
  /** Forgets tasks and keys of occurrences before `occurrenceId` (`YYYY-MM-DD`); returns how many were removed. */
  pruneBefore(occurrenceId: string): Promise<number>;
}

// ---------------------------------------------------------------------------------------------
// «Send spørsmålet til HR»: questions the Q&A could not answer, and HR's answers

/** One question a person sent to HR. Texts are deleted after the retention time (the record with them). */
export interface HrQuestionRecord {
  /** Chosen by the asker's card (a double click sends once). */
  id: string;
  /** What the asker sent (edited by them on the card). */
  question: string;
  /** Who gets HR's answer; never shown to HR unless `askerName` is set. */
  askerEmployeeId: string;
  /** Only when the asker chose «Ta med navnet mitt». */
  askerName?: string;
  /** How many HR people it was sent to. */
  sentTo: number;
  /** UTC ISO-8601. */
  askedAt: string;
  answer?: string;
  /** Employee id of the HR person who answered. */
  answeredBy?: string;
  answeredAt?: string;
}

/** Declined Q&A questions counted per day and normalised text (no user, no time of day). */
export interface DeclinedQuestionCount {
  text: string;
  count: number;
}

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

// ---------------------------------------------------------------------------------------------
// Proactive delivery: conversation references, the outbox, scheduled jobs

/** `user`: a personal chat with one person. `team`: a team's channel (the bot installed in a team). */
export type ConversationRefKind = 'user' | 'team';

/**
 * What the bot needs to message someone without being asked: taken from the last activity of
 * that person or team. Only ids and addresses; never anything a person wrote.
 */
export interface ConversationRefRecord {
  /** `user:<AAD object id, else Teams user id>` or `team:<team id>`. */
  key: string;
  kind: ConversationRefKind;
  /** The Bot Connector endpoint of the activity (differs per region/tenant; always the one Teams sent). */
  serviceUrl: string;
  conversationId: string;
  tenantId?: string;
  /** The bot's channel account id (`28:…`). */
  botId: string;
  channelId: string;
  /** The person's Teams user id (`29:…`), for `user`. */
  userId?: string;
  aadObjectId?: string;
  /** The person in the organisation, when the bot could identify them. */
  employeeId?: string;
  teamId?: string;
  /** UTC ISO-8601. */
  updatedAt: string;
}

/** Conversation references. Records handed out are read-only snapshots. */
export interface ConversationRefRepository {
  get(key: string): Promise<ConversationRefRecord | undefined>;
  /** The personal-chat reference of an employee, by the employee id stored with it. */
  findByEmployeeId(employeeId: string): Promise<ConversationRefRecord | undefined>;
  /** Inserts or replaces by key. */
  save(ref: ConversationRefRecord): Promise<void>;
  /**
   * Removes a reference. With `onlyIfConversationId`, only when the stored reference still
   * points at that conversation (a send failing on an old conversation must not remove a newer one).
   */
  remove(key: string, onlyIfConversationId?: string): Promise<boolean>;
  all(): Promise<ConversationRefRecord[]>;
  count(): Promise<number>;
}

export const OUTBOX_STATUSES = ['pending', 'retrying', 'sent', 'failed', 'blocked', 'not-installed', 'acknowledged'] as const;
/**
 * pending/retrying: still to be sent (due at `nextAttemptAt`). sent: the connector accepted it.
 * failed: gave up (other 4xx, or too many attempts). blocked: 403 (the person blocked the bot, or
 * an admin did). not-installed: no conversation reference, or 404. acknowledged: the person
 * answered the message (e.g. pressed «Lest»).
 */
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** Who gets one outbox item: an employee's personal chat or a team's channel. */
export type OutboxRecipient = { kind: 'employee'; employeeId: string } | { kind: 'team'; teamId: string };

/** Why the last attempt did not succeed: HTTP status and error code only, never a message text. */
export interface OutboxError {
  status?: number;
  code?: string;
}

/** A group of outbox items sent for one reason (a broadcast, an årshjul occurrence, an invitation). */
export interface OutboxCampaignRecord {
  id: string;
  /** Which renderer turns an item into a message (e.g. `broadcast`, `arshjul.reminder`). */
  kind: string;
  /** Higher is sent first when several campaigns have items due. */
  priority: number;
  /** Shared by every item (the message of a broadcast); small, plain JSON. */
  payload: Record<string, unknown>;
  createdBy?: string;
  /** UTC ISO-8601. */
  createdAt: string;
}

export interface NewOutboxCampaign {
  id: string;
  kind: string;
  priority?: number;
  payload?: Record<string, unknown>;
  createdBy?: string;
  /**
   * How many items the campaign will have in the end, when it is filled over several
   * `enqueue` calls (a month of reminders): lets the store lay it out for that size. Default:
   * the size of the first call.
   */
  expectedItems?: number;
}

export interface NewOutboxItem {
  /**
   * Idempotency key, unique across the whole outbox, e.g. `broadcast:<campaignId>:<employeeId>`
   * or `reminder:<eventId>:<occurrence>:<employeeId>:<offset>`. Enqueuing a key that exists is a no-op.
   */
  key: string;
  recipient: OutboxRecipient;
  /** Per-recipient data for the renderer (ids, dates); small, plain JSON, no free text. */
  data?: Record<string, unknown>;
  /** Not sent before this instant (UTC); default now. */
  notBefore?: Date;
}

/** One message to one recipient, and what happened to it. */
export interface OutboxItemRecord {
  key: string;
  campaignId: string;
  recipient: OutboxRecipient;
  data?: Record<string, unknown>;
  status: OutboxStatus;
  /** Attempts started (counted when claimed). */
  attempts: number;
  /** UTC ISO-8601: when a pending/retrying item is due. */
  nextAttemptAt: string;
  /** Set while a sender holds the item: nobody else claims it before `leaseUntil`. */
  leaseOwner?: string;
  leaseUntil?: string;
  createdAt: string;
  updatedAt: string;
  sentAt?: string;
  acknowledgedAt?: string;
  /** The activity id the connector returned (to update or delete the message later). */
  activityId?: string;
  lastError?: OutboxError;
}

export type OutboxCounts = Record<OutboxStatus, number> & { total: number };

/**
 * The durable per-recipient outbox. Sending is claim → send → mark:
 *
 * - `claimDue` atomically takes up to `limit` due items (pending/retrying, `nextAttemptAt <= now`,
 *   no live lease), counts an attempt and leases them to `owner` for `leaseMs`, durably, before
 *   returning. Two claimers (two dispatchers, or two processes over PostgreSQL with
 *   `SELECT … FOR UPDATE SKIP LOCKED`) never get the same item while its lease lives.
 * - The `mark*` calls end the lease with the outcome, durably, before they return. They apply
 *   only to an item that is still open (pending/retrying) and not leased to someone else;
 *   `markSent` applies to any open item (the message did go out). They return false otherwise.
 * - An item whose lease runs out without a mark (the process died) is due again: it is sent a
 *   second time only if the first POST was made and its answer never recorded.
 */
export interface OutboxRepository {
  /** Creates the campaign if new (the first one wins) and adds the items whose key is new. */
  enqueue(campaign: NewOutboxCampaign, items: NewOutboxItem[], now: Date): Promise<{ added: number; existing: number }>;
  claimDue(now: Date, limit: number, leaseMs: number, owner: string): Promise<OutboxItemRecord[]>;
  /** Gives a claimed item back unsent (shutdown): due at once, the attempt not counted. */
  release(key: string, owner: string, now: Date): Promise<boolean>;
  markSent(key: string, owner: string, at: Date, activityId?: string): Promise<boolean>;
  markRetry(key: string, owner: string, nextAttemptAt: Date, error: OutboxError, now: Date): Promise<boolean>;
  markFailed(key: string, owner: string, at: Date, error: OutboxError): Promise<boolean>;
  markBlocked(key: string, owner: string, at: Date, error: OutboxError): Promise<boolean>;
  markNotInstalled(key: string, owner: string, at: Date, error?: OutboxError): Promise<boolean>;
  /** The recipient answered: from sent (or still open, which also stops a resend). */
  markAcknowledged(key: string, at: Date): Promise<boolean>;
  get(key: string): Promise<OutboxItemRecord | undefined>;
  getCampaign(campaignId: string): Promise<OutboxCampaignRecord | undefined>;
  counts(campaignId: string): Promise<OutboxCounts>;
  /** Every item of a campaign (for status and CSV), sorted by key. */
  list(campaignId: string): Promise<OutboxItemRecord[]>;
}

export type JobStatus = 'pending' | 'done' | 'failed' | 'cancelled';

/** One occurrence of a scheduled job. */
export interface JobRecord {
  /** Idempotency key, e.g. `every:arshjul.plan` or `reminder:<eventId>:<occurrence>:<employeeId>:<offset>`. */
  key: string;
  /** Which handler runs it. */
  name: string;
  /** UTC ISO-8601. */
  dueAt: string;
  status: JobStatus;
  attempts: number;
  payload?: Record<string, unknown>;
  leaseOwner?: string;
  leaseUntil?: string;
  createdAt: string;
  updatedAt: string;
  finishedAt?: string;
  /** Error name/code of the last failed run; never a message text. */
  lastError?: string;
}

export interface NewJob {
  key: string;
  name: string;
  dueAt: Date;
  payload?: Record<string, unknown>;
}

/**
 * Scheduled jobs, claimed with a lease like the outbox: two runners ticking at once never run
 * the same job occurrence twice while the lease lives; a runner that dies leaves the job due
 * again when the lease runs out (so handlers must be idempotent, e.g. by enqueuing with an
 * outbox key). Finished jobs are kept, so scheduling the same key again stays a no-op.
 */
export interface JobRepository {
  /** Adds the jobs whose key is new; existing keys (in any status) are left alone. */
  schedule(jobs: NewJob[], now: Date): Promise<{ added: number; existing: number }>;
  claimDue(now: Date, limit: number, leaseMs: number, owner: string): Promise<JobRecord[]>;
  /** Done; with `nextDueAt`, pending again at that time (a recurring job), attempts reset. */
  complete(key: string, owner: string, at: Date, nextDueAt?: Date): Promise<boolean>;
  /** The run failed; due again at `dueAt`. */
  retry(key: string, owner: string, dueAt: Date, error: string, now: Date): Promise<boolean>;
  /** The run failed for good. */
  fail(key: string, owner: string, at: Date, error: string): Promise<boolean>;
  /** A pending job that should not run (e.g. the event was removed). */
  cancel(key: string, at: Date): Promise<boolean>;
  get(key: string): Promise<JobRecord | undefined>;
  list(filter?: { name?: string; status?: JobStatus }): Promise<JobRecord[]>;
}

/**
 * A send rate kept in shared storage, so that every bot instance on it draws from one budget:
 * the configured rate is then the tenant's total whatever the number of instances, and one that
 * survives takes all of it. GCRA slots on the storage's own clock (never the instances' clocks);
 * callers only get and give durations. Keys are the caller's (e.g. `tenant:…`, `conversation:…`).
 */
export interface SharedSendRate {
  /**
   * Reserves the next slot of `tenantKey` (one per `intervalMs`, `toleranceMs` of them early for a
   * burst) and, with `conversationKey`, of that conversation (one per `spacingMs`), atomically;
   * returns the ms to wait before sending. A reserved slot is not given back.
   */
  take(slot: { tenantKey: string; conversationKey?: string; intervalMs: number; toleranceMs: number; spacingMs: number }): Promise<number>;
  /** After a 429: no slot of `tenantKey` (nor of `conversationKey`) for the next `forMs`. */
  pause(pause: { tenantKey: string; conversationKey?: string; forMs: number; toleranceMs: number }): Promise<void>;
}

/** Everything a module may need from storage. */
export interface Store {
  readonly kind: string;
  kv: KeyValueRepository;
  feedback: FeedbackRepository;
  org: OrgRepository;
  registrations: RegistrationRepository;
  samtaler: SamtaleRepository;
  audit: AuditRepository;
  arshjul: ArshjulStateRepository;
  conversationRefs: ConversationRefRepository;
  outbox: OutboxRepository;
  jobs: JobRepository;
  /** Questions sent to HR, and the count of declined questions. */
  hrQuestions: HrQuestionRepository;
  /**
   * Present when several bot instances can share this store (PostgreSQL): the tenant's send rate
   * kept in the store. Absent (lowdb, one instance): delivery limits the rate in process.
   */
  sendRate?: SharedSendRate;
  close(): Promise<void>;
}

/** A conditional write lost against a newer version. */
export class ConcurrencyError extends Error {
  constructor(readonly key: string) {
    super(`Samtidig endring av «${key}»: lagret versjon er nyere`);
    this.name = 'ConcurrencyError';
  }
}

/** The data file exists but cannot be used; the bot refuses to start rather than overwrite it. */
export class CorruptStoreError extends Error {
  constructor(readonly file: string, detail: string) {
    super(
      `Datafilen ${file} er ødelagt (${detail}). Boten starter ikke, for ikke å overskrive data. ` +
        'Gjenopprett filen fra sikkerhetskopi, eller flytt den bort for å starte med tomt lager.',
    );
    this.name = 'CorruptStoreError';
  }
}
