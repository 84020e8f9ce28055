import { sql } from "drizzle-orm";
import { bigint, boolean, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const accounts = pgTable("accounts", {
  id: uuid("id").primaryKey().defaultRandom(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  // Per-account settings only the operator may raise (customers ask their Success Manager).
  maxActiveTokens: integer("max_active_tokens").notNull().default(5),
  rateLimitCeiling: integer("rate_limit_ceiling").notNull().default(600),
  // Operator policy: the longest a new token may live; null allows "Never".
  maxTokenLifetimeDays: integer("max_token_lifetime_days"),
  // The admins' own token policy (PRODUCT.md §12), within the operator's ceiling above: the
  // longest a new token may live (null: no maximum of their own) and how long a token may go
  // unused before the periodic job pauses it (null: never).
  policyMaxLifetimeDays: integer("policy_max_lifetime_days"),
  pauseUnusedAfterDays: integer("pause_unused_after_days"),
  // Operator policy: how long Profile Read access-log rows are kept before the daily job deletes them.
  accessLogRetentionDays: integer("access_log_retention_days").notNull().default(90),
  // Operator policy: how long audit-log rows are kept (the append-only trigger reads it too).
  auditLogRetentionDays: integer("audit_log_retention_days").notNull().default(365),
  // Team setting (admins): an admin without two-factor sign-in is sent to /account until set up.
  requireAdminTwoFactor: boolean("require_admin_two_factor").notNull().default(false),
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
    // A create-account (operator) password must be replaced at first sign-in.
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    // Sessions (JWTs) carry the version they were issued under; raising it ends every session
    // of the user on every instance at once (removal, password change, "Sign out other sessions").
    sessionVersion: integer("session_version").notNull().default(0),
    // Removed users keep their row, so the tokens they created still say who did ("<name> (removed)").
    removedAt: timestamp("removed_at", { withTimezone: true }),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
    // Two-factor (TOTP, RFC 6238): the secret encrypted at rest (never in clear); on when enabled_at is set.
    totpSecretEncrypted: text("totp_secret_encrypted"),
    totpEnabledAt: timestamp("totp_enabled_at", { withTimezone: true }),
    // The last accepted time step: a code is accepted once, never replayed within its window.
    totpLastStep: bigint("totp_last_step", { mode: "number" }),
    // Email notice kinds this admin opted out of in My account (PRODUCT.md §12), e.g. "token.expiring".
    noticeOptOuts: text("notice_opt_outs").array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // One live user per email across the Hub; a removed user's email may be invited again.
  (t) => [uniqueIndex("users_email_key").on(t.email).where(sql`${t.removedAt} is null`)],
);
