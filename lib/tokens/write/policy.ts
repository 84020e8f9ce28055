import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { accounts } from "@/db/tables";
import { byUser, type Actor } from "@/lib/changes/record-change";
import { recordAccountChange } from "@/lib/changes/record-account-change";
import { lifetimeError } from "../policy";

export interface TokenPolicy {
  maxLifetimeDays: number | null;
  pauseUnusedAfterDays: number | null;
}

/**
 * Saves the account's token policy with its audit row (`account.token_policy_changed`), both in
 * one transaction; saving what is already stored records nothing. The ceiling is read from the
 * locked row, so an operator's change in between is obeyed. The refusal, or null.
 */
export async function saveAccountTokenPolicy(actor: Actor, accountName: string, next: TokenPolicy): Promise<string | null> {
  return getDb().transaction(async (tx) => {
    const [before] = await tx
      .select({ ceiling: accounts.maxTokenLifetimeDays, maxLifetimeDays: accounts.policyMaxLifetimeDays, pauseUnusedAfterDays: accounts.pauseUnusedAfterDays })
      .from(accounts)
      .where(eq(accounts.id, actor.accountId))
      .for("update");
    if (!before) return "This account no longer exists.";
    const refused = lifetimeError(next.maxLifetimeDays, before.ceiling);
    if (refused) return refused;
    const fields = (["maxLifetimeDays", "pauseUnusedAfterDays"] as const).filter((f) => before[f] !== next[f]);
    if (fields.length === 0) return null;
    await tx.update(accounts).set({ policyMaxLifetimeDays: next.maxLifetimeDays, pauseUnusedAfterDays: next.pauseUnusedAfterDays }).where(eq(accounts.id, actor.accountId));
    await recordAccountChange(tx, {
      accountId: actor.accountId,
      actor: byUser(actor),
      action: "account.token_policy_changed",
      target: { kind: "account", id: actor.accountId, label: accountName },
      detail: { fields: [...fields], max_lifetime_days: next.maxLifetimeDays, pause_unused_after_days: next.pauseUnusedAfterDays },
    });
    return null;
  });
}
