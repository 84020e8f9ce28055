CREATE TYPE "public"."usage_outcome" AS ENUM('allowed', 'ip_refused', 'rate_limited', 'wrong_type', 'invalid');--> statement-breakpoint
CREATE TABLE "token_usage_daily" (
	"token_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"day" date NOT NULL,
	"outcome" "usage_outcome" NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "token_usage_daily_token_id_day_outcome_pk" PRIMARY KEY("token_id","day","outcome")
);
--> statement-breakpoint
ALTER TABLE "token_usage_daily" ADD CONSTRAINT "token_usage_daily_token_id_api_tokens_id_fk" FOREIGN KEY ("token_id") REFERENCES "public"."api_tokens"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "token_usage_daily" ADD CONSTRAINT "token_usage_daily_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;