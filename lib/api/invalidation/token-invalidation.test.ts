import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { profiles } from "@/db/tables";
import { withTestDatabase } from "@/test/database";
import { issueToken, seedApiAccount } from "@/test/api-fixtures";
import type { Actor } from "@/lib/changes/record-change";
import { pairKey, profileCache } from "./profile-cache";
import { tokenCache } from "../auth/token-cache";
import { startTokenInvalidation } from "./token-invalidation";

// The one LISTEN connection and what it keeps true for both caches, on Postgres and on PGlite:
// token changes, profile changes (through the trigger on profiles), and its heartbeat.
withTestDatabase();

let actor: Actor;
beforeAll(async () => {
  ({ actor } = await seedApiAccount());
  await startTokenInvalidation();
}, 120_000);

describe("token notifications", () => {
  it("creating a token empties the negative cache, so the new token is never refused from it", async () => {
    tokenCache.set("a-hash-looked-up-before", null, tokenCache.stamp());
    expect(tokenCache.get("a-hash-looked-up-before")).toBeNull();
    await issueToken(actor, { type: "activity", description: "created after a negative lookup" });
    await vi.waitFor(() => expect(tokenCache.get("a-hash-looked-up-before")).toBeUndefined(), { timeout: 2_000, interval: 20 });
  });
});

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
    const { accountId } = actor;
    expect(profileCache.isLive()).toBe(true);
    profileCache.setNotFound(accountId, "email", "trigger@notify.test", profileCache.stamp());
    expect(profileCache.get(accountId, "email", "trigger@notify.test", ["email"], "personalisation")).toBe("none");
    await getDb().insert(profiles).values({ accountId, attributes: { email: "trigger@notify.test" } });
    await vi.waitFor(() => expect(profileCache.get(accountId, "email", "trigger@notify.test", ["email"], "personalisation")).not.toBe("none"), { timeout: 1_000, interval: 10 });
  });
});

describe("the listener's heartbeat against the real server", () => {
  it("comes back: the cache stays on past the 3 s a silent connection is given", async () => {
    expect(tokenCache.isLive()).toBe(true);
    await new Promise((r) => setTimeout(r, 4_500));
    expect(tokenCache.isLive()).toBe(true);
  });
});
