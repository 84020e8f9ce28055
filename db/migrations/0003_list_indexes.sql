DROP INDEX "api_tokens_account_status";--> statement-breakpoint
DROP INDEX "token_events_token_created";--> statement-breakpoint
CREATE INDEX "api_tokens_account_list" ON "api_tokens" USING btree ("account_id","status","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "token_events_token_history" ON "token_events" USING btree ("token_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);