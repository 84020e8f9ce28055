import { date, integer, pgEnum, pgTable, primaryKey, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { apiTokens } from "./tokens";

/** What happened to a request that presented a known token. */
export const usageOutcomeEnum = pgEnum("usage_outcome", ["allowed", "ip_refused", "rate_limited", "wrong_type", "invalid", "out_of_scope"]);

/** Requests per token, per day (UTC), per outcome: written in batches, never per request. */
export const tokenUsageDaily = pgTable(
  "token_usage_daily",
  {
    tokenId: uuid("token_id")
      .notNull()
      .references(() => apiTokens.id, { onDelete: "cascade" }),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    day: date("day", { mode: "string" }).notNull(),
    outcome: usageOutcomeEnum("outcome").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tokenId, t.day, t.outcome] })],
);
