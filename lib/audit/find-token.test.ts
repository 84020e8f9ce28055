import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { signInAs } from "@/test/next-mocks";
import { getDb } from "@/db";
import { auditEvents } from "@/db/tables";
import { createToken, resetToken, revokeToken } from "@/lib/tokens/actions";
import { generateToken } from "@/lib/tokens/secret";
import { createTestAccount, withTestDatabase, type TestAccount } from "@/test/database";
import { activityInput } from "@/test/token-fixtures";
import { findToken } from "./actions";

withTestDatabase();

let account: TestAccount;
beforeEach(async () => {
  account = await createTestAccount();
  signInAs(account.admin);
});

async function created(description: string) {
  const result = await createToken(activityInput({ description }));
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.data;
}

const find = (token: string) => {
  const form = new FormData();
  form.set("token", token);
  return findToken(null, form);
};

describe("Find a token", () => {
  it("names the account's token a pasted secret belongs to, revoked or not", async () => {
    const { tokenId, token } = await created("Leaked one");
    expect(await find(`  ${token}\n`)).toEqual({ ok: true, data: { token: { id: tokenId, description: "Leaked one", status: "active", oldSecret: false } } });
    await revokeToken(tokenId);
    expect(await find(token)).toMatchObject({ ok: true, data: { token: { id: tokenId, status: "revoked" } } });
  });

  it("finds the old secret of a reset during its overlap", async () => {
    const { tokenId, token: old } = await created("Rotated");
    const reset = await resetToken(tokenId, { keepOldFor: "24h" });
    if (!reset.ok) throw new Error(JSON.stringify(reset));
    expect(await find(old)).toMatchObject({ ok: true, data: { token: { id: tokenId, oldSecret: true } } });
    expect(await find(reset.data.token)).toMatchObject({ ok: true, data: { token: { id: tokenId, oldSecret: false } } });
  });

  it("finds only this account's tokens, and nothing for a token that exists nowhere", async () => {
    const other = await createTestAccount();
    signInAs(other.admin);
    const { token: theirs } = await created("Someone else's");
    signInAs(account.admin);
    expect(await find(theirs)).toEqual({ ok: true, data: { token: null } });
    expect(await find(generateToken("profile_read").token)).toEqual({ ok: true, data: { token: null } });
    expect(await find("not a token at all")).toEqual({ ok: true, data: { token: null } });
  });

  it("records the search without the value; a marketer and an empty field get an answer and nothing is written", async () => {
    const { tokenId, token } = await created("Searched");
    await find(token);
    const rows = await getDb().select().from(auditEvents).where(eq(auditEvents.accountId, account.accountId));
    const searched = rows.filter((r) => r.action === "token.searched");
    expect(searched).toHaveLength(1);
    expect(searched[0]).toMatchObject({ actorId: account.admin.id, targetId: tokenId, detail: { matched: true } });
    expect(JSON.stringify(rows)).not.toContain(token.slice(8));

    expect(await find("   ")).toEqual({ ok: false, fieldErrors: { token: "Paste the token to look for." } });
    signInAs(account.marketer);
    expect(await find(token)).toEqual({ ok: false, formError: "Only admins can search the audit log." });
    const after = await getDb().select().from(auditEvents).where(eq(auditEvents.accountId, account.accountId));
    expect(after).toHaveLength(rows.length);
  });

  it("refuses an overlong value and, per user, more than 20 searches a minute", async () => {
    expect(await find("x".repeat(201))).toEqual({ ok: false, fieldErrors: { token: "That is too long to be an API token." } });
    for (let i = 0; i < 20; i++) expect((await find("hub_act_nothing")).ok).toBe(true);
    expect(await find("hub_act_nothing")).toEqual({ ok: false, formError: "Too many searches. Wait a minute and try again." });
    signInAs((await createTestAccount()).admin);
    expect((await find("hub_act_nothing")).ok).toBe(true);
  });
});
