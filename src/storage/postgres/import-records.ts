import type { ArshjulTaskRecord } from '../../modules/arshjul/model.js';
import type { HrQuestionRecord } from '../../modules/hr-questions/model.js';
import type { OrgSnapshot } from '../../modules/org/model.js';
import type { FeedbackRecord } from '../../modules/qa/model.js';
import type { CompetenceRegistrationRecord } from '../../modules/registration/model.js';
import type { SamtaleRecord } from '../../modules/samtale/model.js';
import type { AuditEntry } from '../ports/audit.js';
import type { ConversationRefRecord, OutboxCampaignRecord, OutboxItemRecord } from '../ports/delivery.js';
import type { JobRecord } from '../ports/jobs.js';
import { withTransaction, type Client, type Pool } from './pool.js';

/** Everything a store holds, as plain records (read from lowdb by `npm run db:import-lowdb`). */
export interface StoreExport {
  kv: { key: string; value: Record<string, unknown>; eTag: string }[];
  feedback: FeedbackRecord[];
  org?: OrgSnapshot;
  registrations: CompetenceRegistrationRecord[];
  samtaler: SamtaleRecord[];
  audit: AuditEntry[];
  arshjulTasks: ArshjulTaskRecord[];
  arshjulClaims: { key: string; occurrenceId: string; at: string }[];
  arshjulLastPlanningRun?: string;
  conversationRefs: ConversationRefRecord[];
  outboxCampaigns: OutboxCampaignRecord[];
  outboxItems: OutboxItemRecord[];
  jobs: JobRecord[];
  /** «Send spørsmålet til HR»: the questions, and the declined-question counts per day and text. */
  hrQuestions: HrQuestionRecord[];
  hrDeclines: { day: string; text: string; count: number }[];
}

/** One collection: records in the source, how many of them were added now, how many are in the target. */
export interface ImportCount {
  collection: string;
  source: number;
  added: number;
  /** Source records found in PostgreSQL after the import (equal to `source` when nothing was lost). */
  found: number;
  /** Rows of that collection in PostgreSQL in all (more than `source` when the database had data before). */
  targetTotal: number;
}

const BATCH = 1000;
const json = (v: unknown) => JSON.stringify(v);

/**
 * Copies records into PostgreSQL as they are (status, attempts, leases, eTags and versions
 * kept), then counts, per collection, how many source records the database holds. Idempotent:
 * a record whose key is already there is left alone (also when it changed since), so running
 * the import again adds nothing. All in one transaction: on any error nothing is imported.
 */
