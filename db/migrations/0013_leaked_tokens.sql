ALTER TYPE "public"."token_event_action" ADD VALUE 'exposed';--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "revoked_reason" text;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "exposed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "exposed_url" text;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "exposed_source" text;