import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { profiles } from "@/db/schema";
import { withTestDatabase } from "@/test/database";
import { seedApiAccount } from "@/test/api-fixtures";
import { pairKey, profileCache } from "./profile-cache";
import { startTokenInvalidation } from "./token-invalidation";

/** The trigger on profiles and the cache agree, on Postgres and on PGlite. */
withTestDatabase();

let accountId: string;
beforeAll(async () => {
  ({ accountId } = await seedApiAccount());
  await startTokenInvalidation();
}, 120_000);

describe("the profile change trigger", () => {
  it("fingerprints a pair as the cache does, for every value a lookup can match", async () => {
    const cases: Array<[string, unknown, string]> = [
      ["email", "Jane.Remington@demo-retail.test", "Jane.Remington@demo-retail.test"],
      ["customer_id", 7, "007"],
      ["customer_id", 7.5, "7.50"],
      ["customer_id", "007", "7"], // a string that looks like a number: over-matched, never missed
      ["opted_in", true, "true"],
      ["city", "Zürich", "Zürich"],
    ];
    for (const [attribute, value, query] of cases) {
      const rows = await getDb().execute<{ key: string }>(sql`select hub_profile_pair_key(${attribute}, ${JSON.stringify(value)}::jsonb) as key`);
      const [row] = Array.isArray(rows) ? rows : (rows as { rows: Array<{ key: string }> }).rows;
      expect(row!.key, `${attribute} = ${JSON.stringify(value)}`).toBe(pairKey(attribute, query));
    }
  });

  it("makes this instance forget a \"not found\" when a profile with the value is inserted", async () => {
    expect(profileCache.isLive()).toBe(true);
    profileCache.setNotFound(accountId, "email", "trigger@notify.test", profileCache.stamp());
    expect(profileCache.get(accountId, "email", "trigger@notify.test", ["email"])).toBe("none");
    await getDb().insert(profiles).values({ accountId, attributes: { email: "trigger@notify.test" } });
    const deadline = Date.now() + 1_000;
    while (profileCache.get(accountId, "email", "trigger@notify.test", ["email"]) === "none") {
      if (Date.now() > deadline) throw new Error("not forgotten within 1 s");
      await new Promise((r) => setTimeout(r, 10));
    }
  });
});
