import type { Db, Tx } from "@/db";
import { auditEvents } from "@/db/tables";
import { AUDIT_EVENT_TYPE } from "@/lib/webhooks/events";
import { enqueueAuditEvent, enqueueOrLog, type AuditEventRow } from "@/lib/webhooks/outbox";
import type { ChangeActor } from "./record-change";

// The account-wide audit log's one writer (PRODUCT.md §10) for changes that are not a token's:
// the team, sign-ins, webhook endpoints, account settings, operator commands. Token changes reach
// the same table through recordChange. Called in the transaction of the change itself; every row
// is also queued as an `audit.event` webhook for the endpoints that subscribe (a customer's SIEM). The custom
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

/** How the row's `audit.event` webhook is queued: `mustCommit` for a change that never waits on it (a revocation). */
export interface AuditWebhookMode {
  mustCommit?: boolean;
}

/**
 * Writes the audit row and queues its `audit.event` for the account's endpoints that subscribe
 * to it, both in `tx`, the change's transaction. A fact with no transaction of its own (a
 * sign-in, a search) passes the database itself and gets one: row and webhook commit together.
 */
export async function recordAccountChange(tx: Tx | Db, change: AccountChange, mode: AuditWebhookMode = {}): Promise<void> {
  // Told apart by shape, not class: Next's bundle and the server process may hold two copies of drizzle.
  if (isTransaction(tx)) await writeRow(tx, change, mode);
  else await tx.transaction((own) => writeRow(own, change, mode));
}

const isTransaction = (handle: Tx | Db): handle is Tx => typeof (handle as Partial<Tx>).rollback === "function";

async function writeRow(tx: Tx, change: AccountChange, mode: AuditWebhookMode): Promise<void> {
  const { actor, target } = change;
  const row = {
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
  };
  const [written] = await tx.insert(auditEvents).values({ ...row, at: change.at }).returning({ id: auditEvents.id, at: auditEvents.at });
  const event: AuditEventRow = {
    accountId: row.accountId,
    id: written!.id,
    at: written!.at,
    action: row.action,
    actor: { kind: actor.kind, id: row.actorId, name: row.actorName },
    target: target ? { kind: target.kind, id: target.id, label: target.label } : null,
    ip: row.ip,
    detail: row.detail,
  };
  if (mode.mustCommit) await enqueueOrLog(tx, { event: AUDIT_EVENT_TYPE }, (savepoint) => enqueueAuditEvent(savepoint, event));
  else await enqueueAuditEvent(tx, event);
}
