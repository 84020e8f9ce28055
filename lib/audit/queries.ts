import { and, asc, desc, eq, gte, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db";
import { accounts, apiTokens, auditEvents, users, webhookEndpoints } from "@/db/tables";
import type { TimeCursor } from "@/lib/keyset";

// Every statement of the audit log's page, export and retention. Always by the account id.
// Rows are written only through lib/changes (recordChange, recordAccountChange).

export interface AuditFilter {
  action?: string;
  /** `user:<id>`, or a kind: `operator`, `system`, `reporter`. */
  actor?: string;
  from?: Date;
  /** Exclusive. */
  to?: Date;
}

const auditColumns = {
  id: auditEvents.id,
  at: auditEvents.at,
  actorKind: auditEvents.actorKind,
  actorId: auditEvents.actorId,
  actorName: auditEvents.actorName,
  action: auditEvents.action,
  targetKind: auditEvents.targetKind,
  targetId: auditEvents.targetId,
  targetLabel: auditEvents.targetLabel,
  ip: auditEvents.ip,
  detail: auditEvents.detail,
};

export type AuditRow = { id: number; at: Date; actorKind: string; actorId: string | null; actorName: string; action: string; targetKind: string | null; targetId: string | null; targetLabel: string | null; ip: string | null; detail: Record<string, unknown> };

function actorCondition(actor: string): SQL | undefined {
  // Both columns, so the (account_id, actor_kind, actor_id, at) index serves it.
  if (actor.startsWith("user:")) return and(eq(auditEvents.actorKind, "user"), eq(auditEvents.actorId, actor.slice("user:".length)));
  return eq(auditEvents.actorKind, actor);
}

/** A page of the account's log, newest first, read off (account_id, at desc, id desc). */
export async function listAuditEvents(accountId: string, filter: AuditFilter, after: TimeCursor | null, limit: number): Promise<AuditRow[]> {
  const where: (SQL | undefined)[] = [eq(auditEvents.accountId, accountId)];
  if (filter.action) where.push(eq(auditEvents.action, filter.action));
  if (filter.actor) where.push(actorCondition(filter.actor));
  if (filter.from) where.push(gte(auditEvents.at, filter.from));
  if (filter.to) where.push(lt(auditEvents.at, filter.to));
  if (after) where.push(or(lt(auditEvents.at, after.at), and(eq(auditEvents.at, after.at), lt(auditEvents.id, after.id))));
  return getDb()
    .select(auditColumns)
    .from(auditEvents)
    .where(and(...where))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(limit);
}

/** The "Actor" filter's people: the account's users, removed ones too (their rows stay). */
export async function listAccountUsers(accountId: string) {
  return getDb().select({ id: users.id, name: users.name }).from(users).where(eq(users.accountId, accountId)).orderBy(asc(users.name));
}

/** Which of `ids` still exist in the account, per kind: the page links only to those. */
export async function existingTargets(accountId: string, tokenIds: string[], endpointIds: string[]) {
  const db = getDb();
  const [tokens, endpoints] = await Promise.all([
    tokenIds.length ? db.select({ id: apiTokens.id }).from(apiTokens).where(and(eq(apiTokens.accountId, accountId), inArray(apiTokens.id, tokenIds))) : [],
    endpointIds.length
      ? db.select({ id: webhookEndpoints.id }).from(webhookEndpoints).where(and(eq(webhookEndpoints.accountId, accountId), inArray(webhookEndpoints.id, endpointIds)))
      : [],
  ]);
  return { tokens: new Set(tokens.map((t) => t.id)), endpoints: new Set(endpoints.map((e) => e.id)) };
}

/** The account's token whose current or old (overlap) secret hashes to `hash`, if any. */
export async function findTokenBySecretHash(accountId: string, hash: string) {
  const [row] = await getDb()
    .select({ id: apiTokens.id, description: apiTokens.description, status: apiTokens.status, expiresAt: apiTokens.expiresAt, exposedAt: apiTokens.exposedAt, pausedAt: apiTokens.pausedAt, oldSecretHash: apiTokens.oldSecretHash })
    .from(apiTokens)
    .where(and(eq(apiTokens.accountId, accountId), or(eq(apiTokens.secretHash, hash), eq(apiTokens.oldSecretHash, hash))))
    .limit(1);
  return row ? { ...row, oldSecret: row.oldSecretHash === hash, oldSecretHash: undefined } : null;
}

/** How long the account's rows are kept (the operator's `set-limits --audit-log-retention-days`, 365 unless set). */
export async function auditRetentionDays(accountId: string): Promise<number> {
  const [row] = await getDb().select({ days: accounts.auditLogRetentionDays }).from(accounts).where(eq(accounts.id, accountId));
  return row?.days ?? 365;
}

/**
 * Retention: deletes up to `batch` rows older than their account's own retention, by the
 * database's clock, in a transaction that tells the append-only trigger it is the retention job
 * (the trigger judges each row by the same setting and clock, and refuses anything younger).
 * Rows locked by a concurrent run on another instance are skipped, so instances never wait on
 * each other.
 */
export async function deleteExpiredAuditRows(batch: number): Promise<number> {
  return getDb().transaction(async (tx) => {
    await tx.execute(sql`set local hub.audit_retention = 'on'`);
    const expired = tx
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .innerJoin(accounts, eq(accounts.id, auditEvents.accountId))
      .where(
        and(
          lt(auditEvents.at, sql`now() - make_interval(days => ${accounts.auditLogRetentionDays})`),
          // No row younger than the shortest retention of any account can go: a bound that the
          // index on `at` serves, so a run that finds nothing to delete reads nothing.
          lt(auditEvents.at, sql`now() - make_interval(days => (select min(${accounts.auditLogRetentionDays}) from ${accounts}))`),
        ),
      )
      .limit(batch)
      .for("update", { of: auditEvents, skipLocked: true });
    const deleted = await tx.delete(auditEvents).where(inArray(auditEvents.id, expired)).returning({ id: auditEvents.id });
    return deleted.length;
  });
}
