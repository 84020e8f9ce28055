import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { signInAs, nextMocks } from "@/test/next-mocks";
import { getDb } from "@/db";
import { apiTokens, tokenEvents } from "@/db/tables";
import { createTestAccount, withTestDatabase, type TestAccount } from "@/test/database";
import { createToken, resetToken, revokeToken, updateToken } from "./actions";
import { hashToken } from "./secret";
import { activityInput, profileReadInput, storedHash, tokenSnapshot } from "@/test/token-fixtures";

withTestDatabase();

let account: TestAccount;
beforeEach(async () => {
  account = await createTestAccount();
  signInAs(account.admin);
});

async function created(input = activityInput()) {
  const result = await createToken(input);
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.data;
}

describe("createToken", () => {
  it("stores only the hash and a prefix, with a history row", async () => {
    const { tokenId, token } = await created(profileReadInput({ ipAllowList: [{ value: " 2001:DB8::/32 " }] }));
    expect(token).toMatch(/^hub_prf_/);
    const [row] = await getDb().select().from(apiTokens).where(eq(apiTokens.id, tokenId));
    expect(row).toMatchObject({
      secretHash: hashToken(token),
      displayPrefix: token.slice(0, 11),
      status: "active",
      rateLimit: 600,
      exposedAttributes: ["email", "first_name", "loyalty_tier"],
      linkingAttribute: "email",
      ipAllowList: ["2001:db8::/32"],
      createdById: account.admin.id,
    });
    expect(JSON.stringify(row)).not.toContain(token);
    const events = await getDb().select().from(tokenEvents).where(eq(tokenEvents.tokenId, tokenId));
    expect(events).toMatchObject([{ action: "created", actorName: account.admin.name, ip: nextMocks.clientIp, changes: [] }]);
  });

  it("drops attribute settings from Activity tokens", async () => {
    const { tokenId } = await created(activityInput({ exposedAttributes: ["email"], linkingAttribute: "email" }));
    const [row] = await getDb().select().from(apiTokens).where(eq(apiTokens.id, tokenId));
    expect(row).toMatchObject({ exposedAttributes: [], linkingAttribute: null });
  });

  it("refuses attributes outside the account's catalogue", async () => {
    const before = await tokenSnapshot(account.accountId);
    const result = await createToken(profileReadInput({ exposedAttributes: ["email", "password_hash"], linkingAttribute: "ssn" }));
    expect(result).toEqual({
      ok: false,
      fieldErrors: {
        exposedAttributes: "Choose attributes from your catalogue",
        linkingAttribute: "Choose an attribute from your catalogue",
      },
    });
    expect(await tokenSnapshot(account.accountId)).toEqual(before);
  });
});

describe("linking attributes", () => {
  it("refuses one that does not identify a single profile, on create and on update", async () => {
    const before = await tokenSnapshot(account.accountId);
    const message = "Choose an attribute that identifies one profile, such as Email or Customer ID";
    expect(await createToken(profileReadInput({ linkingAttribute: "loyalty_tier" }))).toEqual({ ok: false, fieldErrors: { linkingAttribute: message } });
    expect(await tokenSnapshot(account.accountId)).toEqual(before);

    const { tokenId } = await created(profileReadInput({ linkingAttribute: "referral_code" }));
    const edit = { ...profileReadInput({ linkingAttribute: "loyalty_tier" }), rateLimit: 600 };
    expect(await updateToken(tokenId, edit)).toEqual({ ok: false, fieldErrors: { linkingAttribute: message } });
    const [row] = await getDb().select().from(apiTokens).where(eq(apiTokens.id, tokenId));
    expect(row!.linkingAttribute).toBe("referral_code");
  });
});

