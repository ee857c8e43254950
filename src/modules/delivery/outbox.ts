/**
 * The durable per-recipient outbox: every proactive message is one item (campaign × recipient)
 * with an idempotency key, a status and its attempts. The port and the record types live in
 * src/storage/ports/delivery.ts ({@link OutboxRepository}); the adapters in
 * src/storage/lowdb/outbox-repository.ts and src/storage/postgres/outbox-repository.ts (`FOR UPDATE SKIP LOCKED`).
 *
 * Sending is claim → send → mark (see dispatcher.ts):
 * 1. `claimDue` leases a due item to one sender and counts the attempt, on disk, before any POST;
 * 2. the sender POSTs the message to the Bot Connector;
 * 3. the outcome (`markSent`, `markRetry`, …) is on disk before that sender takes its next item.
 *
 * Crash safety. A process killed (`kill -9`) at any point loses nothing: unclaimed items are still
 * pending, and a claimed item becomes due again when its lease runs out, so sending continues
 * after a restart from the outbox alone. Nobody gets a message twice in the normal path: an item
 * is sent only while leased, and is marked before its sender moves on. One window remains and
 * cannot be closed from our side (the Bot Connector has no idempotency key): the process dies
 * after the POST left and before the outcome reached the disk. That item is sent again after the
 * lease – a duplicate only if the first POST did reach Teams. An acknowledgement
 * (`markAcknowledged`) arriving first closes it. The window is kept as small as it can be: the
 * lowdb adapter records an outcome with one synchronous append to a journal the moment the answer
 * is handled (no file rewrite in between), and the dispatcher's `maxInFlight` bounds how many
 * POSTs can be in it at once, so a crash can cause at most that many duplicates.
 * The lease must be longer than a send can take (timeout included), or a slow send could be
 * claimed and sent by another sender too.
 */
import { toCsv } from '../../shared/csv.js';
import { formatInstant } from '../../texts/index.js';
import type { OutboxCounts, OutboxItemRecord, OutboxStatus } from '../../storage/ports/delivery.js';
import { OUTBOX_STATUSES } from '../../storage/ports/delivery.js';

export type {
  NewOutboxCampaign,
  NewOutboxItem,
  OutboxCampaignRecord,
  OutboxCounts,
  OutboxError,
  OutboxItemRecord,
  OutboxRecipient,
  OutboxRepository,
  OutboxStatus,
} from '../../storage/ports/delivery.js';
export { OUTBOX_STATUSES };

/** Status names as HR reads them. */
export const OUTBOX_STATUS_LABELS: Record<OutboxStatus, string> = {
  pending: 'Venter',
  sent: 'Sendt',
  retrying: 'Prøver igjen',
  failed: 'Feilet',
  blocked: 'Blokkert',
  'not-installed': 'Ikke installert',
  acknowledged: 'Kvittert',
};

/** Still to be sent (or being sent). */
export const isOpenStatus = (status: OutboxStatus) => status === 'pending' || status === 'retrying';

/**
 * The idempotency key of one message to one recipient: the parts joined with `:`. The same
 * parts always give the same key, so enqueuing twice (two overlapping runs, a restart) adds one
 * item. E.g. `outboxKey('broadcast', campaignId, employeeId)`.
 */
export function outboxKey(...parts: (string | number)[]): string {
  if (!parts.length) throw new Error('outboxKey needs at least one part');
  return parts.map((p) => String(p).replace(/:/g, '_')).join(':');
}

/** One line per status with a count, for a status card: «Sendt: 12 480». */
export function describeCounts(counts: OutboxCounts): { status: OutboxStatus; label: string; count: number }[] {
  return OUTBOX_STATUSES.filter((s) => counts[s] > 0).map((s) => ({ status: s, label: OUTBOX_STATUS_LABELS[s], count: counts[s] }));
}

/**
 * The items of a campaign as CSV (semicolon-separated, UTF-8 with BOM, for Excel): recipient,
 * status, attempts, times and the error code. `nameOf` adds the recipient's name.
 */
export function outboxCsv(items: readonly OutboxItemRecord[], nameOf: (item: OutboxItemRecord) => string | undefined = () => undefined): string {
  // Headers with æøå and times in Norwegian time, as people read them in Excel (#12).
  const header = ['Mottaker', 'Navn', 'Status', 'Forsøk', 'Sendt (norsk tid)', 'Kvittert (norsk tid)', 'Feilkode'];
  const oslo = (at: string | undefined) => (at ? formatInstant(at, 'numericDateTime') : undefined);
  const rows = items.map((i) => [
    i.recipient.kind === 'employee' ? i.recipient.employeeId : `team:${i.recipient.teamId}`,
    nameOf(i),
    OUTBOX_STATUS_LABELS[i.status],
    i.attempts,
    oslo(i.sentAt),
    oslo(i.acknowledgedAt),
    i.lastError ? [i.lastError.status, i.lastError.code].filter((x) => x !== undefined).join(' ') : undefined,
  ]);
  return toCsv(header, rows);
}
