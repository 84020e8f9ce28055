import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signInAs } from "@/test/next-mocks";
import { createTestAccount, withTestDatabase } from "@/test/database";
import { createToken, revokeToken, updateToken } from "./actions";
import { getDb } from "@/db";
import { apiTokens } from "@/db/tables";
import { getToken, getTokenAllowance, listTokenEvents, listTokens } from "./queries";
import { lockActiveToken } from "./write/lock";
import { pageNumber } from "@/lib/pagination";
import { activityInput, profileReadInput } from "@/test/token-fixtures";

withTestDatabase();

describe("token queries (integration)", () => {
  it("pages through long lists, 50 at a time", async () => {
    const account = await createTestAccount({ maxActiveTokens: 200 });
    signInAs(account.admin);
    for (let i = 0; i < 60; i++) await createToken(activityInput({ description: `Token ${i}` }));
    const first = await listTokens(account.accountId, 1);
    const second = await listTokens(account.accountId, 2);
    expect(first.total).toBe(60);
    expect(first.rows).toHaveLength(50);
    expect(second.rows).toHaveLength(10);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(60);
    expect(pageNumber("2")).toBe(2);
    for (const bad of [undefined, "0", "-1", "abc", "1.5", ["2"]]) expect(pageNumber(bad)).toBe(1);
  }, 60_000);

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

    expect(await getTokenAllowance(account.accountId)).toEqual({ active: 1, max: 5, rateLimitCeiling: 600, maxLifetimeDays: null });
    expect(await getTokenAllowance(other.accountId)).toMatchObject({ active: 1 });
    const { rows: list, total } = await listTokens(account.accountId);
    expect(total).toBe(2);
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
    expect(await listTokenEvents(other.accountId, created.data.tokenId)).toEqual({ rows: [], total: 0 });
    expect(await getToken(account.accountId, created.data.tokenId)).toMatchObject({ description: "Reporting dashboard", status: "active" });
  });

  it("a change locks only the account's own active token, and reads just the columns it names", async () => {
    const account = await createTestAccount();
    const other = await createTestAccount();
    signInAs(account.admin);
    const created = await createToken(activityInput());
    if (!created.ok) throw new Error("create failed");
    const { tokenId } = created.data;
    const lock = (accountId: string) => getDb().transaction((tx) => lockActiveToken(tx, accountId, tokenId, { description: apiTokens.description }));
    expect(await lock(account.accountId)).toEqual({ description: "Reporting dashboard" });
    expect(await lock(other.accountId)).toBeNull();
    await revokeToken(tokenId);
    // The actions check the status first; this is what a revoke racing a reset or an edit meets.
    expect(await lock(account.accountId)).toBeNull();
  });

  it("history lists newest first with the actor and IP", async () => {
    const account = await createTestAccount();
    signInAs(account.admin);
    const created = await createToken(activityInput());
    if (!created.ok) throw new Error("create failed");
    signInAs(account.marketer);
    await updateToken(created.data.tokenId, { ...activityInput({ description: "Renamed" }), rateLimit: 600 });
    const { rows: events } = await listTokenEvents(account.accountId, created.data.tokenId);
    expect(events.map((e) => [e.action, e.actorName])).toEqual([
      ["edited", account.marketer.name],
      ["created", account.admin.name],
    ]);
    expect(events[0]!.changes).toEqual([{ field: "Description", from: "Reporting dashboard", to: "Renamed" }]);
    expect(events[0]!.ip).toBe("198.51.100.23");
  });
});
