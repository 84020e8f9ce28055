import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { apiTokens, auditEvents, tokenEvents } from "@/db/tables";
import { signInAs } from "@/test/next-mocks";
import { createTestAccount, withTestDatabase, type TestAccount } from "@/test/database";
import { activityInput, profileReadInput, tokenSnapshot } from "@/test/token-fixtures";
import { createToken, updateToken } from "./actions";

// The console's side of PRODUCT.md §11: an Activity token's scopes, a Profile Read token's
// purpose and daily profile limit, through the server actions the forms call.
withTestDatabase();

let account: TestAccount;
beforeEach(async () => {
  account = await createTestAccount();
  signInAs(account.admin);
});

async function created(input = activityInput()) {
  const result = await createToken(input);
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.data.tokenId;
}
const stored = async (tokenId: string) =>
  (await getDb().select({ scopes: apiTokens.scopes, purpose: apiTokens.purpose, dailyProfileLimit: apiTokens.dailyProfileLimit }).from(apiTokens).where(eq(apiTokens.id, tokenId)))[0];

describe("an Activity token's scopes", () => {
  it("are stored as ticked, in the form's order; left out, all four", async () => {
    expect(await stored(await created(activityInput({ scopes: ["activity:read", "groups:read"] })))).toEqual({ scopes: ["groups:read", "activity:read"], purpose: null, dailyProfileLimit: null });
    expect((await stored(await created(activityInput())))!.scopes).toEqual(["users:read", "groups:read", "forms:read", "activity:read"]);
  });

  it("a form with no scope ticked is refused with a message and writes nothing, on create and on edit", async () => {
    const tokenId = await created(activityInput({ scopes: ["groups:read"] }));
    const before = await tokenSnapshot(account.accountId);
    expect(await createToken(activityInput({ scopes: [] }))).toEqual({ ok: false, fieldErrors: { scopes: "Choose at least one scope" } });
    expect(await updateToken(tokenId, { ...activityInput({ scopes: [] }), rateLimit: 600 })).toEqual({ ok: false, fieldErrors: { scopes: "Choose at least one scope" } });
    expect(await createToken(activityInput({ scopes: ["users:write" as never] }))).toMatchObject({ ok: false, fieldErrors: { "scopes.0": "Choose scopes from the list" } });
    expect(await tokenSnapshot(account.accountId)).toEqual(before);
  });

  it("an edit records the change in History and the audit log; one that leaves scopes out keeps them", async () => {
    const tokenId = await created(activityInput({ description: "Scoped", scopes: ["groups:read"] }));
    expect(await updateToken(tokenId, { ...activityInput({ description: "Scoped", scopes: ["groups:read", "users:read"] }), rateLimit: 600 })).toEqual({ ok: true, data: undefined });
    const { scopes: _left, ...withoutScopes } = activityInput({ description: "Scoped, renamed" });
    expect(await updateToken(tokenId, { ...withoutScopes, rateLimit: 600 })).toEqual({ ok: true, data: undefined });
    expect((await stored(tokenId))!.scopes).toEqual(["users:read", "groups:read"]);

    const history = await getDb().select({ changes: tokenEvents.changes }).from(tokenEvents).where(and(eq(tokenEvents.tokenId, tokenId), eq(tokenEvents.action, "edited"))).orderBy(tokenEvents.createdAt);
    expect(history.map((h) => h.changes)).toEqual([
      [{ field: "Scopes", from: "Groups", to: "Users, Groups" }],
      [{ field: "Description", from: "Scoped", to: "Scoped, renamed" }],
    ]);
    const audit = await getDb().select({ detail: auditEvents.detail }).from(auditEvents).where(and(eq(auditEvents.targetId, tokenId), eq(auditEvents.action, "token.updated")));
    expect(audit.map((a) => a.detail)).toContainEqual(expect.objectContaining({ fields: ["Scopes"] }));
  });
});

describe("a Profile Read token's purpose and daily profile limit", () => {
  it("are stored as chosen (no scopes); left out, personalisation and 10,000", async () => {
    expect(await stored(await created(profileReadInput({ purpose: "analytics", dailyProfileLimit: 250 })))).toEqual({ scopes: [], purpose: "analytics", dailyProfileLimit: 250 });
    expect(await stored(await created(profileReadInput()))).toEqual({ scopes: [], purpose: "personalisation", dailyProfileLimit: 10_000 });
  });

  it.each([
    [0, "Enter a limit from 1 to 1,000,000 customers"],
    [1_000_001, "Enter a limit from 1 to 1,000,000 customers"],
    [12.5, "Enter a whole number of customers"],
    [Number.NaN, "Enter the daily profile limit"],
  ])("refuses a daily limit of %d with a message and writes nothing", async (dailyProfileLimit, message) => {
    const before = await tokenSnapshot(account.accountId);
    expect(await createToken(profileReadInput({ dailyProfileLimit }))).toEqual({ ok: false, fieldErrors: { dailyProfileLimit: message } });
    expect(await tokenSnapshot(account.accountId)).toEqual(before);
  });

  it("refuses an unknown purpose; an edit of both shows in History", async () => {
    expect(await createToken(profileReadInput({ purpose: "marketing" as never }))).toEqual({ ok: false, fieldErrors: { purpose: "Choose a purpose" } });
    const tokenId = await created(profileReadInput());
    expect(await updateToken(tokenId, { ...profileReadInput({ purpose: "service", dailyProfileLimit: 500 }), rateLimit: 600 })).toEqual({ ok: true, data: undefined });
    const [edit] = await getDb().select({ changes: tokenEvents.changes }).from(tokenEvents).where(and(eq(tokenEvents.tokenId, tokenId), eq(tokenEvents.action, "edited")));
    expect(edit!.changes).toEqual([
      { field: "Purpose", from: "Personalisation", to: "Customer service" },
      { field: "Daily profile limit (distinct customers)", from: "10,000", to: "500" },
    ]);
  });
});
