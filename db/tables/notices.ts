import { sql } from "drizzle-orm";
import { bigserial, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { accounts, users } from "./accounts";
import { apiTokens } from "./tokens";

export const mailStatusEnum = pgEnum("mail_status", ["pending", "sent", "failed", "cancelled"]);

/**
 * The email notices' outbox (PRODUCT.md §12): one row per notice and admin, written in the
 * transaction of the change that causes it, and sent by the worker (lib/notices/worker.ts).
 * `data` holds the facts the mail is written from at send time: never a secret, hash or prefix.
 */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    // The recipient; their address is read when the mail is sent (a removed user gets none).
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // The notice kind (lib/notices/kinds.ts), e.g. "token.exposed": what users.notice_opt_outs names.
    kind: text("kind").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    // A notice that must reach each admin once however many instances find it (the old token in use).
    dedupeKey: text("dedupe_key"),
    status: mailStatusEnum("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    // A worker's claim: nobody else sends this row before it passes (a crashed worker's lapses).
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastError: text("last_error"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    // Retries stop here: a notice a day late is no notice.
    giveUpAt: timestamp("give_up_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The worker's scan: due pending rows only.
    index("mail_outbox_due").on(t.nextAttemptAt, t.id).where(sql`status = 'pending'`),
    // "One expiry digest per admin per hour": the latest of a kind for a user.
    index("mail_outbox_user_kind").on(t.userId, t.kind, t.createdAt),
    // Whether a notice under a key was queued, and for whom.
    uniqueIndex("mail_outbox_dedupe").on(t.dedupeKey, t.userId),
  ],
);

/** Which expiring tokens each admin's digest already named, per expiry (a shortened expiry is told again). */
export const noticeExpiryTold = pgTable(
  "notice_expiry_told",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenId: uuid("token_id")
      .notNull()
      .references(() => apiTokens.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.tokenId, t.expiresAt] })],
);
