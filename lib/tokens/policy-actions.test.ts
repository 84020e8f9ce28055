import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { signInAs } from "@/test/next-mocks";
import { getDb } from "@/db";
import { accounts, auditEvents } from "@/db/tables";
import { createToken, shortenExpiry } from "@/lib/tokens/actions";
import { dateInputValue } from "@/lib/tokens/expiry";
import { lifetimeChoicesWithin, stricterLifetime } from "@/lib/tokens/policy";
import { saveTokenPolicy } from "@/lib/tokens/policy-actions";
import { getTokenAllowance, getTokenPolicy } from "@/lib/tokens/queries";
import { createTestAccount, withTestDatabase, type TestAccount } from "@/test/database";
import { activityInput } from "@/test/token-fixtures";

// The account's own token policy (PRODUCT.md §12), within the operator's ceiling.

withTestDatabase();

let account: TestAccount;
beforeEach(async () => {
  account = await createTestAccount();
  signInAs(account.admin);
});

const setCeiling = (days: number | null) => getDb().update(accounts).set({ maxTokenLifetimeDays: days }).where(eq(accounts.id, account.accountId));
const auditRows = () =>
  getDb()
    .select({ detail: auditEvents.detail, actorName: auditEvents.actorName })
    .from(auditEvents)
    .where(and(eq(auditEvents.accountId, account.accountId), eq(auditEvents.action, "account.token_policy_changed")));

describe("the token policy", () => {
  it("is the stricter of the operator's ceiling and the account's maximum", () => {
    expect(stricterLifetime(null, null)).toBeNull();
    expect(stricterLifetime(90, null)).toBe(90);
    expect(stricterLifetime(null, 60)).toBe(60);
    expect(stricterLifetime(90, 180)).toBe(90);
    expect(lifetimeChoicesWithin(90).map((c) => c.label)).toEqual(["No maximum", "30 days", "60 days", "90 days"]);
  });

  it("saves both choices with one audit row; saving them again records nothing", async () => {
    expect(await saveTokenPolicy({ maxLifetime: "90", pauseUnusedAfter: "30" })).toEqual({ ok: true, data: undefined });
    expect(await getTokenPolicy(account.accountId)).toEqual({ ceilingDays: null, maxLifetimeDays: 90, pauseUnusedAfterDays: 30 });
    await saveTokenPolicy({ maxLifetime: "90", pauseUnusedAfter: "30" });
    expect(await auditRows()).toEqual([
      { actorName: account.admin.name, detail: { fields: ["maxLifetimeDays", "pauseUnusedAfterDays"], max_lifetime_days: 90, pause_unused_after_days: 30 } },
    ]);
  });

  it('removes "Never" from new tokens and caps Shorten expiry', async () => {
    await saveTokenPolicy({ maxLifetime: "30", pauseUnusedAfter: "never" });
    expect((await getTokenAllowance(account.accountId)).maxLifetimeDays).toBe(30);
    expect(await createToken(activityInput({ expires: "never" }))).toEqual({ ok: false, fieldErrors: { expires: "Your account's tokens must expire within 30 days" } });
    expect(await createToken(activityInput({ expires: "60" }))).toEqual({ ok: false, fieldErrors: { expires: "Your account's tokens must expire within 30 days" } });
    const made = await createToken(activityInput({ expires: "30" }));
    expect(made.ok).toBe(true);
  });

  it("refuses a maximum above the operator's ceiling, with the field's message, and writes nothing", async () => {
    await setCeiling(60);
    expect(await saveTokenPolicy({ maxLifetime: "90", pauseUnusedAfter: "never" })).toEqual({
      ok: false,
      fieldErrors: { maxLifetime: "Hub support limits your tokens to 60 days: choose 60 days or fewer" },
    });
    expect(await getTokenPolicy(account.accountId)).toEqual({ ceilingDays: 60, maxLifetimeDays: null, pauseUnusedAfterDays: null });
    expect(await auditRows()).toEqual([]);
  });

  it("refuses a value outside the choices, and a marketer", async () => {
    expect(await saveTokenPolicy({ maxLifetime: "45" as "30", pauseUnusedAfter: "never" })).toMatchObject({ ok: false, fieldErrors: { maxLifetime: "Choose a maximum lifetime" } });
    signInAs(account.marketer);
    expect(await saveTokenPolicy({ maxLifetime: "30", pauseUnusedAfter: "never" })).toEqual({ ok: false, formError: "Only admins can change the token policy." });
    expect(await getTokenPolicy(account.accountId)).toMatchObject({ maxLifetimeDays: null });
  });

  it("Shorten expiry obeys the account's maximum too", async () => {
    const made = await createToken(activityInput());
    if (!made.ok) throw new Error(JSON.stringify(made));
    await saveTokenPolicy({ maxLifetime: "30", pauseUnusedAfter: "never" });
    const result = await shortenExpiry(made.data.tokenId, { expiresOn: dateInputValue(Date.now(), 45) });
    expect(result).toEqual({ ok: false, fieldErrors: { expiresOn: "Your account's tokens must expire within 30 days" } });
  });
});
