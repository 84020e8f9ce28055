import { and, eq, inArray, isNotNull, lte, sql } from "drizzle-orm";
import { getDb, type Tx } from "@/db";
import { notifyTokenChanged } from "@/db/notify";
import { apiTokens, tokenEvents, type TokenFieldChange } from "@/db/schema";
import { formatDateTime } from "@/lib/format";
import type { Actor } from "./queries";

// How a change that ends a reset's overlap records it, the revocation that ends both secrets,
// and the sweep that records overlaps that ran to their end. Shared by the console's changes
// (lifecycle-queries.ts), leak reports (exposure-queries.ts) and the sweep, which the server
// process runs outside Next (so no "server-only" here).

/** The old secret's fields cleared: it stops at once (never three live secrets). */
export const NO_OLD_SECRET = {
  oldSecretHash: null,
  oldDisplayPrefix: null,
  oldSecretDeprecatedAt: null,
  oldSecretEndsAt: null,
  oldLastUsedAt: null,
  oldLastUsedIp: null,
};

export const OLD_TOKEN = "Old token";

/**
 * An overlap that ran to its end stops by the clock alone, so its History row is written
 * afterwards, dated at the end itself: by the periodic sweep (`closeEndedOverlaps`) or by the
 * next change that clears the old secret, whichever comes first.
 */
export async function recordNaturalEnd(tx: Tx, actor: Pick<Actor, "accountId">, tokenId: string, endsAt: Date | null, now: Date) {
  if (!endsAt || endsAt > now) return;
  await tx.insert(tokenEvents).values({
    tokenId,
    accountId: actor.accountId,
    actorId: null,
    actorName: "Hub",
    action: "old_token_ended",
    changes: [{ field: OLD_TOKEN, from: `Works until ${formatDateTime(endsAt)}`, to: "Ended" }],
    ip: "—",
    createdAt: endsAt,
  });
}

/** A history line for an overlap that a change ends early, or nothing when none was running. */
export function endsRunningOverlap(endsAt: Date | null, now: Date): TokenFieldChange[] {
  if (!endsAt || endsAt <= now) return [];
  return [{ field: OLD_TOKEN, from: `Works until ${formatDateTime(endsAt)}`, to: "Stopped" }];
}

/** What a revocation reads from the token it locked first. */
export interface RevokedRow {
  id: string;
  accountId: string;
  oldSecretEndsAt: Date | null;
}

/**
 * Revokes a token locked in `tx`, both secrets at once, as the console's Revoke and a leak
 * report both do: an overlap that already ran to its end is recorded, the status set (with
 * `extra`, e.g. why), the old secret cleared, and every instance's cache told on commit. The
 * caller writes its own History row and webhook event in the same transaction; returned is the
 * line that row carries for an overlap this stops early (none when none was running).
 */
export async function revokeLockedToken(tx: Tx, row: RevokedRow, now: Date, extra: Partial<typeof apiTokens.$inferInsert> = {}): Promise<TokenFieldChange[]> {
  await recordNaturalEnd(tx, row, row.id, row.oldSecretEndsAt, now);
  await tx
    .update(apiTokens)
    .set({ ...extra, status: "revoked", revokedAt: now, updatedAt: now, ...NO_OLD_SECRET })
    .where(and(eq(apiTokens.id, row.id), eq(apiTokens.accountId, row.accountId)));
  await notifyTokenChanged(tx, row.id);
  return endsRunningOverlap(row.oldSecretEndsAt, now);
}

/**
 * Closes overlaps that ran to their end: clears the old secret and writes its "Old token ended"
 * row. The old secret already stopped at the end by the clock; this only records it. Rows another
 * instance is closing are skipped, so instances sweeping at once never record one end twice.
 */
export async function closeEndedOverlaps(now: Date, batch = 100): Promise<number> {
  return getDb().transaction(async (tx) => {
    const ended = await tx
      .select({ id: apiTokens.id, accountId: apiTokens.accountId, endsAt: apiTokens.oldSecretEndsAt })
      .from(apiTokens)
      // Never ahead of the database's time: an instance whose clock a test moved must not
      // close overlaps that other instances still honour.
      .where(and(isNotNull(apiTokens.oldSecretHash), lte(apiTokens.oldSecretEndsAt, sql`least(${now.toISOString()}::timestamptz, now())`)))
      .limit(batch)
      .for("update", { skipLocked: true });
    if (ended.length === 0) return 0;
    // Invariant: the old secret's fields go with their History row, in one commit.
    await tx.update(apiTokens).set(NO_OLD_SECRET).where(inArray(apiTokens.id, ended.map((r) => r.id)));
    // No NOTIFY: the old secret already stopped by the clock (secretInForce, lib/api/token-lifetime.ts)
    // on every instance, whatever its cache holds, and nothing else a cached entry carries changed.
    // Telling every instance would only drop entries still valid for the current secret.
    for (const row of ended) await recordNaturalEnd(tx, row, row.id, row.endsAt, now);
    return ended.length;
  });
}
