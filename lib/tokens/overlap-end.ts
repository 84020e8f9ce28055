import type { Tx } from "@/db";
import { tokenEvents, type TokenFieldChange } from "@/db/schema";
import { formatDateTime } from "@/lib/format";
import type { Actor } from "./queries";

// How a change that ends a reset's overlap records it. Shared by the console's changes
// (lifecycle-queries.ts) and leak reports, which the API process runs outside Next (so no
// "server-only" here).

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
