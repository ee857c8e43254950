/**
 * The first schema. Whole records are stored as jsonb (`record`), so optional fields added to a
 * record type later need no migration; the real columns are only what queries filter, order or
 * lock on. Times that are compared are timestamptz (UTC).
 */
export const up = /* sql */ `
CREATE TABLE kv (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  etag text NOT NULL
);

CREATE TABLE feedback (
  id text PRIMARY KEY,
  entry_id text NOT NULL,
  helpful boolean NOT NULL,
  record jsonb NOT NULL
);

CREATE TABLE org_snapshot (
  id smallint PRIMARY KEY CHECK (id = 1),
  snapshot jsonb NOT NULL,
  replaced_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE registrations (
  employee_id text PRIMARY KEY,
  version integer NOT NULL,
  record jsonb NOT NULL
);

CREATE TABLE samtaler (
  id text PRIMARY KEY,
  employee_id text NOT NULL,
  leader_id text NOT NULL,
  unit_id text NOT NULL,
  year integer NOT NULL,
  version integer NOT NULL,
  record jsonb NOT NULL
);
CREATE INDEX samtaler_employee ON samtaler (employee_id);
CREATE INDEX samtaler_unit_year ON samtaler (unit_id, year);
CREATE INDEX samtaler_year ON samtaler (year);

CREATE TABLE samtale_audit (
  seq bigserial PRIMARY KEY,
  samtale_id text NOT NULL,
  entry jsonb NOT NULL
);
CREATE INDEX samtale_audit_samtale ON samtale_audit (samtale_id, seq);

CREATE TABLE arshjul_tasks (
  event_id text NOT NULL,
  occurrence_id text NOT NULL,
  employee_id text NOT NULL,
  seq bigserial,
  record jsonb NOT NULL,
  PRIMARY KEY (event_id, occurrence_id, employee_id)
);
CREATE INDEX arshjul_tasks_occurrence ON arshjul_tasks (occurrence_id);

CREATE TABLE arshjul_claims (
  key text PRIMARY KEY,
  occurrence_id text NOT NULL,
  claimed_at text NOT NULL
);
CREATE INDEX arshjul_claims_occurrence ON arshjul_claims (occurrence_id);

CREATE TABLE arshjul_meta (
  id smallint PRIMARY KEY CHECK (id = 1),
  last_planning_run text NOT NULL
);

CREATE SEQUENCE conversation_refs_saved;
CREATE TABLE conversation_refs (
  key text PRIMARY KEY,
  employee_id text,
  conversation_id text NOT NULL,
  -- which reference of an employee was saved last
  saved_seq bigint NOT NULL DEFAULT nextval('conversation_refs_saved'),
  record jsonb NOT NULL
);
CREATE INDEX conversation_refs_employee ON conversation_refs (employee_id, saved_seq DESC) WHERE employee_id IS NOT NULL;

CREATE TABLE outbox_campaigns (
  id text PRIMARY KEY,
  priority integer NOT NULL,
  record jsonb NOT NULL
);

CREATE TABLE outbox_items (
  key text PRIMARY KEY,
  campaign_id text NOT NULL REFERENCES outbox_campaigns (id),
  -- the campaign's priority, copied so the claim index covers it
  priority integer NOT NULL,
  status text NOT NULL,
  attempts integer NOT NULL,
  next_attempt_at timestamptz NOT NULL,
  lease_owner text,
  lease_until timestamptz,
  record jsonb NOT NULL
);
CREATE INDEX outbox_items_due ON outbox_items (priority DESC, next_attempt_at, key COLLATE "C") WHERE status IN ('pending', 'retrying');
CREATE INDEX outbox_items_campaign ON outbox_items (campaign_id, status);

CREATE TABLE jobs (
  key text PRIMARY KEY,
  name text NOT NULL,
  status text NOT NULL,
  due_at timestamptz NOT NULL,
  attempts integer NOT NULL,
  lease_owner text,
  lease_until timestamptz,
  record jsonb NOT NULL
);
CREATE INDEX jobs_due ON jobs (due_at, key COLLATE "C") WHERE status = 'pending';
CREATE INDEX jobs_name_status ON jobs (name, status);
`;
