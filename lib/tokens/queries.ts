import "server-only";
import { and, asc, desc, eq, gt, gte, inArray, isNull, or, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { SelectResultFields } from "drizzle-orm/query-builders/select.types";
import { getDb, type Tx } from "@/db";
import { notifyTokenChanged } from "@/db/notify";
import { accounts, apiTokens, attributes, tokenEvents, tokenUsageDaily, users, type TokenFieldChange } from "@/db/schema";
import type { EditableTokenSettings, TokenSettings } from "./schema";
import type { IssuedSecret } from "./secret";
import { enqueueTokenEvent } from "@/lib/webhooks/outbox";
import type { TokenEventAction } from "./types";
import { PAGE_SIZE } from "@/lib/pagination";
import { isUuid } from "@/lib/uuid";

export interface Actor {
  id: string;
  name: string;
  accountId: string;
  ip: string | null;
}

/** Tokens that hold a slot under the cap: active and not expired at `now`. */
const holdsSlot = (accountId: string, now: Date) =>
  and(eq(apiTokens.accountId, accountId), eq(apiTokens.status, "active"), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)));

export async function getTokenAllowance(accountId: string, now = new Date()) {
  const db = getDb();
  const [[account], [count]] = await Promise.all([
    db
      .select({ max: accounts.maxActiveTokens, rateLimitCeiling: accounts.rateLimitCeiling, maxLifetimeDays: accounts.maxTokenLifetimeDays })
      .from(accounts)
      .where(eq(accounts.id, accountId)),
    db.select({ active: sql<number>`count(*)::int` }).from(apiTokens).where(holdsSlot(accountId, now)),
  ]);
  return {
    max: account?.max ?? 0,
    rateLimitCeiling: account?.rateLimitCeiling ?? 0,
    maxLifetimeDays: account?.maxLifetimeDays ?? null,
    active: count?.active ?? 0,
  };
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
  createdByName: users.name,
  createdAt: apiTokens.createdAt,
  lastUsedAt: apiTokens.lastUsedAt,
  expiresAt: apiTokens.expiresAt,
  // The enumeration alarm's mark (lib/governance): shown in the list and Details.
  suspiciousAt: apiTokens.suspiciousAt,
  suspiciousReason: apiTokens.suspiciousReason,
  // Set when a leak report revoked it: the list shows "Compromised", who reported it and when.
  exposedAt: apiTokens.exposedAt,
  exposedSource: apiTokens.exposedSource,
};

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

export type CreateOutcome =
  | { ok: true; tokenId: string }
  | { ok: false; max: number; fieldErrors?: undefined }
  | { ok: false; fieldErrors: Record<string, string> };

/** When the token expires under the account's policy (read from the locked row), or why not. */
export type ExpiryRule = (maxLifetimeDays: number | null) => { ok: true; expiresAt: Date | null } | { ok: false; fieldErrors: Record<string, string> };

