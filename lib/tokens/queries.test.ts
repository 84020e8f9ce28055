import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signInAs } from "@/lib/testing/next-mocks";
import { createTestAccount, withTestDatabase } from "@/lib/testing/database";
import { createToken, revokeToken, updateToken } from "./actions";
import { getToken, getTokenAllowance, listTokenEvents, listTokens } from "./queries";
import { activityInput, profileReadInput } from "./test-helpers";

withTestDatabase();

describe("token queries (integration)", () => {
  it("count active tokens per account and list revoked ones too", async () => {
    const account = await createTestAccount();
    const other = await createTestAccount();
    signInAs(account.admin);
    const first = await createToken(activityInput({ description: "First" }));
    const second = await createToken(profileReadInput({ description: "Second" }));
    if (!first.ok || !second.ok) throw new Error("create failed");
    await revokeToken(first.data.tokenId);
    signInAs(other.admin);
    await createToken(activityInput({ description: "Other brand's" }));

    expect(await getTokenAllowance(account.accountId)).toEqual({ active: 1, max: 5, rateLimitCeiling: 600 });
    expect(await getTokenAllowance(other.accountId)).toMatchObject({ active: 1 });
    const list = await listTokens(account.accountId);
    expect(list.map((t) => [t.description, t.status])).toEqual([
      ["Second", "active"],
      ["First", "revoked"],
    ]);
    expect(list[0]).toMatchObject({ createdByName: account.admin.name, type: "profile_read", displayPrefix: expect.stringMatching(/^hub_prf_.{3}$/) });
    // Lists never carry the hash.
    expect(Object.keys(list[0]!)).not.toContain("secretHash");
  });

  it("another account's token reads as missing", async () => {
    const account = await createTestAccount();
    const other = await createTestAccount();
    signInAs(account.admin);
    const created = await createToken(activityInput());
    if (!created.ok) throw new Error("create failed");
    expect(await getToken(other.accountId, created.data.tokenId)).toBeNull();
    expect(await getToken(account.accountId, randomUUID())).toBeNull();
    expect(await getToken(account.accountId, "nope")).toBeNull();
    expect(await listTokenEvents(other.accountId, created.data.tokenId)).toEqual([]);
    expect(await getToken(account.accountId, created.data.tokenId)).toMatchObject({ description: "Reporting dashboard", status: "active" });
  });

  it("history lists newest first with the actor and IP", async () => {
    const account = await createTestAccount();
    signInAs(account.admin);
    const created = await createToken(activityInput());
    if (!created.ok) throw new Error("create failed");
    signInAs(account.marketer);
    await updateToken(created.data.tokenId, { ...activityInput({ description: "Renamed" }), rateLimit: 600 });
    const events = await listTokenEvents(account.accountId, created.data.tokenId);
    expect(events.map((e) => [e.action, e.actorName])).toEqual([
      ["edited", account.marketer.name],
      ["created", account.admin.name],
    ]);
    expect(events[0]!.changes).toEqual([{ field: "Description", from: "Reporting dashboard", to: "Renamed" }]);
    expect(events[0]!.ip).toBe("198.51.100.23");
  });
});
