import { and, eq, isNull, or, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { getBatchDb, getDb, type Db } from "@/db";
import { arrayLiteral, insertRows, writeInSlices, type ColumnOf } from "@/db/insert-rows";
import { apiTokens, tokenUsageDaily } from "@/db/tables";
import type { ApiToken } from "@/lib/tokens/api-token";
import { lookupDocuments, matchingProfiles, type ProfileRow } from "@/lib/profiles/queries";

// Every statement the API runs on its own tables. What it reads for the Activity and Profile
// Read answers is in lib/activity/queries.ts and lib/profiles/queries.ts.

// The token columns the API checks a request against: exactly ApiToken's (lib/tokens/api-token.ts).
const tokenColumns = {
  id: apiTokens.id,
  accountId: apiTokens.accountId,
  type: apiTokens.type,
  status: apiTokens.status,
  rateLimit: apiTokens.rateLimit,
  exposedAttributes: apiTokens.exposedAttributes,
  linkingAttribute: apiTokens.linkingAttribute,
  ipAllowList: apiTokens.ipAllowList,
  expiresAt: apiTokens.expiresAt,
  // Both hashes, so one cached entry answers for either secret during an overlap.
  secretHash: apiTokens.secretHash,
  oldSecretHash: apiTokens.oldSecretHash,
  oldSecretDeprecatedAt: apiTokens.oldSecretDeprecatedAt,
  oldSecretEndsAt: apiTokens.oldSecretEndsAt,
  // Set by the enumeration alarm: the token is throttled on every instance (lib/governance).
  suspiciousAt: apiTokens.suspiciousAt,
  // Paused: refused like a revoked token until resumed (token-lifetime.ts).
  pausedAt: apiTokens.pausedAt,
  // What an Activity token may call, and a Profile Read token's purpose and daily limit (PRODUCT.md §11).
  scopes: apiTokens.scopes,
  purpose: apiTokens.purpose,
  dailyProfileLimit: apiTokens.dailyProfileLimit,
} satisfies Record<keyof ApiToken, PgColumn>;

// Each column has its own unique index: a BitmapOr of two index probes, still one round trip.
const byHash = or(eq(apiTokens.secretHash, sql.placeholder("hash")), eq(apiTokens.oldSecretHash, sql.placeholder("hash")));

// The hot path's queries, prepared once per database handle (parsed and planned once).
const preparedLookups = new WeakMap<Db, ReturnType<typeof prepareLookups>>();
function prepareLookups(db: Db) {
  // An active Profile Read token linked on the asked attribute reads its own account's profiles only.
  const mayRead = and(
    eq(apiTokens.type, "profile_read"),
    eq(apiTokens.status, "active"),
    isNull(apiTokens.pausedAt),
    eq(apiTokens.linkingAttribute, sql.placeholder("key")),
  );
  const withProfile = (typed: boolean, name: string) => {
    const match = matchingProfiles(db, apiTokens.accountId, typed, mayRead).as("match");
    return db
      // The profile's columns with its consent per purpose, in the same row: the token's purpose
      // decides (profile-read.ts). Null when no profile matched (the left join's empty side).
      .select({
        ...tokenColumns,
        profile: {
          id: match.id,
          attributes: match.attributes,
          consentPersonalisation: match.consentPersonalisation,
          consentService: match.consentService,
          consentAnalytics: match.consentAnalytics,
        },
      })
      .from(apiTokens)
      .leftJoinLateral(match, sql`true`)
      .where(byHash)
      .prepare(name);
  };
  return {
    token: db.select(tokenColumns).from(apiTokens).where(byHash).prepare("hub_token_by_hash"),
    withText: withProfile(false, "hub_token_with_profile_by_text"),
    withValue: withProfile(true, "hub_token_with_profile_by_value"),
  };
}

function lookups() {
  const db = getDb();
  let prepared = preparedLookups.get(db);
  if (!prepared) preparedLookups.set(db, (prepared = prepareLookups(db)));
  return prepared;
}

export type TokenRow = Awaited<ReturnType<ReturnType<typeof prepareLookups>["token"]["execute"]>>[number];

/** The token whose current or old secret has this SHA-256, as stored, or null. */
export async function getTokenByHash(hash: string): Promise<TokenRow | null> {
  const [row] = await lookups().token.execute({ hash });
  return row ?? null;
}

/**
 * The token, as `getTokenByHash`, and in the same statement (a lateral join) the profiles of
 * its account whose `key` holds `value`, at most two, with their consent: null when the token
 * may not read them (another type, revoked, or linked on another attribute), so nothing of
 * theirs is read.
 */
export async function getTokenWithProfile(hash: string, key: string, value: string): Promise<{ token: TokenRow | null; profiles: ProfileRow[] | null }> {
  const documents = lookupDocuments(key, value);
  const rows =
    documents.typed === undefined
      ? await lookups().withText.execute({ hash, key, text: documents.text })
      : await lookups().withValue.execute({ hash, key, ...documents });
  const first = rows[0];
  if (!first) return { token: null, profiles: null };
  const { profile: _profile, ...token } = first;
  const mayRead = token.type === "profile_read" && token.status === "active" && token.pausedAt === null && token.linkingAttribute === key;
  const profiles = rows.flatMap((row) => (row.profile ? [row.profile] : []));
  return { token, profiles: mayRead ? profiles : null };
}

export type UsageCount = typeof tokenUsageDaily.$inferInsert & { count: number };

/** Adds counts to the per-token, per-day, per-outcome totals, in one statement. */
export async function addUsageCounts(rows: UsageCount[]): Promise<void> {
  const columns: ColumnOf<UsageCount>[] = [
    [tokenUsageDaily.tokenId, (r) => r.tokenId],
    [tokenUsageDaily.accountId, (r) => r.accountId],
    [tokenUsageDaily.day, (r) => r.day],
    [tokenUsageDaily.outcome, (r) => r.outcome],
    [tokenUsageDaily.count, (r) => r.count],
  ];
  const addUp = sql`on conflict (token_id, day, outcome) do update set count = ${tokenUsageDaily}.count + excluded.count`;
  await writeInSlices(getBatchDb(), rows, (slice) => insertRows(tokenUsageDaily, slice, columns, addUp));
}

export interface LastUse {
  tokenId: string;
  at: number;
  ip: string | null;
  /** Used with the old secret of an overlap: recorded in its own columns. */
  old?: boolean;
}

/** Last use of many tokens, three parameters per statement (db/insert-rows.ts). */
export async function updateLastUses(uses: LastUse[]): Promise<void> {
  await writeInSlices(getBatchDb(), uses.filter((use) => !use.old), (slice) => lastUsesStatement(slice, false));
  await writeInSlices(getBatchDb(), uses.filter((use) => use.old), (slice) => lastUsesStatement(slice, true));
}

function lastUsesStatement(uses: readonly LastUse[], old: boolean) {
  // One parameter per column (db/insert-rows.ts), not three per token.
  const ids = arrayLiteral(uses.map((use) => use.tokenId));
  const ats = arrayLiteral(uses.map((use) => new Date(use.at).toISOString()));
  const ips = arrayLiteral(uses.map((use) => use.ip));
  const at = old ? apiTokens.oldLastUsedAt : apiTokens.lastUsedAt;
  const set = old ? sql`old_last_used_at = v.at, old_last_used_ip = v.ip` : sql`last_used_at = v.at, last_used_ip = v.ip`;
  return sql`
    update ${apiTokens} set ${set}
    from unnest(${ids}::text::uuid[], ${ats}::text::timestamptz[], ${ips}::text::text[]) as v(id, at, ip)
    -- Never moves backwards when another instance wrote a later use first.
    where ${apiTokens.id} = v.id and (${at} is null or ${at} < v.at)`;
}