describe("bad input gets field errors and writes nothing", () => {
  const cases: Array<[string, Parameters<typeof createToken>[0], Record<string, string>]> = [
    ["empty description", activityInput({ description: "   " }), { description: "Enter a description" }],
    ["101-character description", activityInput({ description: "x".repeat(101) }), { description: "Use 100 characters or fewer" }],
    ["terms unchecked", activityInput({ acceptTerms: false }), { acceptTerms: "You must agree to the terms and conditions" }],
    ["Profile Read without attributes", profileReadInput({ exposedAttributes: [] }), { exposedAttributes: "Select at least one attribute to expose" }],
    ["Profile Read without a linking attribute", profileReadInput({ linkingAttribute: "" }), { linkingAttribute: "Choose a linking attribute" }],
    ["Profile Read without an IP", profileReadInput({ ipAllowList: [] }), { ipAllowList: "Profile Read tokens need at least one IP address or range" }],
    ["Profile Read allowing 0.0.0.0/0", profileReadInput({ ipAllowList: [{ value: "0.0.0.0/0" }] }),
      { "ipAllowList.0.value": "Profile Read tokens cannot allow every address: enter your servers' addresses" }],
    ["Profile Read allowing ::/0", profileReadInput({ ipAllowList: [{ value: "10.0.0.1" }, { value: "::/0" }] }),
      { "ipAllowList.1.value": "Profile Read tokens cannot allow every address: enter your servers' addresses" }],
    ["malformed IP", activityInput({ ipAllowList: [{ value: "10.0.0.1" }, { value: "300.1.1.1" }] }),
      { "ipAllowList.1.value": "Enter an IPv4 or IPv6 address, or a range such as 203.0.113.0/24" }],
    ["malformed CIDR", activityInput({ ipAllowList: [{ value: "10.0.0.0/40" }] }), { "ipAllowList.0.value": "A IPv4 range ends in /0 to /32" }],
    ["empty IP row", activityInput({ ipAllowList: [{ value: "" }] }), { "ipAllowList.0.value": "Enter an IP address or range" }],
    ["duplicate IP", activityInput({ ipAllowList: [{ value: "10.0.0.1" }, { value: "10.0.0.1/32" }] }),
      { "ipAllowList.1.value": "This address or range is already in the list" }],
    ["51 IP rows", activityInput({ ipAllowList: Array.from({ length: 51 }, (_, i) => ({ value: `10.0.${i}.1` })) }),
      { ipAllowList: "Add at most 50 IP addresses or ranges" }],
    ["unknown type", { ...activityInput(), type: "admin" as never }, { type: "Choose an API type" }],
  ];

  it.each(cases)("%s", async (_name, input, expected) => {
    const before = await tokenSnapshot(account.accountId);
    const result = await createToken(input);
    expect(result.ok).toBe(false);
    expect(result.ok ? {} : result.fieldErrors).toMatchObject(expected);
    expect(await tokenSnapshot(account.accountId)).toEqual(before);
  });

  it("an edit with a bad rate limit or description writes nothing", async () => {
    const { tokenId } = await created();
    const before = await tokenSnapshot(account.accountId);
    const edit = { ...activityInput(), rateLimit: 0 };
    expect(await updateToken(tokenId, edit)).toMatchObject({ ok: false, fieldErrors: { rateLimit: "The rate limit must be at least 1 request per minute" } });
    expect(await updateToken(tokenId, { ...edit, rateLimit: 1.5 })).toMatchObject({ ok: false, fieldErrors: { rateLimit: "Enter a whole number of requests per minute" } });
    expect(await updateToken(tokenId, { ...edit, rateLimit: 601 })).toMatchObject({
      ok: false,
      fieldErrors: { rateLimit: "Your account allows up to 600 requests per minute. Contact your Success Manager to raise it." },
    });
    expect(await updateToken(tokenId, { ...edit, description: "", rateLimit: 100 })).toMatchObject({ ok: false, fieldErrors: { description: "Enter a description" } });
    expect(await tokenSnapshot(account.accountId)).toEqual(before);
  });
});

