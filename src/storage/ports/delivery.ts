/**
 * Proactive delivery: conversation references and the outbox. These are infrastructure records
 * shared by every module that sends something (broadcast, årshjul, samtale, HR questions), so
 * they live with the storage port rather than in one module's model; the delivery module is
 * their main user. The send rate kept in shared storage is here too.
 */
import { z } from 'zod';

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

/** The stored shape of a {@link ConversationRefRecord}. */
export const conversationRefRecordSchema: z.ZodType<ConversationRefRecord> = z.object({
  key: z.string().min(1),
  kind: z.enum(['user', 'team']),
  serviceUrl: z.string().min(1),
  conversationId: z.string().min(1),
  tenantId: z.string().optional(),
  botId: z.string(),
  channelId: z.string(),
  userId: z.string().optional(),
  aadObjectId: z.string().optional(),
  employeeId: z.string().optional(),
  teamId: z.string().optional(),
  updatedAt: z.string(),
});

const outboxErrorSchema = z.object({ status: z.number().int().optional(), code: z.string().optional() });
const outboxRecipientSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('employee'), employeeId: z.string().min(1) }),
  z.object({ kind: z.literal('team'), teamId: z.string().min(1) }),
]);

/** The stored shape of an {@link OutboxItemRecord}. */
export const outboxItemRecordSchema: z.ZodType<OutboxItemRecord> = z.object({
  key: z.string().min(1),
  campaignId: z.string().min(1),
  recipient: outboxRecipientSchema,
  data: z.record(z.unknown()).optional(),
  status: z.enum(OUTBOX_STATUSES),
  attempts: z.number().int().min(0),
  nextAttemptAt: z.string(),
  leaseOwner: z.string().optional(),
  leaseUntil: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  sentAt: z.string().optional(),
  acknowledgedAt: z.string().optional(),
  activityId: z.string().optional(),
  lastError: outboxErrorSchema.optional(),
});

/** The stored shape of an {@link OutboxCampaignRecord} (an adapter may extend it with where it keeps the items). */
export const outboxCampaignRecordSchema = z.object({
  id: z.string().min(1),
  kind: z.string().min(1),
  priority: z.number(),
  payload: z.record(z.unknown()),
  createdBy: z.string().optional(),
  createdAt: z.string(),
});

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
