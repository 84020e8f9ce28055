ALTER TYPE "public"."token_event_action" ADD VALUE 'expired';--> statement-breakpoint
ALTER TYPE "public"."access_outcome" ADD VALUE 'withheld';--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "audit_log_retention_days" integer DEFAULT 365 NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "notice_opt_outs" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "consent_personalisation" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "consent_service" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "consent_analytics" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "scopes" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "purpose" text;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "daily_profile_limit" integer;--> statement-breakpoint
CREATE INDEX "profile_access_log_account_value" ON "profile_access_log" USING btree ("account_id","value_hash","at" DESC NULLS LAST);--> statement-breakpoint
-- Tokens made before scopes keep every scope; Profile Read tokens made before purposes read for
-- personalisation, and before daily limits get the default of 10,000 distinct customers a day.
UPDATE "api_tokens" SET "scopes" = '{users:read,groups:read,forms:read,activity:read}'::text[] WHERE "type" = 'activity';--> statement-breakpoint
UPDATE "api_tokens" SET "purpose" = 'personalisation', "daily_profile_limit" = 10000 WHERE "type" = 'profile_read';--> statement-breakpoint
-- The append-only trigger (0016) now lets the retention job delete only rows past the account's
-- own audit_log_retention_days (365 unless the operator set another), still nothing younger.
CREATE OR REPLACE FUNCTION hub_audit_events_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF current_setting('hub.audit_retention', true) = 'on' AND OLD.at < now() - make_interval(days => COALESCE(
      (SELECT audit_log_retention_days FROM accounts WHERE id = OLD.account_id), 365)) THEN
      RETURN OLD;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM accounts WHERE id = OLD.account_id) THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