export async function importRecords(pool: Pool, data: StoreExport): Promise<ImportCount[]> {
  return withTransaction(pool, async (db) => {
    const out: ImportCount[] = [];
    const count = async (table: string) => Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);
    /** Inserts rows in batches with `ON CONFLICT DO NOTHING`; `columns[i]` gets `values(row)[i]` cast to `types[i]`. */
    async function insert<T>(table: string, columns: string[], types: string[], rows: T[], values: (row: T) => unknown[], conflict = ''): Promise<number> {
      let added = 0;
      for (let i = 0; i < rows.length; i += BATCH) {
        const batch = rows.slice(i, i + BATCH).map(values);
        const params = columns.map((_, c) => batch.map((row) => row[c]));
        const result = await db.query(
          `INSERT INTO ${table} (${columns.join(', ')})
           SELECT * FROM unnest(${types.map((t, c) => `$${c + 1}::${t}[]`).join(', ')})
           ON CONFLICT ${conflict} DO NOTHING`,
          params,
        );
        added += result.rowCount ?? 0;
      }
      return added;
    }
    async function found(table: string, keyColumn: string, keys: string[]): Promise<number> {
      const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE ${keyColumn} = ANY($1::text[])`, [keys]);
      return Number(rows[0]!.n);
    }
    async function keyed<T>(collection: string, table: string, keyColumn: string, keyOf: (r: T) => string, columns: string[], types: string[], rows: T[], values: (row: T) => unknown[]) {
      const added = await insert(table, columns, types, rows, values);
      out.push({ collection, source: rows.length, added, found: await found(table, keyColumn, rows.map(keyOf)), targetTotal: await count(table) });
    }

    await keyed('kv (samtaletilstand)', 'kv', 'key', (r) => r.key, ['key', 'value', 'etag'], ['text', 'jsonb', 'text'], data.kv, (r) => [r.key, json(r.value), r.eTag]);
    await keyed('tilbakemeldinger', 'feedback', 'id', (r) => r.id, ['id', 'entry_id', 'helpful', 'record'], ['text', 'text', 'boolean', 'jsonb'], data.feedback, (r) => [r.id, r.entryId, r.helpful, json(r)]);
    out.push(await importOrg(db, data.org));
    await keyed('kompetanseregistreringer', 'registrations', 'employee_id', (r) => r.employeeId, ['employee_id', 'version', 'record'], ['text', 'int', 'jsonb'], data.registrations, (r) => [
      r.employeeId,
      r.version,
      json(r),
    ]);
    await keyed(
      'samtaler',
      'samtaler',
      'id',
      (r) => r.id,
      ['id', 'employee_id', 'leader_id', 'unit_id', 'year', 'version', 'record'],
      ['text', 'text', 'text', 'text', 'int', 'int', 'jsonb'],
      data.samtaler,
      (r) => [r.id, r.employeeId, r.leaderId, r.unitId, r.year, r.version, json(r)],
    );
    out.push(await importAudit(db, data.audit, count));
    const taskKey = (t: { eventId: string; occurrenceId: string; employeeId: string }) => json([t.eventId, t.occurrenceId, t.employeeId]);
    {
      const added = await insert('arshjul_tasks', ['event_id', 'occurrence_id', 'employee_id', 'record'], ['text', 'text', 'text', 'jsonb'], data.arshjulTasks, (t) => [
        t.eventId,
        t.occurrenceId,
        t.employeeId,
        json(t),
      ]);
      const { rows } = await db.query<{ event_id: string; occurrence_id: string; employee_id: string }>('SELECT event_id, occurrence_id, employee_id FROM arshjul_tasks');
      const present = new Set(rows.map((r) => taskKey({ eventId: r.event_id, occurrenceId: r.occurrence_id, employeeId: r.employee_id })));
      out.push({ collection: 'årshjul-oppgaver', source: data.arshjulTasks.length, added, found: data.arshjulTasks.filter((t) => present.has(taskKey(t))).length, targetTotal: rows.length });
    }
    await keyed('årshjul-påminnelsesnøkler', 'arshjul_claims', 'key', (r) => r.key, ['key', 'occurrence_id', 'claimed_at'], ['text', 'text', 'text'], data.arshjulClaims, (r) => [
      r.key,
      r.occurrenceId,
      r.at,
    ]);
    if (data.arshjulLastPlanningRun) {
      await db.query(
        `INSERT INTO arshjul_meta (id, last_planning_run) VALUES (1, $1)
         ON CONFLICT (id) DO UPDATE SET last_planning_run = EXCLUDED.last_planning_run
         WHERE arshjul_meta.last_planning_run::timestamptz < EXCLUDED.last_planning_run::timestamptz`,
        [data.arshjulLastPlanningRun],
      );
    }
    await keyed(
      'samtalereferanser',
      'conversation_refs',
      'key',
      (r) => r.key,
      ['key', 'employee_id', 'conversation_id', 'record'],
      ['text', 'text', 'text', 'jsonb'],
      data.conversationRefs,
      (r) => [r.key, r.employeeId ?? null, r.conversationId, json(r)],
    );
    await keyed('utsendinger (kampanjer)', 'outbox_campaigns', 'id', (r) => r.id, ['id', 'priority', 'record'], ['text', 'int', 'jsonb'], data.outboxCampaigns, (r) => [
      r.id,
      r.priority,
      json(r),
    ]);
    const priorities = new Map<string, number>(
      (await db.query<{ id: string; priority: number }>('SELECT id, priority FROM outbox_campaigns')).rows.map((r) => [r.id, r.priority]),
    );
    await keyed(
      'utsendingskø (meldinger)',
      'outbox_items',
      'key',
      (r) => r.key,
      ['key', 'campaign_id', 'priority', 'status', 'attempts', 'next_attempt_at', 'lease_owner', 'lease_until', 'record'],
      ['text', 'text', 'int', 'text', 'int', 'timestamptz', 'text', 'timestamptz', 'jsonb'],
      data.outboxItems,
      (r) => [r.key, r.campaignId, priorities.get(r.campaignId) ?? 0, r.status, r.attempts, r.nextAttemptAt, r.leaseOwner ?? null, r.leaseUntil ?? null, json(r)],
    );
    await keyed(
      'jobber',
      'jobs',
      'key',
      (r) => r.key,
      ['key', 'name', 'status', 'due_at', 'attempts', 'lease_owner', 'lease_until', 'record'],
      ['text', 'text', 'text', 'timestamptz', 'int', 'text', 'timestamptz', 'jsonb'],
      data.jobs,
      (r) => [r.key, r.name, r.status, r.dueAt, r.attempts, r.leaseOwner ?? null, r.leaseUntil ?? null, json(r)],
    );
    await keyed('spørsmål til HR', 'hr_questions', 'id', (r) => r.id, ['id', 'asked_at', 'answered_at', 'record'], ['text', 'timestamptz', 'timestamptz', 'jsonb'], data.hrQuestions, (r) => [
      r.id,
      r.askedAt,
      r.answeredAt ?? null,
      json(r),
    ]);
    {
      const declineKey = (d: { day: string; text: string }) => json([d.day, d.text]);
      const added = await insert('hr_declines', ['day', 'text', 'count'], ['date', 'text', 'int'], data.hrDeclines, (d) => [d.day, d.text, d.count]);
      const { rows } = await db.query<{ day: string; text: string }>(`SELECT to_char(day, 'YYYY-MM-DD') AS day, text FROM hr_declines`);
      const present = new Set(rows.map(declineKey));
      out.push({ collection: 'ubesvarte spørsmål (tellinger)', source: data.hrDeclines.length, added, found: data.hrDeclines.filter((d) => present.has(declineKey(d))).length, targetTotal: rows.length });
    }
    return out;
  });
}

/** The organisation: taken when the database has none, or an older import than the source's. Counted in employees. */
async function importOrg(db: Client, org: OrgSnapshot | undefined): Promise<ImportCount> {
  const read = async () => (await db.query<{ snapshot: OrgSnapshot }>('SELECT snapshot FROM org_snapshot WHERE id = 1')).rows[0]?.snapshot;
  let target = await read();
  let added = 0;
  if (org && (!target || Date.parse(target.importedAt) < Date.parse(org.importedAt))) {
    await db.query(
      `INSERT INTO org_snapshot (id, snapshot, replaced_at) VALUES (1, $1, now())
       ON CONFLICT (id) DO UPDATE SET snapshot = EXCLUDED.snapshot, replaced_at = EXCLUDED.replaced_at`,
      [json(org)],
    );
    added = org.employees.length;
    target = await read();
  }
  const same = !!org && !!target && target.importedAt === org.importedAt && target.source === org.source && target.employees.length === org.employees.length;
  return {
    collection: 'organisasjon (ansatte)',
    source: org?.employees.length ?? 0,
    added,
    found: org ? (same ? org.employees.length : 0) : 0,
    targetTotal: target?.employees.length ?? 0,
  };
}

/**
 * The audit log has no key: an entry counts as present when the database has an identical one
 * (as many times as the source has it), so a second import adds none.
 */
async function importAudit(db: Client, entries: AuditEntry[], count: (table: string) => Promise<number>): Promise<ImportCount> {
  const keyOf = (e: AuditEntry) => json([e.samtaleId, e.viewerId, e.action, e.outcome, e.at]);
  const samtaleIds = [...new Set(entries.map((e) => e.samtaleId))];
  const existing = new Map<string, number>();
  const { rows } = await db.query<{ entry: AuditEntry }>('SELECT entry FROM samtale_audit WHERE samtale_id = ANY($1::text[]) ORDER BY seq', [samtaleIds]);
  for (const r of rows) existing.set(keyOf(r.entry), (existing.get(keyOf(r.entry)) ?? 0) + 1);
  const missing: AuditEntry[] = [];
  const budget = new Map(existing);
  for (const e of entries) {
    const k = keyOf(e);
    const left = budget.get(k) ?? 0;
    if (left > 0) budget.set(k, left - 1);
    else missing.push(e);
  }
  for (let i = 0; i < missing.length; i += BATCH) {
    const batch = missing.slice(i, i + BATCH).map((e) => ({ samtaleId: e.samtaleId, viewerId: e.viewerId, action: e.action, outcome: e.outcome, at: e.at }));
    await db.query('INSERT INTO samtale_audit (samtale_id, entry) SELECT * FROM unnest($1::text[], $2::jsonb[])', [batch.map((e) => e.samtaleId), batch.map(json)]);
  }
  // Found: for each distinct entry, as many as the database now holds, up to the source's number.
  const after = new Map<string, number>();
  const again = await db.query<{ entry: AuditEntry }>('SELECT entry FROM samtale_audit WHERE samtale_id = ANY($1::text[])', [samtaleIds]);
  for (const r of again.rows) after.set(keyOf(r.entry), (after.get(keyOf(r.entry)) ?? 0) + 1);
  const wanted = new Map<string, number>();
  for (const e of entries) wanted.set(keyOf(e), (wanted.get(keyOf(e)) ?? 0) + 1);
  let found = 0;
  for (const [k, n] of wanted) found += Math.min(n, after.get(k) ?? 0);
  return { collection: 'innsynslogg (samtaler)', source: entries.length, added: missing.length, found, targetTotal: await count('samtale_audit') };
}
