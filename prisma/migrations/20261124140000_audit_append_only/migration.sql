-- The audit log is append-only for the application.
--
-- Two independent locks, because either alone can be lifted by someone:
--  1. privileges: UPDATE, DELETE and TRUNCATE are revoked from PUBLIC and from the role that runs
--     the migrations (locally that is also the role the app connects as, and the table's owner).
--     Postgres checks table privileges for the owner too, so the app's UPDATE/DELETE/TRUNCATE fail
--     with "permission denied". Only INSERT and SELECT remain (plus the id sequence).
--  2. triggers: UPDATE, DELETE and TRUNCATE raise an exception whoever runs them (superusers
--     included), and INSERT must chain onto the newest row (prev_hash = its hash), so a forged
--     row cannot start a side branch.
--
-- What this does not stop: the table's owner can re-GRANT itself the privileges or DISABLE the
-- triggers with DDL (the application never issues DDL at run time). In production, run
-- migrations as a separate owner role and connect the application as a DML-only role: then
-- neither lock can be lifted by the application's credentials. Tampering that gets past both
-- (a DBA, a restored backup) is what the hash chain and `npm run audit:verify` detect.

CREATE FUNCTION "audit_events_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "audit_events_no_update_delete"
  BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "audit_events_refuse_change"();

CREATE TRIGGER "audit_events_no_truncate"
  BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_refuse_change"();

-- appendAudit holds an advisory lock while it reads the newest hash and inserts, so concurrent
-- appenders never trip this check; a raw INSERT that names any other predecessor is refused.
CREATE FUNCTION "audit_events_check_link"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  newest TEXT;
BEGIN
  SELECT "hash" INTO newest FROM "audit_events" ORDER BY "id" DESC LIMIT 1;
  IF NEW."prev_hash" IS DISTINCT FROM COALESCE(newest, repeat('0', 64)) THEN
    RAISE EXCEPTION 'audit_events: prev_hash must be the newest row''s hash'
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "audit_events_chain_link"
  BEFORE INSERT ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "audit_events_check_link"();

REVOKE UPDATE, DELETE, TRUNCATE ON TABLE "audit_events" FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON TABLE "audit_events" FROM CURRENT_USER;
