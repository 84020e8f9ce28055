ALTER TYPE "public"."token_event_action" ADD VALUE 'old_token_stopped';--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "max_token_lifetime_days" integer;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "old_secret_hash" text;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "old_display_prefix" text;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "old_secret_deprecated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "old_secret_ends_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "old_last_used_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "old_last_used_ip" text;--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_old_secret_hash_key" ON "api_tokens" USING btree ("old_secret_hash");