import { beforeAll, describe, expect, it } from "vitest";
import { withTestDatabase } from "@/test/database";
import { issueToken, seedApiAccount } from "@/test/api-fixtures";
import type { Actor } from "@/lib/tokens/queries";
import { tokenCache } from "./token-cache";
import { startTokenInvalidation } from "./token-invalidation";

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
    await waitFor(() => tokenCache.get("a-hash-looked-up-before") === undefined);
  });
});

describe("the listener's heartbeat against the real server", () => {
  it("comes back: the cache stays on past the 3 s a silent connection is given", async () => {
    expect(tokenCache.isLive()).toBe(true);
    await new Promise((r) => setTimeout(r, 4_500));
    expect(tokenCache.isLive()).toBe(true);
  });
});

async function waitFor(check: () => boolean, timeoutMs = 2_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
