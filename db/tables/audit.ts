import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";

/**
 * The account-wide audit log (PRODUCT.md §10): every change and sign-in, append-only. Written
 * only through lib/changes (in the transaction of the change itself). Labels are copied in, so a
 * row still reads right after its actor or target is gone. Never a secret, password or personal
 * value: an email tried at sign-in for no known user is kept only as a keyed hash.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    // "user", "operator", "reporter" or "system".
    actorKind: text("actor_kind").notNull(),
    actorId: uuid("actor_id"),
    actorName: text("actor_name").notNull(),
    // Dotted, as the webhooks name changes: token.created, user.invited, sign_in.failed, …
    action: text("action").notNull(),
    // "token", "user", "invite", "webhook_endpoint", "account"; null when there is none.
    targetKind: text("target_kind"),
    targetId: text("target_id"),
    targetLabel: text("target_label"),
    ip: text("ip"),
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    // The page: newest first, keyset-paged, optionally by action.
    index("audit_events_account_at").on(t.accountId, t.at.desc(), t.id.desc()),
    index("audit_events_account_action_at").on(t.accountId, t.action, t.at.desc()),
    // The "Actor" filter: one user's rows (kind "user" and their id), or everyone of a kind
    // (operator, system, reporter), without reading the whole log for a rare actor.
    index("audit_events_account_actor_at").on(t.accountId, t.actorKind, t.actorId, t.at.desc()),
    // Retention deletes the oldest rows first.
    index("audit_events_at").on(t.at),
  ],
);
