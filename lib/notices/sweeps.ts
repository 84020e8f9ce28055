import { and, asc, eq, gt, gte, isNull, lte, not, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { apiTokens, mailOutbox, noticeExpiryTold, users } from "@/db/tables";
import { describeError } from "@/lib/error-log";
import { log } from "@/lib/log";
import { enqueueNotice, noticesOn, noticeToken } from "./outbox";

// The notices no change causes, found by the clock (periodic jobs in the server process, so no
// "server-only"): the expiry digest and the old token still in use as its overlap ends.

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const EXPIRING = "token.expiring";

/** At most one expiry digest per admin within this long. */
export const DIGEST_EVERY_MS = HOUR_MS;

type Scope = { accountId?: string | readonly string[] };

// Ids are uuids from the caller (tests confining a run to their accounts): a typed array parameter.
const inAccounts = (column: typeof users.accountId | typeof apiTokens.accountId, { accountId }: Scope) =>
  accountId === undefined ? undefined : sql`${column} = any(${`{${[accountId].flat().join(",")}}`}::uuid[])`;

/** An admin who gets the digest, and a live token of theirs expiring within 7 days that their digests have not named yet. */
const untoldExpiring = (now: Date) =>
  and(
    eq(users.role, "admin"),
    isNull(users.removedAt),
    not(sql`${EXPIRING} = any(${users.noticeOptOuts})`),
    eq(apiTokens.status, "active"),
    gt(apiTokens.expiresAt, now),
    lte(apiTokens.expiresAt, new Date(now.getTime() + 7 * DAY_MS)),
    sql`not exists (select 1 from ${noticeExpiryTold} t where t.user_id = ${users.id} and t.token_id = ${apiTokens.id} and t.expires_at = ${apiTokens.expiresAt})`,
  );

/**
 * Queues each admin's digest of the tokens expiring within 7 days that no digest of theirs named
 * yet, unless they got one in the last hour (then the next run after it names them all). Safe on
 * several instances at once: each admin's digest is decided under a lock on their row. Returns
 * how many digests were queued.
 */
export async function queueExpiryDigests(now: Date, scope: Scope = {}): Promise<number> {
  if (!noticesOn()) return 0;
  const admins = await getDb()
    .selectDistinct({ id: users.id, accountId: users.accountId })
    .from(users)
    .innerJoin(apiTokens, eq(apiTokens.accountId, users.accountId))
    .where(and(untoldExpiring(now), inAccounts(users.accountId, scope)))
    .limit(500);
  let queued = 0;
  for (const admin of admins) {
    // One admin whose digest cannot be queued is logged and skipped: never the others.
    queued += await queueDigest(admin, now).catch((error: unknown) => {
      log.error({ userId: admin.id, error: describeError(error) }, "expiry digest not queued");
      return 0;
    });
  }
  return queued;
}

function queueDigest(admin: { id: string; accountId: string }, now: Date): Promise<number> {
  return getDb().transaction(async (tx) => {
    // NO KEY UPDATE: concurrent digests for this admin queue here; inserts that only reference the user do not.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, admin.id)).for("no key update");
    const [recent] = await tx
      .select({ id: mailOutbox.id })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.userId, admin.id), eq(mailOutbox.kind, EXPIRING), gt(mailOutbox.createdAt, new Date(now.getTime() - DIGEST_EVERY_MS))))
      .limit(1);
    if (recent) return 0;
    const tokens = await tx
      .select({ id: apiTokens.id, description: apiTokens.description, type: apiTokens.type, expiresAt: apiTokens.expiresAt })
      .from(apiTokens)
      .innerJoin(users, eq(users.accountId, apiTokens.accountId))
      .where(and(eq(users.id, admin.id), untoldExpiring(now)))
      .orderBy(asc(apiTokens.expiresAt), asc(apiTokens.id));
    if (tokens.length === 0) return 0;
    await tx
      .insert(noticeExpiryTold)
      .values(tokens.map((t) => ({ userId: admin.id, tokenId: t.id, expiresAt: t.expiresAt! })))
      .onConflictDoNothing();
    const data = { kind: EXPIRING, tokens: tokens.map((t) => ({ ...noticeToken(t), expiresAt: t.expiresAt!.toISOString() })) } as const;
    return enqueueNotice(tx, { accountId: admin.accountId, data, at: now, userIds: [admin.id] });
  });
}

/**
 * Queues "the old token is still in use" for the admins of every token in the last hour of a
 * reset's overlap whose old secret was used within that hour: once per overlap (a key per token
 * and end), however many instances find it. Returns how many mails were queued.
 */
export async function queueOldTokenInUse(now: Date, scope: Scope = {}): Promise<number> {
  if (!noticesOn()) return 0;
  // Named in full: Drizzle leaves a one-table select's columns unqualified, and inside the
  // subquery on mail_outbox a bare "id" would be the mail's.
  const keyOf = sql`'old_token_in_use:' || ${sql.raw('"api_tokens"."id"')}::text || ':' || floor(extract(epoch from ${sql.raw('"api_tokens"."old_secret_ends_at"')}) * 1000)::bigint::text`;
  const tokens = await getDb()
    .select({ id: apiTokens.id, accountId: apiTokens.accountId, description: apiTokens.description, type: apiTokens.type, endsAt: apiTokens.oldSecretEndsAt, lastUsedAt: apiTokens.oldLastUsedAt, lastUsedIp: apiTokens.oldLastUsedIp, key: sql<string>`${keyOf}` })
    .from(apiTokens)
    .where(
      and(
        eq(apiTokens.status, "active"),
        gt(apiTokens.oldSecretEndsAt, now),
        lte(apiTokens.oldSecretEndsAt, new Date(now.getTime() + HOUR_MS)),
        gte(apiTokens.oldLastUsedAt, sql`${apiTokens.oldSecretEndsAt} - interval '1 hour'`),
        sql`not exists (select 1 from ${mailOutbox} m where m.dedupe_key = ${keyOf})`,
        inAccounts(apiTokens.accountId, scope),
      ),
    )
    .limit(500);
  let queued = 0;
  for (const t of tokens) {
    const data = { kind: "token.old_token_in_use", token: noticeToken(t), endsAt: t.endsAt!.toISOString(), lastUsedAt: t.lastUsedAt!.toISOString(), lastUsedIp: t.lastUsedIp } as const;
    queued += await getDb()
      .transaction((tx) => enqueueNotice(tx, { accountId: t.accountId, data, at: now, dedupeKey: t.key }))
      .catch((error: unknown) => {
        log.error({ tokenId: t.id, error: describeError(error) }, "old-token notice not queued");
        return 0;
      });
  }
  return queued;
}
