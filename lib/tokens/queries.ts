import "server-only";
import { and, asc, desc, eq, gt, gte, inArray, isNull, or, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { accounts, apiTokens, attributes, tokenEvents, tokenUsageDaily, users } from "@/db/tables";
import { PAGE_SIZE } from "@/lib/pagination";
import { isUuid } from "@/lib/uuid";
import { stricterLifetime } from "./policy";

// What the console reads about tokens. Every write lives in ./write/ and is recorded through
// recordChange (lib/changes).

/** Tokens that hold a slot under the cap: active and not expired at `now`. */
export const holdsSlot = (accountId: string, now: Date) =>
  and(eq(apiTokens.accountId, accountId), eq(apiTokens.status, "active"), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)));

export async function getTokenAllowance(accountId: string, now = new Date()) {
  const db = getDb();
  const [[account], [count]] = await Promise.all([
    db
      .select({ max: accounts.maxActiveTokens, rateLimitCeiling: accounts.rateLimitCeiling, ceiling: accounts.maxTokenLifetimeDays, policy: accounts.policyMaxLifetimeDays })
      .from(accounts)
      .where(eq(accounts.id, accountId)),
    db.select({ active: sql<number>`count(*)::int` }).from(apiTokens).where(holdsSlot(accountId, now)),
  ]);
  return {
    max: account?.max ?? 0,
    rateLimitCeiling: account?.rateLimitCeiling ?? 0,
    // What new tokens and Shorten expiry obey: the stricter of the operator's ceiling and the account's policy.
    maxLifetimeDays: stricterLifetime(account?.ceiling ?? null, account?.policy ?? null),
    active: count?.active ?? 0,
  };
}

/** The token policy page: the operator's ceiling and the account's own choices. */
export async function getTokenPolicy(accountId: string) {
  const [row] = await getDb()
    .select({ ceilingDays: accounts.maxTokenLifetimeDays, maxLifetimeDays: accounts.policyMaxLifetimeDays, pauseUnusedAfterDays: accounts.pauseUnusedAfterDays })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  return row ?? { ceilingDays: null, maxLifetimeDays: null, pauseUnusedAfterDays: null };
}

/** Live tokens expiring between `now` and `now + days`: the banner's and the tile's count. */
export async function countTokensExpiringWithin(accountId: string, now: Date, days: number) {
  const until = new Date(now.getTime() + days * 86_400_000);
  const [row] = await getDb()
    .select({ n: sql<number>`count(*)::int` })
    .from(apiTokens)
    .where(and(holdsSlot(accountId, now), sql`${apiTokens.expiresAt} <= ${until.toISOString()}::timestamptz`));
  return row?.n ?? 0;
}

// Explicit columns: the secret hash never leaves the database through the console.
const summaryColumns = {
  id: apiTokens.id,
  type: apiTokens.type,
  description: apiTokens.description,
  displayPrefix: apiTokens.displayPrefix,
  status: apiTokens.status,
  // A removed user still created what they created (PRODUCT.md §9): "<name> (removed)".
  createdByName: sql<string | null>`case when ${users.removedAt} is null then ${users.name} else ${users.name} || ' (removed)' end`,
  createdAt: apiTokens.createdAt,
  lastUsedAt: apiTokens.lastUsedAt,
  expiresAt: apiTokens.expiresAt,
  // The enumeration alarm's mark (lib/governance): shown in the list and Details.
  suspiciousAt: apiTokens.suspiciousAt,
  suspiciousReason: apiTokens.suspiciousReason,
  // Set when a leak report revoked it: the list shows "Compromised", who reported it and when.
  exposedAt: apiTokens.exposedAt,
  exposedSource: apiTokens.exposedSource,
  // What an Activity token may call, a Profile Read token's purpose (PRODUCT.md §11): the list and Details show them.
  scopes: apiTokens.scopes,
  purpose: apiTokens.purpose,
  // Paused (PRODUCT.md §12): "Paused" in the list and Details, and why when the policy paused it.
  pausedAt: apiTokens.pausedAt,
  pausedReason: apiTokens.pausedReason,
  // "Needs attention": "Not reset in 180 days" counts from the last reset (History's row; the
  // history index serves it). The outer column is named in full: Drizzle leaves a one-table
  // select's columns unqualified, and a bare "id" here would be the event's.
  lastResetAt: sql<Date | null>`(select max(e.created_at) from ${tokenEvents} e where e.token_id = ${sql.raw('"api_tokens"."id"')} and e.action = 'reset')`.mapWith(apiTokens.createdAt),
};

/** What "Needs attention"'s summary judges, for every live token of the account (active or paused, unexpired). */
export async function listLiveTokenFacts(accountId: string, now: Date) {
  const { createdAt, lastUsedAt, expiresAt, lastResetAt } = summaryColumns;
  return getDb().select({ createdAt, lastUsedAt, expiresAt, lastResetAt }).from(apiTokens).where(holdsSlot(accountId, now)).limit(1_000);
}

