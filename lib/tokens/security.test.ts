import { describe, expect, it } from "vitest";
import { signInAs } from "@/test/next-mocks";
import { createTestAccount, withTestDatabase } from "@/test/database";
import { activityInput, profileReadInput, tokenSnapshot } from "@/test/token-fixtures";
import { createToken, updateToken } from "./actions";

withTestDatabase();

async function activityTokenOf(account: Awaited<ReturnType<typeof createTestAccount>>) {
  signInAs(account.admin);
  const result = await createToken(activityInput());
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.data.tokenId;
}

describe("only admins change rate limits", () => {
  it("a marketer's edit that changes an Activity token's limit is refused and writes nothing", async () => {
    const account = await createTestAccount();
    const tokenId = await activityTokenOf(account);
    signInAs(account.marketer);
    const before = await tokenSnapshot(account.accountId);
    const result = await updateToken(tokenId, { ...activityInput(), description: "Changed too", rateLimit: 593 });
    expect(result).toEqual({ ok: false, fieldErrors: { rateLimit: "Only admins can change the rate limit." } });
    expect(await tokenSnapshot(account.accountId)).toEqual(before);
  });

  it("a marketer may still edit the details, the limit unchanged", async () => {
    const account = await createTestAccount();
    const tokenId = await activityTokenOf(account);
    signInAs(account.marketer);
    expect(await updateToken(tokenId, { ...activityInput(), description: "Renamed", rateLimit: 600 })).toEqual({ ok: true, data: undefined });
  });
});

describe("descriptions must be visible and undisguised", () => {
  const refused: Array<[string, string]> = [
    ["only zero-width spaces", "\u200B\u200B\u200B"],
    ["a right-to-left override", "Payroll \u202Egnp.exe"],
    ["a bidi isolate", "Reports \u2066x\u2069"],
    ["a NUL", "Reports\u0000"],
    ["a bell", "Reports\u0007"],
    ["a zero-width joiner hiding in a name", "Rep\u200Dorts"],
    ["a lone surrogate", "Reports \uD800"],
  ];
  for (const [what, description] of refused) {
    it(`refuses ${what} with a field message and writes nothing`, async () => {
      const account = await createTestAccount();
      signInAs(account.admin);
      const before = await tokenSnapshot(account.accountId);
      const result = await createToken(activityInput({ description }));
      expect(result.ok).toBe(false);
      expect(!result.ok && result.fieldErrors?.description).toMatch(/.+/);
      expect(await tokenSnapshot(account.accountId)).toEqual(before);
    });
  }

  it("accepts ordinary text in any script, emoji included", async () => {
    const account = await createTestAccount();
    signInAs(account.admin);
    for (const description of ["Café reports ☕", "תקציב שבועי", "週報 ダッシュボード", "👩🏽‍💻 Dev team"]) {
      const result = await createToken(activityInput({ description }));
      expect(result.ok, description).toBe(true);
    }
  });
});

describe("a Profile Read whitelist cannot allow everything in pieces", () => {
  const refused: Array<[string, string[]]> = [
    ["two IPv4 halves", ["0.0.0.0/1", "128.0.0.0/1"]],
    ["two IPv6 halves", ["::/1", "8000::/1"]],
    ["an IPv4 range wider than /8", ["10.0.0.0/7"]],
    ["an IPv6 range wider than /32", ["2001:db8::/31"]],
  ];
  for (const [what, entries] of refused) {
    it(`refuses ${what}`, async () => {
      const account = await createTestAccount();
      signInAs(account.admin);
      const result = await createToken(profileReadInput({ ipAllowList: entries.map((value) => ({ value })) }));
      expect(result.ok).toBe(false);
      const errors = !result.ok ? result.fieldErrors ?? {} : {};
      expect(Object.keys(errors).some((k) => k.startsWith("ipAllowList")), JSON.stringify(errors)).toBe(true);
    });
  }

  it("accepts /8 and /32 at the bound, and any range for Activity tokens", async () => {
    const account = await createTestAccount();
    signInAs(account.admin);
    expect((await createToken(profileReadInput({ ipAllowList: [{ value: "10.0.0.0/8" }, { value: "2001:db8::/32" }] }))).ok).toBe(true);
    expect((await createToken(activityInput({ ipAllowList: [{ value: "0.0.0.0/1" }, { value: "128.0.0.0/1" }] }))).ok).toBe(true);
  });
});