/** Inserts a token unless the account is at its cap; the new token starts at the account's rate ceiling. */
export async function insertTokenWithinCap(
  actor: Actor,
  settings: TokenSettings,
  secret: IssuedSecret,
  expiry: ExpiryRule = () => ({ ok: true, expiresAt: null }),
  now = new Date(),
): Promise<CreateOutcome> {
  return getDb().transaction(async (tx) => {
    // Invariant: never more than maxActiveTokens live (active, unexpired) tokens. Locking the
    // account row makes concurrent creates for one account wait for each other's count.
    const [account] = await tx
      .select({ max: accounts.maxActiveTokens, ceiling: accounts.rateLimitCeiling, maxLifetimeDays: accounts.maxTokenLifetimeDays })
      .from(accounts)
      .where(eq(accounts.id, actor.accountId))
      .for("update");
    if (!account) return { ok: false, max: 0 };
    const expires = expiry(account.maxLifetimeDays);
    if (!expires.ok) return expires;
    const [{ active }] = (await tx
      .select({ active: sql<number>`count(*)::int` })
      .from(apiTokens)
      .where(holdsSlot(actor.accountId, now))) as [{ active: number }];
    if (active >= account.max) return { ok: false, max: account.max };

    const [token] = await tx
      .insert(apiTokens)
      .values({
        accountId: actor.accountId,
        type: settings.type,
        description: settings.description,
        secretHash: secret.hash,
        displayPrefix: secret.displayPrefix,
        rateLimit: account.ceiling,
        exposedAttributes: settings.exposedAttributes,
        linkingAttribute: settings.linkingAttribute,
        ipAllowList: settings.ipAllowList,
        expiresAt: expires.expiresAt,
        createdById: actor.id,
      })
      .returning({ id: apiTokens.id });
    await tx.insert(tokenEvents).values(event(actor, token!.id, "created"));
    // The webhook rides in the same transaction: no event for a token that was never created.
    await enqueueTokenEvent(tx, {
      accountId: actor.accountId,
      type: "token.created",
      token: { id: token!.id, description: settings.description, type: settings.type, displayPrefix: secret.displayPrefix },
      actor,
      extra: { expires_at: expires.expiresAt?.toISOString() ?? null },
    });
    // Every instance forgets the hashes it was told do not exist: this one does now.
    await notifyTokenChanged(tx, token!.id);
    return { ok: true, tokenId: token!.id };
  });
}

/**
 * Locks an account's active token for an edit, reset or revoke and reads `columns`; null when it
 * is missing, another account's or revoked. Concurrent changes to one token queue here.
 */
export async function lockActiveToken<T extends Record<string, PgColumn>>(tx: Tx, accountId: string, tokenId: string, columns: T) {
  const rows = await tx
    .select(columns)
    .from(apiTokens)
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.accountId, accountId), eq(apiTokens.status, "active")))
    .for("update");
  // Drizzle cannot name the row of a selection that is still generic; this is the type it infers at each call.
  return (rows as unknown as SelectResultFields<T>[])[0] ?? null;
}

/**
 * Applies an edit to an active token and records which fields changed, computed against the
 * row as locked in this transaction so concurrent edits each log what they really changed.
 */
export async function applyTokenEdit(
  actor: Actor,
  tokenId: string,
  next: EditableTokenSettings,
  diff: (before: EditableTokenSettings) => TokenFieldChange[],
): Promise<"updated" | "unchanged" | "missing"> {
  return getDb().transaction(async (tx) => {
    const current = await lockActiveToken(tx, actor.accountId, tokenId, {
      description: apiTokens.description,
      exposedAttributes: apiTokens.exposedAttributes,
      linkingAttribute: apiTokens.linkingAttribute,
      ipAllowList: apiTokens.ipAllowList,
      rateLimit: apiTokens.rateLimit,
      type: apiTokens.type,
      displayPrefix: apiTokens.displayPrefix,
    });
    if (!current) return "missing";
    const changes = diff(current);
    if (changes.length === 0) return "unchanged";
    await tx
      .update(apiTokens)
      .set({ ...next, updatedAt: new Date() })
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.accountId, actor.accountId)));
    await tx.insert(tokenEvents).values(event(actor, tokenId, "edited", changes));
    const token = { id: tokenId, description: next.description, type: current.type, displayPrefix: current.displayPrefix };
    await enqueueTokenEvent(tx, { accountId: actor.accountId, type: "token.updated", token, actor, extra: { changed_fields: changes.map((c) => c.field) } });
    await notifyTokenChanged(tx, tokenId);
    return "updated";
  });
}

export function event(actor: Actor, tokenId: string, action: TokenEventAction, changes: TokenFieldChange[] = []) {
  // A history row always names an origin; "unknown" is what people read when the server had none.
  return { tokenId, accountId: actor.accountId, actorId: actor.id, actorName: actor.name, action, changes, ip: actor.ip ?? "unknown" };
}
