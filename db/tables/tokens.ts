import { sql } from "drizzle-orm";
import { bigserial, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { accounts, users } from "./accounts";

export const tokenTypeEnum = pgEnum("token_type", ["activity", "profile_read"]);
export const tokenStatusEnum = pgEnum("token_status", ["active", "revoked"]);

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    type: tokenTypeEnum("type").notNull(),
    description: text("description").notNull(),
    // SHA-256 (hex) of the whole token: the secret itself is never stored.
    secretHash: text("secret_hash").notNull(),
    // What the console may show: the type prefix and the first three random characters.
    displayPrefix: text("display_prefix").notNull(),
    status: tokenStatusEnum("status").notNull().default("active"),
    rateLimit: integer("rate_limit").notNull(),
    exposedAttributes: text("exposed_attributes").array().notNull().default(sql`'{}'::text[]`),
    linkingAttribute: text("linking_attribute"),
    ipAllowList: text("ip_allow_list").array().notNull().default(sql`'{}'::text[]`),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    // Null: never expires. Enforced by time at authentication, no job needed.
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    lastUsedIp: text("last_used_ip"),
    // Reset with an overlap: the previous secret keeps working until
    // old_secret_ends_at. At most one old secret: a second reset replaces it, so never three live.
    oldSecretHash: text("old_secret_hash"),
    oldDisplayPrefix: text("old_display_prefix"),
    // When the reset happened: the old secret's `Deprecation` date.
    oldSecretDeprecatedAt: timestamp("old_secret_deprecated_at", { withTimezone: true }),
    oldSecretEndsAt: timestamp("old_secret_ends_at", { withTimezone: true }),
    oldLastUsedAt: timestamp("old_last_used_at", { withTimezone: true }),
    oldLastUsedIp: text("old_last_used_ip"),
    // The enumeration alarm (lib/governance): set when the token's lookups looked like
    // enumeration; while set, the API throttles the token. Cleared by "Mark as reviewed".
    suspiciousAt: timestamp("suspicious_at", { withTimezone: true }),
    suspiciousReason: text("suspicious_reason"),
    // The alarm looks only at lookups after the last review, so a cleared alarm does not re-trip on old rows.
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    // Why a revoked token was revoked when it was not a person's choice: "reported as leaked".
    revokedReason: text("revoked_reason"),
    // A leak report that revoked the token: when, where it was found (a URL, when the reporter
    // gave one) and who reported it (e.g. "GitHub secret scanning"). The console shows
    // "Compromised" for these. Never the secret itself.
    exposedAt: timestamp("exposed_at", { withTimezone: true }),
    exposedUrl: text("exposed_url"),
    exposedSource: text("exposed_source"),
    // Paused (PRODUCT.md §12): refused like a revoked token until resumed, but keeps its settings,
    // secret and slot under the cap (status stays active). The reason when the policy paused it.
    pausedAt: timestamp("paused_at", { withTimezone: true }),
    pausedReason: text("paused_reason"),
    // The last resume: the policy's "not used for N days" counts from here too, so a resumed token is not paused again at once.
    resumedAt: timestamp("resumed_at", { withTimezone: true }),
    // Activity tokens (PRODUCT.md §11): what the token may call ("users:read", "groups:read",
    // "forms:read", "activity:read"); at least one. Profile Read tokens: empty.
    scopes: text("scopes").array().notNull().default(sql`'{}'::text[]`),
    // Profile Read tokens (§11): the purpose a profile must consent to ("personalisation",
    // "service", "analytics") and how many distinct customers a UTC day may return. Null for Activity.
    purpose: text("purpose"),
    dailyProfileLimit: integer("daily_profile_limit"),
  },
  (t) => [
    uniqueIndex("api_tokens_secret_hash_key").on(t.secretHash),
    // The API looks a presented hash up in either column: both are indexed.
    uniqueIndex("api_tokens_old_secret_hash_key").on(t.oldSecretHash),
    // The console's list order exactly (active first, newest first; DESC sorts nulls first),
    // so a page of 50 is read straight off the index; its prefix serves the cap's count.
    index("api_tokens_account_list").on(t.accountId, t.status, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
  ],
);

export const tokenEventActionEnum = pgEnum("token_event_action", ["created", "edited", "reset", "revoked", "old_token_stopped", "old_token_ended", "marked_suspicious", "reviewed", "exposed", "paused", "resumed", "expired"]);

export interface TokenFieldChange {
  field: string;
  from: string;
  to: string;
}

/** The token's history: who did what, when, from where. Never holds a secret. */
export const tokenEvents = pgTable(
  "token_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    tokenId: uuid("token_id")
      .notNull()
      .references(() => apiTokens.id, { onDelete: "cascade" }),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    // Kept as written so the history still names people who have since left.
    actorName: text("actor_name").notNull(),
    action: tokenEventActionEnum("action").notNull(),
    changes: jsonb("changes").$type<TokenFieldChange[]>().notNull().default(sql`'[]'::jsonb`),
    ip: text("ip").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // History's order, newest first, read straight off the index a page at a time.
  (t) => [
    index("token_events_token_history").on(t.tokenId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    // "Not reset in 180 days" on the list reads each token's last reset: one probe, not a walk
    // through a long History (a token with 100,000 rows made the list page wait ~50 ms).
    index("token_events_token_resets").on(t.tokenId, t.createdAt.desc()).where(sql`action = 'reset'`),
  ],
);
