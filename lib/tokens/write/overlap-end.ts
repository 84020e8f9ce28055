import { and, eq, inArray, isNotNull, lte, sql } from "drizzle-orm";
import { getDb, type Tx } from "@/db";
import { apiTokens, type TokenFieldChange } from "@/db/tables";
import { recordChange, type TokenChange, type TokenTarget } from "@/lib/changes/record-change";
import { formatDateTime } from "@/lib/format";
import { TARGET } from "./lock";

// How a change that ends a reset's overlap records it, the revocation that ends both secrets,
// and the sweep that records overlaps that ran to their end. Shared by the console's changes
// (lifecycle.ts), leak reports (exposure.ts) and the sweep, which the server process runs
// outside Next (so no "server-only" here).

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
export async function recordNaturalEnd(tx: Tx, target: TokenTarget, endsAt: Date | null, now: Date) {
  if (!endsAt || endsAt > now) return;
  await recordChange(tx, {
    kind: "token.old_token_ended",
    actor: { kind: "system", name: "Hub" },
    target,
    changes: [{ field: OLD_TOKEN, from: `Works until ${formatDateTime(endsAt)}`, to: "Ended" }],
    at: endsAt,
  });
}

/** A history line for an overlap that a change ends early, or nothing when none was running. */
export function endsRunningOverlap(endsAt: Date | null, now: Date): TokenFieldChange[] {
  if (!endsAt || endsAt <= now) return [];
  return [{ field: OLD_TOKEN, from: `Works until ${formatDateTime(endsAt)}`, to: "Stopped" }];
}

/** A revocation: by whom, History's lines and, for a leak, its webhook's details (recordChange's change but for the target). */
export type Revocation = Extract<TokenChange, { kind: "token.revoked" | "token.exposed" }> extends infer C ? (C extends C ? Omit<C, "target"> : never) : never;

/**
 * Revokes a token locked in `tx`, both secrets at once, as the console's Revoke and a leak
 * report both do: an overlap that already ran to its end is recorded, the status set (with
 * `set`, e.g. why and where a leak was found), the old secret cleared, and the change recorded,
 * its History row ending with the overlap it stopped early (if one was running).
 */
export async function revokeLockedToken(
  tx: Tx,
  token: TokenTarget & { oldSecretEndsAt: Date | null },
  now: Date,
  revocation: Revocation,
  set: Partial<typeof apiTokens.$inferInsert> = {},
): Promise<void> {
  const { oldSecretEndsAt, ...target } = token;
  await recordNaturalEnd(tx, target, oldSecretEndsAt, now);
  await tx
    .update(apiTokens)
    .set({ ...set, status: "revoked", revokedAt: now, updatedAt: now, ...NO_OLD_SECRET })
    .where(and(eq(apiTokens.id, target.id), eq(apiTokens.accountId, target.accountId)));
  await recordChange(tx, { ...revocation, target, changes: [...(revocation.changes ?? []), ...endsRunningOverlap(oldSecretEndsAt, now)] });
}

/**
 * Closes overlaps that ran to their end: clears the old secret and writes its "Old token ended"
 * row. The old secret already stopped at the end by the clock; this only records it. Rows another
 * instance is closing are skipped, so instances sweeping at once never record one end twice.
 */
export async function closeEndedOverlaps(now: Date, batch = 100): Promise<number> {
  return getDb().transaction(async (tx) => {
    const ended = await tx
      .select({ ...TARGET, endsAt: apiTokens.oldSecretEndsAt })
      .from(apiTokens)
      // Never ahead of the database's time: an instance whose clock a test moved must not
      // close overlaps that other instances still honour.
      .where(and(isNotNull(apiTokens.oldSecretHash), lte(apiTokens.oldSecretEndsAt, sql`least(${now.toISOString()}::timestamptz, now())`)))
      .limit(batch)
      .for("update", { skipLocked: true });
    if (ended.length === 0) return 0;
    // Invariant: the old secret's fields go with their History row, in one commit.
    await tx.update(apiTokens).set(NO_OLD_SECRET).where(inArray(apiTokens.id, ended.map((r) => r.id)));
    // No NOTIFY (the change's rule): the old secret already stopped by the clock (secretInForce,
    // lib/api/token-lifetime.ts) on every instance, whatever its cache holds, and nothing else a
    // cached entry carries changed. Telling every instance would only drop entries still valid.
    for (const { endsAt, ...target } of ended) await recordNaturalEnd(tx, target, endsAt, now);
    return ended.length;
  });
}
