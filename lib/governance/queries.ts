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
  /** Any of these hashes: a searched value under the account's key and the old shared one (lib/governance/value-hash.ts). */
  valueHashes?: string[];
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
  if (filter.valueHashes) where.push(inArray(profileAccessLog.valueHash, filter.valueHashes));
  if (after) where.push(or(lt(profileAccessLog.at, after.at), and(eq(profileAccessLog.at, after.at), lt(profileAccessLog.id, after.id))));
  return getDb()
    .select(accessColumns)
    .from(profileAccessLog)
    .where(and(...where))
    .orderBy(desc(profileAccessLog.at), desc(profileAccessLog.id))
    .limit(limit);
}

/** "Was this customer read?" in numbers: what the matching rows add up to, by outcome. */
export interface AccessSearchSummary {
  /** Rows that match (any outcome). */
  rows: number;
  /** Reads that returned the customer's data (outcome found), and the first and last of them. */
  reads: number;
  firstRead: Date | null;
  lastRead: Date | null;
  /** Lookups answered as missing because the customer withheld consent for the token's purpose. */
  withheld: number;
}

/** The token's rows of any of `valueHashes` since `since`, summed (through profile_access_log_token_value). */
export async function accessSearchSummary(accountId: string, tokenId: string, valueHashes: string[], since: Date): Promise<AccessSearchSummary> {
  const found = sql`${profileAccessLog.outcome} = 'found'`;
  const [row] = await getDb()
    .select({
      rows: sql<number>`count(*)::int`,
      reads: sql<number>`coalesce(sum(${profileAccessLog.reads}) filter (where ${found}), 0)::int`,
      firstRead: sql<Date | null>`min(${profileAccessLog.at}) filter (where ${found})`.mapWith(profileAccessLog.at),
      lastRead: sql<Date | null>`max(${profileAccessLog.at}) filter (where ${found})`.mapWith(profileAccessLog.at),
      withheld: sql<number>`coalesce(sum(${profileAccessLog.reads}) filter (where ${profileAccessLog.outcome} = 'withheld'), 0)::int`,
    })
    .from(profileAccessLog)
    .where(and(eq(profileAccessLog.accountId, accountId), eq(profileAccessLog.tokenId, tokenId), inArray(profileAccessLog.valueHash, valueHashes), gte(profileAccessLog.at, since)));
  return row ?? { rows: 0, reads: 0, firstRead: null, lastRead: null, withheld: 0 };
}

/** How many days the account keeps its access log (the operator's setting, 90 by default). */
export async function accessLogRetentionDays(accountId: string): Promise<number> {
  const [row] = await getDb().select({ days: accounts.accessLogRetentionDays }).from(accounts).where(eq(accounts.id, accountId));
  return row?.days ?? 90;
}

export interface LookupStats {
  distinctValues: number;
  distinctNotFound: number;
}

/** The alarm's window: the token's newest rows since `since` (at most `cap`), by different value. */
export async function lookupStats(tokenId: string, since: Date, cap: number): Promise<LookupStats> {
  const db = getBatchDb();
  const w = db
    .select({ outcome: profileAccessLog.outcome, valueHash: profileAccessLog.valueHash })
    .from(profileAccessLog)
    .where(and(eq(profileAccessLog.tokenId, tokenId), gt(profileAccessLog.at, since)))
    .orderBy(desc(profileAccessLog.at), desc(profileAccessLog.id))
    .limit(cap)
    .as("w");
  const [row] = await db
    .select({
      distinctValues: sql<number>`count(distinct ${w.valueHash})::int`,
      distinctNotFound: sql<number>`count(distinct ${w.valueHash}) filter (where ${w.outcome} = 'not_found')::int`,
    })
    .from(w);
  return row ?? { distinctValues: 0, distinctNotFound: 0 };
}

/**
 * Different values that found nobody since `hourSince` and since `daySince`, read from the
 * token's newest not-found rows since `daySince` (at most `cap`, through
 * `profile_access_log_token_not_found`, so a token's found reads are never scanned).
 */
export async function notFoundValueCounts(tokenId: string, hourSince: Date, daySince: Date, cap: number) {
  const db = getBatchDb();
  const w = db
    .select({ valueHash: profileAccessLog.valueHash, at: profileAccessLog.at })
    .from(profileAccessLog)
    .where(and(eq(profileAccessLog.tokenId, tokenId), eq(profileAccessLog.outcome, "not_found"), gt(profileAccessLog.at, daySince)))
    .orderBy(desc(profileAccessLog.at))
    .limit(cap)
    .as("w");
  const [row] = await db
    .select({
      notFoundValuesHour: sql<number>`count(distinct ${w.valueHash}) filter (where ${w.at} > ${hourSince.toISOString()}::timestamptz)::int`,
      notFoundValuesDay: sql<number>`count(distinct ${w.valueHash})::int`,
    })
    .from(w);
  return row ?? { notFoundValuesHour: 0, notFoundValuesDay: 0 };
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

/**
 * Retention: deletes up to `batch` refused-IP counts of days before `beforeDay` (YYYY-MM-DD,
 * UTC). Rows a concurrent run on another instance holds are skipped.
 */
export async function deleteOldRefusedIps(batch: number, beforeDay: string): Promise<number> {
  const db = getDb();
  const old = db
    .select({ tokenId: tokenRefusedIps.tokenId, day: tokenRefusedIps.day, ip: tokenRefusedIps.ip })
    .from(tokenRefusedIps)
    .where(lt(tokenRefusedIps.day, beforeDay))
    .limit(batch)
    .for("update", { skipLocked: true });
  const deleted = await db
    .delete(tokenRefusedIps)
    .where(sql`(${tokenRefusedIps.tokenId}, ${tokenRefusedIps.day}, ${tokenRefusedIps.ip}) in ${old}`)
    .returning({ day: tokenRefusedIps.day });
  return deleted.length;
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

