import { integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const accounts = pgTable("accounts", {
  id: uuid("id").primaryKey().defaultRandom(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  // Per-account settings only the operator may raise (customers ask their Success Manager).
  maxActiveTokens: integer("max_active_tokens").notNull().default(5),
  rateLimitCeiling: integer("rate_limit_ceiling").notNull().default(600),
  // Operator policy: the longest a new token may live; null allows "Never".
  maxTokenLifetimeDays: integer("max_token_lifetime_days"),
  // Operator policy: how long Profile Read access-log rows are kept before the daily job deletes them.
  accessLogRetentionDays: integer("access_log_retention_days").notNull().default(90),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const roleEnum = pgEnum("user_role", ["admin", "marketer"]);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    // Stored lower-cased so sign-in is case-insensitive and unique across the Hub.
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: roleEnum("role").notNull(),
    passwordHash: text("password_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_email_key").on(t.email)],
);
