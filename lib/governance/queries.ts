import { and, desc, eq, gt, gte, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { getBatchDb, getDb } from "@/db";
import { insertRows, writeInSlices, type ColumnOf } from "@/db/insert-rows";
import { accounts, apiTokens, profileAccessLog, tokenRefusedIps } from "@/db/tables";
import type { TimeCursor } from "@/lib/keyset";

// Every statement of Profile Read governance: the access log, the enumeration alarm's state,
// refused client IPs. Tenant data is always filtered by the account id. The alarm's mark on a
// token and its review are token writes: lib/tokens/write/suspicious.ts.

export type AccessRow = typeof profileAccessLog.$inferInsert;
export type AccessOutcome = AccessRow["outcome"];

/** A parameter per column (db/insert-rows.ts), in slices that keep the event loop free. */
export async function insertAccessRows(rows: AccessRow[]): Promise<void> {
  await writeInSlices(getBatchDb(), rows, (slice) => insertRows(profileAccessLog, slice, accessLogColumns));
}

const accessLogColumns: ColumnOf<AccessRow>[] = [
  [profileAccessLog.tokenId, (r) => r.tokenId],
  [profileAccessLog.accountId, (r) => r.accountId],
  [profileAccessLog.at, (r) => r.at],
  [profileAccessLog.ip, (r) => r.ip ?? null],
  [profileAccessLog.linkingAttribute, (r) => r.linkingAttribute],
  [profileAccessLog.valueHash, (r) => r.valueHash],
  [profileAccessLog.outcome, (r) => r.outcome],
  [profileAccessLog.attributes, (r) => r.attributes],
  [profileAccessLog.reads, (r) => r.reads ?? 1],
];

export interface AccessFilter {
  from?: Date;
  to?: Date;
  outcome?: AccessOutcome;
  valueHash?: string;
}

/** Keyset position: the last row of the previous page (newest first). */
export type AccessCursor = TimeCursor;

const accessColumns = {
  id: profileAccessLog.id,
  at: profileAccessLog.at,
  ip: profileAccessLog.ip,
  linkingAttribute: profileAccessLog.linkingAttribute,
  valueHash: profileAccessLog.valueHash,
  outcome: profileAccessLog.outcome,
  attributes: profileAccessLog.attributes,
  reads: profileAccessLog.reads,
};
export type AccessLogRow = { id: number; at: Date; ip: string | null; linkingAttribute: string; valueHash: string; outcome: AccessOutcome; attributes: string[]; reads: number };

/** A page of a token's access log, newest first, read off (token_id, at desc, id desc). */
export async function listAccessLog(accountId: string, tokenId: string, filter: AccessFilter, after: AccessCursor | null, limit: number): Promise<AccessLogRow[]> {
  const where: (SQL | undefined)[] = [eq(profileAccessLog.accountId, accountId), eq(profileAccessLog.tokenId, tokenId)];
  if (filter.from) where.push(gte(profileAccessLog.at, filter.from));
  if (filter.to) where.push(lt(profileAccessLog.at, filter.to));
  if (filter.outcome) where.push(eq(profileAccessLog.outcome, filter.outcome));
  if (filter.valueHash) where.push(eq(profileAccessLog.valueHash, filter.valueHash));
  if (after) where.push(or(lt(profileAccessLog.at, after.at), and(eq(profileAccessLog.at, after.at), lt(profileAccessLog.id, after.id))));
  return getDb()
    .select(accessColumns)
    .from(profileAccessLog)
    .where(and(...where))
    .orderBy(desc(profileAccessLog.at), desc(profileAccessLog.id))
    .limit(limit);
}

export interface LookupStats {
  total: number;
  notFound: number;
  distinctValues: number;
}

/** The alarm's window: the token's newest rows since `since` (at most `cap`), counting each row's reads. */
export async function lookupStats(tokenId: string, since: Date, cap: number): Promise<LookupStats> {
  const db = getBatchDb();
  const w = db
    .select({ outcome: profileAccessLog.outcome, valueHash: profileAccessLog.valueHash, reads: profileAccessLog.reads })
    .from(profileAccessLog)
    .where(and(eq(profileAccessLog.tokenId, tokenId), gt(profileAccessLog.at, since)))
    .orderBy(desc(profileAccessLog.at), desc(profileAccessLog.id))
    .limit(cap)
    .as("w");
  const [row] = await db
    .select({
      total: sql<number>`coalesce(sum(${w.reads}), 0)::int`,
      notFound: sql<number>`coalesce(sum(${w.reads}) filter (where ${w.outcome} = 'not_found'), 0)::int`,
      distinctValues: sql<number>`count(distinct ${w.valueHash})::int`,
    })
    .from(w);
  return row ?? { total: 0, notFound: 0, distinctValues: 0 };
}

/** Whether the alarm should look at the token at all, and from when (its last review). */
export async function alarmState(tokenId: string) {
  const [row] = await getBatchDb()
    .select({ suspiciousAt: apiTokens.suspiciousAt, reviewedAt: apiTokens.reviewedAt, status: apiTokens.status })
    .from(apiTokens)
    .where(eq(apiTokens.id, tokenId));
  return row ?? null;
}

/**
 * Retention: deletes up to `batch` rows older than their account's setting. Rows locked by a
 * concurrent run on another instance are skipped, so instances never wait on each other.
 */
export async function deleteExpiredAccessRows(batch: number, now: Date): Promise<number> {
  const db = getDb();
  const expired = db
    .select({ id: profileAccessLog.id })
    .from(profileAccessLog)
    .innerJoin(accounts, eq(accounts.id, profileAccessLog.accountId))
    .where(lt(profileAccessLog.at, sql`${now.toISOString()}::timestamptz - make_interval(days => ${accounts.accessLogRetentionDays})`))
    .limit(batch)
    .for("update", { of: profileAccessLog, skipLocked: true });
  const deleted = await db.delete(profileAccessLog).where(inArray(profileAccessLog.id, expired)).returning({ id: profileAccessLog.id });
  return deleted.length;
}

export type RefusedIpCount = typeof tokenRefusedIps.$inferInsert & { count: number; lastSeenAt: Date };

/** Adds refusal counts per token, day and IP in one statement. */
export async function addRefusedIps(rows: RefusedIpCount[]): Promise<void> {
  const columns: ColumnOf<RefusedIpCount>[] = [
    [tokenRefusedIps.tokenId, (r) => r.tokenId],
    [tokenRefusedIps.accountId, (r) => r.accountId],
    [tokenRefusedIps.day, (r) => r.day],
    [tokenRefusedIps.ip, (r) => r.ip],
    [tokenRefusedIps.count, (r) => r.count],
    [tokenRefusedIps.lastSeenAt, (r) => r.lastSeenAt],
  ];
  const addUp = sql`on conflict (token_id, day, ip) do update set
    count = ${tokenRefusedIps}.count + excluded.count,
    last_seen_at = greatest(${tokenRefusedIps}.last_seen_at, excluded.last_seen_at)`;
  await writeInSlices(getBatchDb(), rows, (slice) => insertRows(tokenRefusedIps, slice, columns, addUp));
}

/** Usage's list: the client IPs refused most since `since` (a YYYY-MM-DD UTC day). */
export async function topRefusedIps(accountId: string, tokenId: string, since: string, limit = 10) {
  const requests = sql<number>`sum(${tokenRefusedIps.count})::int`;
  return getDb()
    .select({ ip: tokenRefusedIps.ip, requests, lastSeenAt: sql<Date>`max(${tokenRefusedIps.lastSeenAt})`.mapWith(tokenRefusedIps.lastSeenAt) })
    .from(tokenRefusedIps)
    .where(and(eq(tokenRefusedIps.accountId, accountId), eq(tokenRefusedIps.tokenId, tokenId), gte(tokenRefusedIps.day, since)))
    .groupBy(tokenRefusedIps.ip)
    .orderBy(desc(requests), desc(sql`max(${tokenRefusedIps.lastSeenAt})`))
    .limit(limit);
}