/** The account's tokens, active first, newest first; revoked ones stay listed, a page at a time. */
export async function listTokens(accountId: string, page = 1) {
  const db = getDb();
  const [rows, [count]] = await Promise.all([
    db
      .select(summaryColumns)
      .from(apiTokens)
      .leftJoin(users, eq(users.id, apiTokens.createdById))
      .where(eq(apiTokens.accountId, accountId))
      .orderBy(asc(apiTokens.status), desc(apiTokens.createdAt), desc(apiTokens.id))
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE),
    db.select({ total: sql<number>`count(*)::int` }).from(apiTokens).where(eq(apiTokens.accountId, accountId)),
  ]);
  return { rows, total: count?.total ?? 0 };
}

export async function getToken(accountId: string, tokenId: string) {
  if (!isUuid(tokenId)) return null;
  const [row] = await getDb()
    .select({
      ...summaryColumns,
      rateLimit: apiTokens.rateLimit,
      exposedAttributes: apiTokens.exposedAttributes,
      linkingAttribute: apiTokens.linkingAttribute,
      dailyProfileLimit: apiTokens.dailyProfileLimit,
      ipAllowList: apiTokens.ipAllowList,
      updatedAt: apiTokens.updatedAt,
      revokedAt: apiTokens.revokedAt,
      lastUsedIp: apiTokens.lastUsedIp,
      // The overlap after a reset: the old secret's prefix, end and last use, never its hash.
      oldDisplayPrefix: apiTokens.oldDisplayPrefix,
      oldSecretEndsAt: apiTokens.oldSecretEndsAt,
      oldLastUsedAt: apiTokens.oldLastUsedAt,
      oldLastUsedIp: apiTokens.oldLastUsedIp,
      // Where a leaked token was found (never the secret).
      exposedUrl: apiTokens.exposedUrl,
    })
    .from(apiTokens)
    .leftJoin(users, eq(users.id, apiTokens.createdById))
    .where(and(eq(apiTokens.accountId, accountId), eq(apiTokens.id, tokenId)));
  return row ?? null;
}

export async function listAttributes(accountId: string) {
  return getDb()
    .select({ key: attributes.key, displayName: attributes.displayName, identifiesProfile: attributes.identifiesProfile })
    .from(attributes)
    .where(eq(attributes.accountId, accountId))
    .orderBy(asc(attributes.displayName));
}

/** Keys that are not in the account's catalogue. */
export async function unknownAttributeKeys(accountId: string, keys: string[]): Promise<string[]> {
  const wanted = [...new Set(keys.filter(Boolean))];
  if (wanted.length === 0) return [];
  const found = await getDb()
    .select({ key: attributes.key })
    .from(attributes)
    .where(and(eq(attributes.accountId, accountId), inArray(attributes.key, wanted)));
  const known = new Set(found.map((r) => r.key));
  return wanted.filter((k) => !known.has(k));
}

/** Whether `key` is in the account's catalogue and names at most one profile. */
export async function identifiesProfile(accountId: string, key: string): Promise<boolean> {
  const [row] = await getDb()
    .select({ identifies: attributes.identifiesProfile })
    .from(attributes)
    .where(and(eq(attributes.accountId, accountId), eq(attributes.key, key)));
  return row?.identifies ?? false;
}

export async function listTokenEvents(accountId: string, tokenId: string, page = 1) {
  if (!isUuid(tokenId)) return { rows: [], total: 0 };
  const db = getDb();
  const scope = and(eq(tokenEvents.accountId, accountId), eq(tokenEvents.tokenId, tokenId));
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: tokenEvents.id,
        action: tokenEvents.action,
        actorName: tokenEvents.actorName,
        changes: tokenEvents.changes,
        ip: tokenEvents.ip,
        createdAt: tokenEvents.createdAt,
      })
      .from(tokenEvents)
      .where(scope)
      .orderBy(desc(tokenEvents.createdAt), desc(tokenEvents.id))
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE),
    db.select({ total: sql<number>`count(*)::int` }).from(tokenEvents).where(scope),
  ]);
  return { rows, total: count?.total ?? 0 };
}

/** Requests per day and outcome since `since` (a YYYY-MM-DD UTC day). */
export async function getTokenUsage(accountId: string, tokenId: string, since: string) {
  if (!isUuid(tokenId)) return [];
  return getDb()
    .select({ day: tokenUsageDaily.day, outcome: tokenUsageDaily.outcome, count: tokenUsageDaily.count })
    .from(tokenUsageDaily)
    .where(and(eq(tokenUsageDaily.accountId, accountId), eq(tokenUsageDaily.tokenId, tokenId), gte(tokenUsageDaily.day, since)));
}
