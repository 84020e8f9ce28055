import { bigserial, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";

/**
 * What the operator's command line changed, for the record: accounts and first admins created,
 * limits raised. Never a password. The account's own History lives with its tokens.
 */
export const operatorEvents = pgTable("operator_events", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  accountId: uuid("account_id").references(() => accounts.id, { onDelete: "set null" }),
  action: text("action").notNull(),
  // Who ran the command: the operating-system user (the CLI has no Hub session).
  operator: text("operator").notNull(),
  detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
