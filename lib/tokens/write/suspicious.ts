import { and, eq, isNotNull, isNull } from "drizzle-orm";
import { getDb } from "@/db";
import { apiTokens } from "@/db/tables";
import { byUser, recordChange, type Actor } from "@/lib/changes/record-change";
import { TARGET } from "./lock";

// The enumeration alarm's mark (lib/governance) and an admin's review that lifts it. The alarm
// runs in the server process, outside Next: no "server-only" here.

const SUSPICIOUS = "Suspicious activity";

/**
 * Marks a live token suspicious, with its History row, and tells every instance (which then
 * throttle it). Only one instance wins the `suspicious_at is null` update, so one History row.
 */
export async function markTokenSuspicious(tokenId: string, reason: string, ip: string | null, now: Date) {
  return getDb().transaction(async (tx) => {
    const [target] = await tx
      .update(apiTokens)
      .set({ suspiciousAt: now, suspiciousReason: reason })
      .where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.suspiciousAt), eq(apiTokens.status, "active")))
      .returning(TARGET);
    if (!target) return null;
    // Recorded (and `token.suspicious` queued) when, and only if, the mark commits: the one instance whose update won.
    await recordChange(tx, {
      kind: "token.suspicious",
      actor: { kind: "system", name: "Hub (enumeration alarm)", ip },
      target,
      changes: [{ field: "Status", from: "Active", to: `${SUSPICIOUS}: ${reason}` }],
      reason,
    });
    return { accountId: target.accountId };
  });
}

/** "Mark as reviewed": lifts the throttle on every instance; false when it was not suspicious. */
export async function markTokenReviewed(actor: Actor, tokenId: string, now: Date): Promise<boolean> {
  return getDb().transaction(async (tx) => {
    const scope = and(eq(apiTokens.id, tokenId), eq(apiTokens.accountId, actor.accountId), isNotNull(apiTokens.suspiciousAt));
    const [before] = await tx.select({ ...TARGET, reason: apiTokens.suspiciousReason }).from(apiTokens).where(scope).for("update");
    if (!before) return false;
    await tx.update(apiTokens).set({ suspiciousAt: null, suspiciousReason: null, reviewedAt: now }).where(scope);
    const { reason, ...target } = before;
    await recordChange(tx, { kind: "token.reviewed", actor: byUser(actor), target, changes: [{ field: "Status", from: `${SUSPICIOUS}: ${reason ?? ""}`, to: "Active" }] });
    return true;
  });
}
