import {
  OUTBOX_STATUSES,
  outboxCampaignRecordSchema,
  outboxItemRecordSchema,
  type NewOutboxItem,
  type OutboxCampaignRecord,
  type OutboxCounts,
  type OutboxError,
  type OutboxItemRecord,
  type OutboxRepository,
  type OutboxStatus,
} from '../ports/delivery.js';
import { iso, withTransaction, type Pool } from './pool.js';
import { recordReader } from './rows.js';

const readItem = recordReader(outboxItemRecordSchema, 'outbox_items');
const readCampaign = recordReader<OutboxCampaignRecord>(outboxCampaignRecordSchema, 'outbox_campaigns');

/** Rows per INSERT when enqueuing: a broadcast to 12,573 people is 13 statements, not 12,573. */
const BATCH = 1000;

const OPEN = `status IN ('pending', 'retrying')`;
/** The item is open and not leased to someone else right now ($4 = owner, $5 = now). */
const MAY_MARK = `${OPEN} AND (lease_owner = $4 OR lease_until IS NULL OR lease_until <= $5::timestamptz)`;
/** Sets the status ($3), ends the lease in the columns and in the record, and applies the patch ($2) to the record. */
const END_LEASE = `status = $3, lease_owner = NULL, lease_until = NULL, record = (record - 'leaseOwner' - 'leaseUntil') || $2::jsonb`;

/**
 * The outbox in PostgreSQL: campaigns and one row per recipient. The whole item is the jsonb
 * `record`; status, due time, lease and priority are also columns, kept in step by every
 * statement, for the claim index.
 *
 * `claimDue` is one statement: the due, unleased items are picked in claim order with
 * `FOR UPDATE SKIP LOCKED` and leased in the same UPDATE, so two claimers (in one process or in
 * two bot instances on one database) never get the same item; the lease is committed before
 * the call returns. Every mark is one conditional UPDATE, applied only while the port allows it.
 */