describe("updateToken", () => {
  it("records which fields changed, old → new, and nothing when nothing changed", async () => {
    const { tokenId } = await created(profileReadInput());
    const edit = { ...profileReadInput({ description: "Website personalisation v2", linkingAttribute: "customer_id" }), rateLimit: 120 };
    expect(await updateToken(tokenId, edit)).toEqual({ ok: true, data: undefined });
    expect(await updateToken(tokenId, edit)).toEqual({ ok: true, data: undefined });
    const events = await getDb().select().from(tokenEvents).where(and(eq(tokenEvents.tokenId, tokenId), eq(tokenEvents.action, "edited")));
    expect(events).toHaveLength(1);
    expect(events[0]!.changes).toEqual([
      { field: "Description", from: "Website personalisation", to: "Website personalisation v2" },
      { field: "Linking attribute", from: "Email", to: "Customer ID" },
      { field: "Rate limit (requests per minute)", from: "600", to: "120" },
    ]);
  });

  it("ignores a type smuggled into the edit", async () => {
    const { tokenId } = await created(profileReadInput());
    const result = await updateToken(tokenId, { ...activityInput({ type: "activity" }), rateLimit: 600 });
    // Still judged as Profile Read: attributes and IPs are required.
    expect(result).toMatchObject({ ok: false, fieldErrors: { exposedAttributes: "Select at least one attribute to expose" } });
  });
});

describe("resetToken and revokeToken", () => {
  it("reset makes the old secret dead at once", async () => {
    const { tokenId, token: old } = await created();
    const result = await resetToken(tokenId);
    if (!result.ok) throw new Error("reset refused");
    expect(result.data.token).not.toBe(old);
    expect(await storedHash(tokenId)).toBe(hashToken(result.data.token));
    const stillThere = await getDb().select().from(apiTokens).where(eq(apiTokens.secretHash, hashToken(old)));
    expect(stillThere).toHaveLength(0);
  });

  it("revoke is permanent: no reset, edit or second revoke afterwards", async () => {
    const { tokenId } = await created();
    expect(await revokeToken(tokenId)).toEqual({ ok: true, data: undefined });
    const before = await tokenSnapshot(account.accountId);
    expect(await revokeToken(tokenId)).toEqual({ ok: false, formError: "This API token is already revoked." });
    expect(await resetToken(tokenId)).toMatchObject({ ok: false, formError: expect.stringMatching(/revoked/) });
    expect(await updateToken(tokenId, { ...activityInput(), rateLimit: 10 })).toMatchObject({ ok: false, formError: expect.stringMatching(/revoked/) });
    expect(await tokenSnapshot(account.accountId)).toEqual(before);
  });
});

describe("the five-token cap", () => {
  it("revoked tokens stay listed but free a place", async () => {
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await created()).tokenId);
    expect(await createToken(activityInput())).toEqual({
      ok: false,
      formError: "Your account can have up to 5 active API tokens. Revoke one to create another.",
    });
    await revokeToken(ids[0]!);
    expect((await createToken(activityInput())).ok).toBe(true);
  });

  it("20 simultaneous creates: exactly 5 succeed and 5 rows are active", async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => createToken(activityInput({ description: `Race ${i}` }))));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(15);
    for (const r of refused) expect(r).toEqual({ ok: false, formError: expect.stringMatching(/up to 5 active API tokens/) });
    const active = await getDb()
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.accountId, account.accountId), eq(apiTokens.status, "active")));
    expect(active).toHaveLength(5);
  });

  it("10 simultaneous resets: exactly one returned secret is the stored one", async () => {
    const { tokenId } = await created();
    const results = await Promise.all(Array.from({ length: 10 }, () => resetToken(tokenId)));
    const secrets = results.map((r) => (r.ok ? r.data.token : null)).filter((s): s is string => s !== null);
    const stored = await storedHash(tokenId);
    expect(secrets.filter((s) => hashToken(s) === stored)).toHaveLength(1);
    const resets = await getDb().select().from(tokenEvents).where(and(eq(tokenEvents.tokenId, tokenId), eq(tokenEvents.action, "reset")));
    expect(resets).toHaveLength(secrets.length);
  });
});

