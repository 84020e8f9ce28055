ALTER TYPE "public"."token_event_action" ADD VALUE 'paused';--> statement-breakpoint
ALTER TYPE "public"."token_event_action" ADD VALUE 'resumed';--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "policy_max_lifetime_days" integer;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "pause_unused_after_days" integer;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "paused_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "paused_reason" text;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "resumed_at" timestamp with time zone;