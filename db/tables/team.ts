import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { accounts, roleEnum, users } from "./accounts";

/**
 * Invite links (`/invite/<code>`): single use, 7 days. Only the SHA-256 of the code is stored;
 * the link is shown once to the admin who made it (and mailed when SMTP is configured).
 */
export const userInvites = pgTable(
  "user_invites",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: roleEnum("role").notNull(),
    codeHash: text("code_hash").notNull(),
    invitedById: uuid("invited_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    usedById: uuid("used_by_id").references(() => users.id, { onDelete: "set null" }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("user_invites_code_hash_key").on(t.codeHash), index("user_invites_account").on(t.accountId, t.createdAt)],
);

/**
 * One-time password-reset links (1 hour), made by an admin ("Reset password") or the operator
 * CLI. Only the SHA-256 of the code is stored.
 */
export const passwordResets = pgTable(
  "password_resets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    // Null when the operator CLI made it.
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("password_resets_code_hash_key").on(t.codeHash), index("password_resets_user").on(t.userId)],
);

/** Two-factor recovery codes: 10 per set-up, shown once, stored as hashes, each usable once. */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("recovery_codes_user_code").on(t.userId, t.codeHash)],
);

/**
 * Sessions signed out by their browser: a session (JWT) carries its id from sign-in to its end,
 * and one named here is no session, whatever cookie a late response put back. Kept for a
 * session's lifetime (8 hours), then removed by the next sign-out.
 */
export const endedSessions = pgTable(
  "ended_sessions",
  {
    sessionId: uuid("session_id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    keepUntil: timestamp("keep_until", { withTimezone: true }).notNull(),
  },
  (t) => [index("ended_sessions_keep_until_idx").on(t.keepUntil)],
);