export function createPostgresOutboxRepository(pool: Pool): OutboxRepository {
  /** One conditional UPDATE; `condition` may use $4, $5 … for `params`. */
  async function end(key: string, condition: string, patch: Record<string, unknown> & { status: OutboxStatus }, params: unknown[] = [], extraSet = ''): Promise<boolean> {
    const result = await pool.query(`UPDATE outbox_items SET ${END_LEASE}${extraSet} WHERE key = $1 AND ${condition}`, [key, JSON.stringify(patch), patch.status, ...params]);
    return (result.rowCount ?? 0) > 0;
  }

  function finish(key: string, owner: string, at: Date, status: OutboxStatus, error?: OutboxError): Promise<boolean> {
    return end(key, MAY_MARK, { status, updatedAt: iso(at), ...(error ? { lastError: { ...error } } : {}) }, [owner, iso(at)]);
  }

  return {
    async enqueue(campaign, newItems, now) {
      const nowIso = iso(now);
      const fresh = new Map<string, NewOutboxItem>();
      for (const item of newItems) if (!fresh.has(item.key)) fresh.set(item.key, item);
      const keys = [...fresh.keys()].sort();
      const added = await withTransaction(pool, async (client) => {
        const record: OutboxCampaignRecord = {
          id: campaign.id,
          kind: campaign.kind,
          priority: campaign.priority ?? 0,
          payload: campaign.payload ?? {},
          ...(campaign.createdBy ? { createdBy: campaign.createdBy } : {}),
          createdAt: nowIso,
        };
        // The first enqueue of a campaign wins; its priority is the one items get.
        await client.query('INSERT INTO outbox_campaigns (id, priority, record) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING', [
          record.id,
          record.priority,
          JSON.stringify(record),
        ]);
        const priority = (await client.query<{ priority: number }>('SELECT priority FROM outbox_campaigns WHERE id = $1', [campaign.id])).rows[0]!.priority;
        let count = 0;
        for (let i = 0; i < keys.length; i += BATCH) {
          const batch = keys.slice(i, i + BATCH).map((key) => {
            const item = fresh.get(key)!;
            const rec: OutboxItemRecord = {
              key,
              campaignId: campaign.id,
              recipient: item.recipient,
              ...(item.data ? { data: item.data } : {}),
              status: 'pending',
              attempts: 0,
              nextAttemptAt: iso(item.notBefore && item.notBefore > now ? item.notBefore : now),
              createdAt: nowIso,
              updatedAt: nowIso,
            };
            return rec;
          });
          // Key order, so two enqueues of overlapping keys lock them alike and cannot deadlock.
          const result = await client.query(
            `INSERT INTO outbox_items (key, campaign_id, priority, status, attempts, next_attempt_at, record)
             SELECT k, $1, $2, 'pending', 0, t, r FROM unnest($3::text[], $4::timestamptz[], $5::jsonb[]) AS x(k, t, r) ORDER BY k COLLATE "C"
             ON CONFLICT (key) DO NOTHING`,
            [campaign.id, priority, batch.map((r) => r.key), batch.map((r) => r.nextAttemptAt), batch.map((r) => JSON.stringify(r))],
          );
          count += result.rowCount ?? 0;
        }
        return count;
      });
      return { added, existing: newItems.length - added };
    },

    async claimDue(now, limit, leaseMs, owner) {
      if (limit <= 0) return [];
      const nowIso = iso(now);
      const leaseUntil = iso(new Date(now.getTime() + leaseMs));
      const { rows: raw } = await pool.query<{ priority: number; record: unknown }>(
        `UPDATE outbox_items o
         SET attempts = o.attempts + 1, lease_owner = $3, lease_until = $4::timestamptz,
             record = o.record || jsonb_build_object('attempts', o.attempts + 1, 'leaseOwner', $3::text, 'leaseUntil', $6::text, 'updatedAt', $5::text)
         WHERE o.key IN (
           SELECT key FROM outbox_items
           WHERE ${OPEN} AND next_attempt_at <= $1::timestamptz AND (lease_until IS NULL OR lease_until <= $1::timestamptz)
           ORDER BY priority DESC, next_attempt_at, key COLLATE "C"
           LIMIT $2
           FOR UPDATE SKIP LOCKED
         )
         RETURNING o.priority, o.record`,
        [nowIso, limit, owner, leaseUntil, nowIso, leaseUntil],
      );
      const rows = raw.map((r) => ({ priority: r.priority, record: readItem(r.record) }));
      // RETURNING has no order: give them back in claim order.
      return rows
        .sort((a, b) => b.priority - a.priority || cmp(a.record.nextAttemptAt, b.record.nextAttemptAt) || cmp(a.record.key, b.record.key))
        .map((r) => r.record);
    },

    async release(key, owner, now) {
      const result = await pool.query(
        `UPDATE outbox_items
         SET attempts = GREATEST(0, attempts - 1), next_attempt_at = $3::timestamptz, lease_owner = NULL, lease_until = NULL,
             record = (record - 'leaseOwner' - 'leaseUntil')
               || jsonb_build_object('attempts', GREATEST(0, attempts - 1), 'nextAttemptAt', $4::text, 'updatedAt', $4::text)
         WHERE key = $1 AND ${OPEN} AND lease_owner = $2`,
        [key, owner, iso(now), iso(now)],
      );
      return (result.rowCount ?? 0) > 0;
    },

    async markSent(key, _owner, at, activityId) {
      return end(key, OPEN, { status: 'sent', sentAt: iso(at), updatedAt: iso(at), ...(activityId ? { activityId } : {}) });
    },

    async markRetry(key, owner, nextAttemptAt, error, now) {
      return end(
        key,
        MAY_MARK,
        { status: 'retrying', nextAttemptAt: iso(nextAttemptAt), lastError: { ...error }, updatedAt: iso(now) },
        [owner, iso(now)],
        `, next_attempt_at = ($2::jsonb->>'nextAttemptAt')::timestamptz`,
      );
    },

    markFailed: (key, owner, at, error) => finish(key, owner, at, 'failed', error),
    markBlocked: (key, owner, at, error) => finish(key, owner, at, 'blocked', error),
    markNotInstalled: (key, owner, at, error) => finish(key, owner, at, 'not-installed', error),

    async markAcknowledged(key, at) {
      return end(key, `status IN ('sent', 'pending', 'retrying')`, { status: 'acknowledged', acknowledgedAt: iso(at), updatedAt: iso(at) });
    },

    async get(key) {
      const { rows } = await pool.query<{ record: unknown }>('SELECT record FROM outbox_items WHERE key = $1', [key]);
      return rows[0] && readItem(rows[0].record);
    },

    async getCampaign(campaignId) {
      const { rows } = await pool.query<{ record: unknown }>('SELECT record FROM outbox_campaigns WHERE id = $1', [campaignId]);
      return rows[0] && readCampaign(rows[0].record);
    },

    async counts(campaignId) {
      const counts = Object.fromEntries([...OUTBOX_STATUSES.map((s) => [s, 0]), ['total', 0]]) as OutboxCounts;
      const { rows } = await pool.query<{ status: OutboxStatus; n: number }>(
        'SELECT status, count(*)::int AS n FROM outbox_items WHERE campaign_id = $1 GROUP BY status',
        [campaignId],
      );
      for (const r of rows) {
        counts[r.status] = r.n;
        counts.total += r.n;
      }
      return counts;
    },

    async list(campaignId) {
      const { rows } = await pool.query<{ record: unknown }>('SELECT record FROM outbox_items WHERE campaign_id = $1 ORDER BY key COLLATE "C"', [campaignId]);
      return rows.map((r) => readItem(r.record));
    },
  };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
