import type { Db, Tx } from "@/db";
import { auditEvents } from "@/db/tables";
import type { ChangeActor } from "./record-change";

// The account-wide audit log's one writer (PRODUCT.md §10) for changes that are not a token's:
// the team, sign-ins, webhook endpoints, account settings, operator commands. Token changes reach
// the same table through recordChange. Called in the transaction of the change itself. The custom
// server process reaches this: no "server-only" here.

/** Who, as the audit log names them: ChangeActor, plus the operator's command line. */
export type AuditActor = ChangeActor | { kind: "operator"; name: string };

export interface AuditTarget {
  kind: "token" | "user" | "invite" | "webhook_endpoint" | "account";
  id: string;
  /** What the row shows, copied in so it still reads after the target is gone (never a secret). */
  label: string;
}

export interface AccountChange {
  accountId: string;
  actor: AuditActor;
  /** Dotted, e.g. `user.invited`, `sign_in.failed`, `webhook_endpoint.created`. */
  action: string;
  target?: AuditTarget;
  /** Non-personal facts only (a role, a field name, a count): never a secret, password or email. */
  detail?: Record<string, string | number | boolean | null | string[]>;
  at?: Date;
}

/**
 * `tx` is the change's transaction; a fact with no transaction of its own (a sign-in, a search)
 * passes the database itself: its row is then one small insert.
 */
export async function recordAccountChange(tx: Tx | Db, change: AccountChange): Promise<void> {
  const { actor, target } = change;
  await tx.insert(auditEvents).values({
    accountId: change.accountId,
    actorKind: actor.kind,
    actorId: actor.kind === "user" ? actor.id : null,
    actorName: actor.kind === "operator" ? `Operator (${actor.name})` : actor.name,
    action: change.action,
    targetKind: target?.kind ?? null,
    targetId: target?.id ?? null,
    targetLabel: target?.label ?? null,
    ip: "ip" in actor ? (actor.ip ?? null) : null,
    detail: change.detail ?? {},
    at: change.at,
  });
}
