import { getDb } from "@/db";
import { recordAccountChange } from "@/lib/changes/record-account-change";
import { byUser, type Actor } from "@/lib/changes/record-change";

/**
 * A look at one customer's data access is on the audit log (who looked, when, how many tokens
 * it found), like "Find a token"; never the value looked up, not even hashed: its hash would let
 * anyone reading the audit log tell which lookups were of the same customer.
 */
export async function recordCustomerLookup(accountId: string, actor: Actor, action: "privacy.customer_looked_up" | "privacy.customer_exported", tokens?: number) {
  // No transaction: the lookup writes nothing else, so its row is one small insert.
  await recordAccountChange(getDb(), { accountId, actor: byUser(actor), action, detail: tokens === undefined ? {} : { tokens } });
}
