import { sql } from "drizzle-orm";
import { bigserial, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { accounts, users } from "./accounts";

export const webhookEndpointStatusEnum = pgEnum("webhook_endpoint_status", ["enabled", "disabled"]);
export const webhookDeliveryStatusEnum = pgEnum("webhook_delivery_status", ["pending", "delivered", "failed"]);

/** An account's receiver of token events. */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    description: text("description").notNull().default(""),
    events: text("events").array().notNull(),
    // AES-256-GCM ciphertext of the `whsec_…` signing secret (lib/webhooks/secret.ts): the
    // worker must sign with it later, so it is recoverable, but never readable from the table alone.
    secretCiphertext: text("secret_ciphertext").notNull(),
    status: webhookEndpointStatusEnum("status").notNull().default("enabled"),
    // Why it is disabled: by an admin, or automatically after 24 hours of failures.
    disabledReason: text("disabled_reason"),
    // The first failure since the last success; null while deliveries succeed.
    failingSince: timestamp("failing_since", { withTimezone: true }),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("webhook_endpoints_account").on(t.accountId, t.createdAt)],
);

/**
 * The outbox: one row per event and endpoint, written in the transaction of the change that
 * causes it, and sent by the worker. `message_id` is the `webhook-id`: the same on every retry
 * and resend, so receivers can drop duplicates.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    messageId: text("message_id").notNull(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    eventType: text("event_type").notNull(),
    // The Standard Webhooks body `{ type, timestamp, data }`, exactly as signed; never a secret.
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    status: webhookDeliveryStatusEnum("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    // A worker's claim: nobody else sends this row before it passes (a crashed worker's lapses).
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastStatus: integer("last_status"),
    lastLatencyMs: integer("last_latency_ms"),
    lastError: text("last_error"),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    // Retries stop here: 24 hours after the event (or after a "Resend").
    giveUpAt: timestamp("give_up_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("webhook_deliveries_message_endpoint").on(t.messageId, t.endpointId),
    // The worker's scan: due pending rows only.
    index("webhook_deliveries_due").on(t.nextAttemptAt).where(sql`status = 'pending'`),
    // The fair claim: the endpoints that have pending rows, and each one's oldest due row.
    index("webhook_deliveries_endpoint_due").on(t.endpointId, t.nextAttemptAt, t.id).where(sql`status = 'pending'`),
    // The endpoint page's log, newest first.
    index("webhook_deliveries_endpoint_log").on(t.endpointId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
  ],
);

/**
 * Events that must fire once however many instances run the sweep or see the 429: the first
 * insert of a key wins (`expiring_7d:<token>:<expiry>`, `rate_limited:<token>:<hour>`).
 */
export const webhookEventMarks = pgTable("webhook_event_marks", {
  key: text("key").primaryKey(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
