import { describe, expect, it } from "vitest";
import { signInAs } from "@/test/next-mocks";
import { getDb } from "@/db";
import { accounts, operatorEvents } from "@/db/tables";
import { eq } from "drizzle-orm";
import { createTestAccount, withTestDatabase } from "@/test/database";
import { createToken, updateToken } from "@/lib/tokens/actions";
import { activityInput } from "@/test/token-fixtures";
import { setAccountLimits } from "./limits";

withTestDatabase();

async function slugOf(accountId: string) {
  const [row] = await getDb().select({ slug: accounts.slug }).from(accounts).where(eq(accounts.id, accountId));
  return row!.slug;
}

describe("setAccountLimits (operator)", () => {
  it("raises the cap and the ceiling, which the console then honours", async () => {
    const account = await createTestAccount();
    signInAs(account.admin);
    const slug = await slugOf(account.accountId);
    expect(await setAccountLimits(slug, { maxActiveTokens: "6", rateLimitCeiling: "1200" })).toMatchObject({
      maxActiveTokens: 6,
      rateLimitCeiling: 1200,
    });
    const results = [];
    for (let i = 0; i < 7; i++) results.push(await createToken(activityInput()));
    expect(results.filter((r) => r.ok)).toHaveLength(6);
    const first = results[0]!;
    if (!first.ok) throw new Error("create failed");
    expect(await updateToken(first.data.tokenId, { ...activityInput(), rateLimit: 1200 })).toEqual({ ok: true, data: undefined });
    const records = await getDb().select().from(operatorEvents).where(eq(operatorEvents.accountId, account.accountId));
    expect(records.map((r) => [r.action, r.detail])).toEqual([
      ["limits.changed", { from: { maxActiveTokens: 5, accessLogRetentionDays: 90, rateLimitCeiling: 600, maxTokenLifetimeDays: null }, to: { maxActiveTokens: 6, rateLimitCeiling: 1200 } }],
    ]);
  });

  it("refuses nonsense and unknown accounts", async () => {
    const account = await createTestAccount();
    const slug = await slugOf(account.accountId);
    await expect(setAccountLimits(slug, { maxActiveTokens: "0" })).rejects.toThrow();
    await expect(setAccountLimits(slug, { rateLimitCeiling: "ten" })).rejects.toThrow();
    await expect(setAccountLimits(slug, {})).rejects.toThrow(/Nothing to change/);
    await expect(setAccountLimits("no-such-account", { maxActiveTokens: "3" })).rejects.toThrow(/No account/);
  });
});
