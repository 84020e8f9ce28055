import { eq, or, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db";
import { apiTokens, tokenUsageDaily } from "@/db/schema";

// Every statement the API runs on its own tables. What it reads for the Activity and Profile
// Read answers is in lib/activity/queries.ts and lib/profiles/queries.ts.

// The hot path's one query, prepared once per database handle (parsed and planned once).
const preparedLookups = new WeakMap<Db, ReturnType<typeof prepareLookup>>();
function prepareLookup(db: Db) {
  return db
    .select({
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
    })
    .from(apiTokens)
    // Each column has its own unique index: a BitmapOr of two index probes, still one round trip.
    .where(or(eq(apiTokens.secretHash, sql.placeholder("hash")), eq(apiTokens.oldSecretHash, sql.placeholder("hash"))))
    .prepare("hub_token_by_hash");
}

export type TokenRow = Awaited<ReturnType<ReturnType<typeof prepareLookup>["execute"]>>[number];

/** The token whose current or old secret has this SHA-256, as stored, or null. */
export async function getTokenByHash(hash: string): Promise<TokenRow | null> {
  const db = getDb();
  let lookup = preparedLookups.get(db);
  if (!lookup) preparedLookups.set(db, (lookup = prepareLookup(db)));
  const [row] = await lookup.execute({ hash });
  return row ?? null;
}

export type UsageCount = typeof tokenUsageDaily.$inferInsert & { count: number };

/** Adds counts to the per-token, per-day, per-outcome totals, in one statement. */
export async function addUsageCounts(rows: UsageCount[]): Promise<void> {
  await getDb()
    .insert(tokenUsageDaily)
    .values(rows)
    .onConflictDoUpdate({
      target: [tokenUsageDaily.tokenId, tokenUsageDaily.day, tokenUsageDaily.outcome],
      set: { count: sql`${tokenUsageDaily.count} + excluded.count` },
    });
}

export interface LastUse {
  tokenId: string;
  at: number;
  ip: string | null;
  /** Used with the old secret of an overlap: recorded in its own columns. */
  old?: boolean;
}

/** Last use of many tokens in one statement per 5,000 (three parameters each). */
export async function updateLastUses(uses: LastUse[]): Promise<void> {
  const current = uses.filter((use) => !use.old);
  const old = uses.filter((use) => use.old);
  for (let i = 0; i < current.length; i += 5_000) await writeLastUses(current.slice(i, i + 5_000), false);
  for (let i = 0; i < old.length; i += 5_000) await writeLastUses(old.slice(i, i + 5_000), true);
}

async function writeLastUses(uses: LastUse[], old: boolean) {
  const rows = uses.map((use) => sql`(${use.tokenId}::uuid, ${new Date(use.at).toISOString()}::timestamptz, ${use.ip}::text)`);
  const at = old ? apiTokens.oldLastUsedAt : apiTokens.lastUsedAt;
  const set = old ? sql`old_last_used_at = v.at, old_last_used_ip = v.ip` : sql`last_used_at = v.at, last_used_ip = v.ip`;
  await getDb().execute(sql`
    update ${apiTokens} set ${set}
    from (values ${sql.join(rows, sql`, `)}) as v(id, at, ip)
    -- Never moves backwards when another instance wrote a later use first.
    where ${apiTokens.id} = v.id and (${at} is null or ${at} < v.at)`);
}
