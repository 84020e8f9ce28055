CREATE TYPE "public"."access_outcome" AS ENUM('found', 'not_found', 'ambiguous');--> statement-breakpoint
ALTER TYPE "public"."token_event_action" ADD VALUE 'marked_suspicious';--> statement-breakpoint
ALTER TYPE "public"."token_event_action" ADD VALUE 'reviewed';--> statement-breakpoint
CREATE TABLE "profile_access_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"token_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"ip" text,
	"linking_attribute" text NOT NULL,
	"value_hash" text NOT NULL,
	"outcome" "access_outcome" NOT NULL,
	"attributes" text[] NOT NULL,
	"reads" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "token_refused_ips" (
	"token_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"day" date NOT NULL,
	"ip" text NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "token_refused_ips_token_id_day_ip_pk" PRIMARY KEY("token_id","day","ip")
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "access_log_retention_days" integer DEFAULT 90 NOT NULL;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "suspicious_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "suspicious_reason" text;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "profile_access_log" ADD CONSTRAINT "profile_access_log_token_id_api_tokens_id_fk" FOREIGN KEY ("token_id") REFERENCES "public"."api_tokens"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profile_access_log" ADD CONSTRAINT "profile_access_log_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "token_refused_ips" ADD CONSTRAINT "token_refused_ips_token_id_api_tokens_id_fk" FOREIGN KEY ("token_id") REFERENCES "public"."api_tokens"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "token_refused_ips" ADD CONSTRAINT "token_refused_ips_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "profile_access_log_token_at" ON "profile_access_log" USING btree ("token_id","at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "profile_access_log_token_value" ON "profile_access_log" USING btree ("token_id","value_hash");--> statement-breakpoint
CREATE INDEX "profile_access_log_at" ON "profile_access_log" USING btree ("at");