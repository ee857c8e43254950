/**
 * The send rate shared by every bot instance on the database (issue: «a configurable global rate
 * per tenant»): one GCRA row per key (a tenant, or a conversation for the 1 message/s rule), and
 * one function that takes a slot atomically on the database's clock. See ../send-rate.ts.
 *
 * `send_rate_take` locks the conversation row before the tenant row (every caller in that order,
 * so callers cannot deadlock), reads the clock only once it holds both, and returns how many ms
 * the caller must wait for its slot. It is the in-process limiter's rule (rate-limiter.ts):
 * start = max(now, tenant.tat − tolerance, conversation.tat); tenant.tat = max(tenant.tat, start)
 * + interval; conversation.tat = start + spacing.
 */
export const up = /* sql */ `
-- UNLOGGED: a take writes no WAL, so its commit waits for no disk flush. After a crash of the
-- database (or on a standby) the table starts empty, which only allows one burst: acceptable.
CREATE UNLOGGED TABLE send_rate (
  key text PRIMARY KEY,
  tat timestamptz NOT NULL
);

CREATE FUNCTION send_rate_take(tenant_key text, conversation_key text, interval_ms double precision, tolerance_ms double precision, spacing_ms double precision)
RETURNS double precision
LANGUAGE plpgsql AS $fn$
DECLARE
  ms constant interval := interval '1 millisecond';
  conversation_tat timestamptz := '-infinity';
  tenant_tat timestamptz;
  t_now timestamptz;
  start timestamptz;
BEGIN
  -- Lock (creating it if needed) the conversation's row, then the tenant's. A plain SELECT … FOR
  -- UPDATE first: the rows exist nearly always, and each is then written once, below.
  IF conversation_key IS NOT NULL THEN
    SELECT tat INTO conversation_tat FROM send_rate WHERE key = conversation_key FOR UPDATE;
    IF NOT FOUND THEN
      INSERT INTO send_rate (key, tat) VALUES (conversation_key, '-infinity') ON CONFLICT (key) DO NOTHING;
      SELECT tat INTO conversation_tat FROM send_rate WHERE key = conversation_key FOR UPDATE;
    END IF;
  END IF;
  SELECT tat INTO tenant_tat FROM send_rate WHERE key = tenant_key FOR UPDATE;
  IF NOT FOUND THEN
    INSERT INTO send_rate (key, tat) VALUES (tenant_key, '-infinity') ON CONFLICT (key) DO NOTHING;
    SELECT tat INTO tenant_tat FROM send_rate WHERE key = tenant_key FOR UPDATE;
  END IF;
  -- The clock is read once both rows are ours: a caller that waited for a lock gets no slot in the past.
  t_now := clock_timestamp();
  start := GREATEST(t_now, tenant_tat - tolerance_ms * ms, conversation_tat);
  UPDATE send_rate SET tat = GREATEST(tenant_tat, start) + interval_ms * ms WHERE key = tenant_key;
  IF conversation_key IS NOT NULL THEN
    UPDATE send_rate SET tat = start + spacing_ms * ms WHERE key = conversation_key;
  END IF;
  RETURN extract(epoch FROM start - t_now) * 1000;
END
$fn$;

CREATE FUNCTION send_rate_pause(tenant_key text, conversation_key text, for_ms double precision, tolerance_ms double precision)
RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE
  ms constant interval := interval '1 millisecond';
  until timestamptz;
BEGIN
  IF conversation_key IS NOT NULL THEN
    INSERT INTO send_rate AS s (key, tat) VALUES (conversation_key, clock_timestamp() + for_ms * ms)
      ON CONFLICT (key) DO UPDATE SET tat = GREATEST(s.tat, EXCLUDED.tat);
  END IF;
  until := clock_timestamp() + for_ms * ms;
  -- The next slot starts at \`until\` (not \`until\` + tolerance): no burst right after a 429.
  INSERT INTO send_rate AS s (key, tat) VALUES (tenant_key, until + tolerance_ms * ms)
    ON CONFLICT (key) DO UPDATE SET tat = GREATEST(s.tat, EXCLUDED.tat);
END
$fn$;
`;
