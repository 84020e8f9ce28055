import { sql } from "drizzle-orm";
import { bigserial, date, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { apiTokens } from "./tokens";

export const accessOutcomeEnum = pgEnum("access_outcome", ["found", "not_found", "ambiguous", "withheld"]);

/**
 * Every Profile Read lookup that passed authentication: who read what, written in batches.
 * Holds no raw value: `value_hash` is an HMAC-SHA256 under the account's own key (lib/governance/value-hash.ts).
 */
export const profileAccessLog = pgTable(
  "profile_access_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    tokenId: uuid("token_id")
      .notNull()
      .references(() => apiTokens.id, { onDelete: "cascade" }),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true }).notNull(),
    ip: text("ip"),
    linkingAttribute: text("linking_attribute").notNull(),
    valueHash: text("value_hash").notNull(),
    outcome: accessOutcomeEnum("outcome").notNull(),
    attributes: text("attributes").array().notNull(),
    // Identical reads (same token, IP, value and outcome) within one second are one row: how many.
    reads: integer("reads").notNull().default(1),
  },
  (t) => [
    // The tab's order (newest first), keyset-paged, and the alarm's window per token.
    index("profile_access_log_token_at").on(t.tokenId, t.at.desc().nullsFirst(), t.id.desc().nullsFirst()),
    // "Was this customer read?"
    index("profile_access_log_token_value").on(t.tokenId, t.valueHash),
    // Customer data access (/manage/privacy): every token of the account that read one value.
    index("profile_access_log_account_value").on(t.accountId, t.valueHash, t.at.desc()),
    // Retention deletes the oldest rows first.
    index("profile_access_log_at").on(t.at),
    // The alarm's hourly and daily counts read a token's not-found rows only.
    index("profile_access_log_token_not_found").on(t.tokenId, t.at).where(sql`outcome = 'not_found'`),
  ],
);

/** `ip_not_allowed` refusals per token, day (UTC) and client IP: counted in memory, written in batches. */
export const tokenRefusedIps = pgTable(
  "token_refused_ips",
  {
    tokenId: uuid("token_id")
      .notNull()
      .references(() => apiTokens.id, { onDelete: "cascade" }),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    day: date("day", { mode: "string" }).notNull(),
    ip: text("ip").notNull(),
    count: integer("count").notNull().default(0),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull(),
  },
  // Retention deletes the oldest days first (lib/governance/retention.ts).
  (t) => [primaryKey({ columns: [t.tokenId, t.day, t.ip] }), index("token_refused_ips_day").on(t.day)],
);
