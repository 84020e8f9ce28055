import { eq } from "drizzle-orm";
import { z } from "@/lib/zod";
import { getDb } from "@/db";
import { accounts } from "@/db/schema";
import { recordOperatorEvent } from "./operator-log";

const limitSchema = z.coerce
  .number({ error: "Limits are whole numbers" })
  .int("Limits are whole numbers")
  .min(1, "Limits are at least 1")
  .max(1_000_000, "Limits are at most 1,000,000");

/**
 * The operator's lever (customers raise limits by contacting their Success Manager): an
 * account's token cap and the rate-limit ceiling its admins may set per token. Not reachable
 * from the console.
 */
export async function setAccountLimits(slug: string, input: { maxActiveTokens?: string; rateLimitCeiling?: string }) {
  const changes: { maxActiveTokens?: number; rateLimitCeiling?: number } = {};
  if (input.maxActiveTokens !== undefined) changes.maxActiveTokens = limitSchema.parse(input.maxActiveTokens);
  if (input.rateLimitCeiling !== undefined) changes.rateLimitCeiling = limitSchema.parse(input.rateLimitCeiling);
  if (Object.keys(changes).length === 0) throw new Error("Nothing to change: pass --max-active-tokens and/or --rate-limit-ceiling");
  // The change and the operator's record of it hold together.
  return getDb().transaction(async (tx) => {
    const [before] = await tx
      .select({ id: accounts.id, maxActiveTokens: accounts.maxActiveTokens, rateLimitCeiling: accounts.rateLimitCeiling })
      .from(accounts)
      .where(eq(accounts.slug, slug))
      .for("update");
    if (!before) throw new Error(`No account with slug "${slug}".`);
    const [row] = await tx
      .update(accounts)
      .set(changes)
      .where(eq(accounts.id, before.id))
      .returning({ name: accounts.name, maxActiveTokens: accounts.maxActiveTokens, rateLimitCeiling: accounts.rateLimitCeiling });
    const { id: _id, ...old } = before;
    await recordOperatorEvent(tx, before.id, "limits.changed", { from: old, to: changes });
    return row!;
  });
}