describe("authorization matrix: who may change which token", () => {
  type Who = "admin" | "marketer" | "otherAdmin";
  let other: TestAccount;
  beforeEach(async () => {
    other = await createTestAccount();
  });
  const userFor = (who: Who) => (who === "admin" ? account.admin : who === "marketer" ? account.marketer : other.admin);

  async function tokenOf(type: "activity" | "profile_read") {
    signInAs(account.admin);
    const { tokenId } = await created(type === "activity" ? activityInput() : profileReadInput());
    return tokenId;
  }

  const matrix: Array<[string, Who, "allowed" | "refused" | "not found"]> = [];
  for (const action of ["update activity", "update profile_read", "reset", "revoke"]) {
    matrix.push([action, "admin", "allowed"]);
    matrix.push([action, "marketer", action === "update activity" ? "allowed" : "refused"]);
    matrix.push([action, "otherAdmin", "not found"]);
  }

  it.each(matrix)("%s as %s → %s", async (action, who, expected) => {
    const tokenId = await tokenOf(action === "update profile_read" ? "profile_read" : "activity");
    const before = await tokenSnapshot(account.accountId);
    signInAs(userFor(who));
    const run = () => {
      if (action.startsWith("update")) {
        const input = action === "update activity" ? activityInput({ description: "Changed" }) : profileReadInput({ description: "Changed" });
        // Only admins change the limit (security.test.ts): a marketer's edit keeps it.
        return updateToken(tokenId, { ...input, rateLimit: who === "marketer" ? 600 : 300 });
      }
      return action === "reset" ? resetToken(tokenId) : revokeToken(tokenId);
    };
    const result = await run();
    if (expected === "allowed") {
      expect(result.ok).toBe(true);
      return;
    }
    expect(result.ok).toBe(false);
    expect(await tokenSnapshot(account.accountId)).toEqual(before);
    if (expected === "not found") {
      // Exactly the answer for an id that does not exist anywhere.
      const missing = await (action.startsWith("update") ? updateToken(randomUUID(), { ...activityInput(), rateLimit: 1 }) : action === "reset" ? resetToken(randomUUID()) : revokeToken(randomUUID()));
      expect(result).toEqual(missing);
    } else {
      expect(result).toMatchObject({ formError: expect.stringMatching(/^Only admins can/) });
    }
  });

  it.each([
    ["admin", "activity", true], ["admin", "profile_read", true],
    ["marketer", "activity", true], ["marketer", "profile_read", false],
  ] as const)("create %s as %s → allowed: %s", async (who, type, allowed) => {
    signInAs(userFor(who));
    const before = await tokenSnapshot(account.accountId);
    const result = await createToken(type === "activity" ? activityInput() : profileReadInput());
    expect(result.ok).toBe(allowed);
    if (!allowed) {
      expect(result).toEqual({ ok: false, fieldErrors: { type: "Only admins can create Profile Read tokens" } });
      expect(await tokenSnapshot(account.accountId)).toEqual(before);
    }
  });

  it("a signed-out caller is turned away before anything is read or written", async () => {
    const tokenId = await tokenOf("activity");
    const before = await tokenSnapshot(account.accountId);
    signInAs(null);
    await expect(createToken(activityInput())).rejects.toThrow(/NEXT_REDIRECT/);
    await expect(resetToken(tokenId)).rejects.toThrow(/NEXT_REDIRECT/);
    await expect(revokeToken(tokenId)).rejects.toThrow(/NEXT_REDIRECT/);
    await expect(updateToken(tokenId, { ...activityInput(), rateLimit: 5 })).rejects.toThrow(/NEXT_REDIRECT/);
    expect(await tokenSnapshot(account.accountId)).toEqual(before);
  });

  it("malformed ids answer like missing ones", async () => {
    for (const id of ["not-a-uuid", "", "'; drop table api_tokens; --"]) {
      expect(await revokeToken(id)).toEqual({ ok: false, formError: "This API token does not exist or has been removed." });
    }
  });
});
