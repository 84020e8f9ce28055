-- The audit log is append-only (PRODUCT.md §10), held by the database itself so that no code
-- path, bug or hand-typed statement of the app's role rewrites history. Refused: every UPDATE,
-- every TRUNCATE, and every DELETE except two:
--  * the retention job's, which says so with `SET LOCAL hub.audit_retention = 'on'` in its own
--    transaction, and even then only of rows past the 365 days kept (lib/audit/retention.ts);
--  * an account deleted as a whole (ON DELETE CASCADE): its log goes with it. While the
--    account exists its rows cannot be deleted; once it is deleted nothing could show them.
-- A trigger rather than privileges: it holds for the table's owner too (the app migrates as the
-- role it runs as) and on embedded PGlite, which has a single role.
CREATE FUNCTION hub_audit_events_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF current_setting('hub.audit_retention', true) = 'on' AND OLD.at < now() - interval '365 days' THEN
      RETURN OLD;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM accounts WHERE id = OLD.account_id) THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
FOR EACH ROW EXECUTE FUNCTION hub_audit_events_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
FOR EACH STATEMENT EXECUTE FUNCTION hub_audit_events_append_only();
