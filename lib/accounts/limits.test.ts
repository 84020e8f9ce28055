import { describe, expect, it } from "vitest";
import { signInAs } from "@/test/next-mocks";
import { getDb } from "@/db";
import { accounts, auditEvents, operatorEvents } from "@/db/tables";
import { eq } from "drizzle-orm";
import { createTestAccount, withTestDatabase } from "@/test/database";
import { createToken, updateToken } from "@/lib/tokens/actions";
import { activityInput } from "@/test/token-fixtures";
import { setAccountLimits } from "./limits";
import { currentOperator } from "./operator-log";

withTestDatabase();

async function slugOf(accountId: string) {
  const [row] = await getDb().select({ slug: accounts.slug }).from(accounts).where(eq(accounts.id, accountId));
  return row!.slug;
}

describe("setAccountLimits (operator)", () => {
  it("raises the cap and the ceiling, which the console then honours", async () => {
    const account = await createTestAccount();
    signInAs(account.admin);
    const slug = await slugOf(account.accountId);
    expect(await setAccountLimits(slug, { maxActiveTokens: "6", rateLimitCeiling: "1200" })).toMatchObject({
      maxActiveTokens: 6,
      rateLimitCeiling: 1200,
    });
    const results = [];
    for (let i = 0; i < 7; i++) results.push(await createToken(activityInput()));
    expect(results.filter((r) => r.ok)).toHaveLength(6);
    const first = results[0]!;
    if (!first.ok) throw new Error("create failed");
    expect(await updateToken(first.data.tokenId, { ...activityInput(), rateLimit: 1200 })).toEqual({ ok: true, data: undefined });
    const records = await getDb().select().from(operatorEvents).where(eq(operatorEvents.accountId, account.accountId));
    expect(records.map((r) => [r.action, r.detail])).toEqual([
      ["limits.changed", { from: { maxActiveTokens: 5, accessLogRetentionDays: 90, auditLogRetentionDays: 365, rateLimitCeiling: 600, maxTokenLifetimeDays: null }, to: { maxActiveTokens: 6, rateLimitCeiling: 1200 } }],
    ]);
  });

  it("sets how long the audit log is kept, on record as the operator's command", async () => {
    const account = await createTestAccount();
    const slug = await slugOf(account.accountId);
    expect(await setAccountLimits(slug, { auditLogRetentionDays: "730" })).toMatchObject({ auditLogRetentionDays: 730 });
    const [settings] = await getDb().select({ days: accounts.auditLogRetentionDays }).from(accounts).where(eq(accounts.id, account.accountId));
    expect(settings!.days).toBe(730);
    const rows = await getDb().select().from(auditEvents).where(eq(auditEvents.accountId, account.accountId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorKind: "operator",
      actorName: `Operator (${currentOperator()})`,
      action: "account.limits_changed",
      targetKind: "account",
      detail: { auditLogRetentionDays: 730 },
    });
  });

  it("keeps the audit log from 30 to 3,650 days, and says so otherwise without changing anything", async () => {
    const account = await createTestAccount();
    const slug = await slugOf(account.accountId);
    await expect(setAccountLimits(slug, { auditLogRetentionDays: "29" })).rejects.toThrow(/^The audit-log retention is at least 30 days$/);
    await expect(setAccountLimits(slug, { auditLogRetentionDays: "3651" })).rejects.toThrow(/^The audit-log retention is at most 3,650 days$/);
    await expect(setAccountLimits(slug, { auditLogRetentionDays: "a year" })).rejects.toThrow(/^The audit-log retention is a whole number of days, from 30 to 3,650$/);
    await expect(setAccountLimits(slug, { auditLogRetentionDays: "90.5" })).rejects.toThrow(/whole number of days/);
    // A bad value beside a good one: nothing is written.
    await expect(setAccountLimits(slug, { maxActiveTokens: "7", auditLogRetentionDays: "10" })).rejects.toThrow(/at least 30 days/);
    const [settings] = await getDb().select({ days: accounts.auditLogRetentionDays, cap: accounts.maxActiveTokens }).from(accounts).where(eq(accounts.id, account.accountId));
    expect(settings).toEqual({ days: 365, cap: 5 });
    expect(await getDb().select().from(auditEvents).where(eq(auditEvents.accountId, account.accountId))).toEqual([]);
  });

  it("refuses nonsense and unknown accounts", async () => {
    const account = await createTestAccount();
    const slug = await slugOf(account.accountId);
    await expect(setAccountLimits(slug, { maxActiveTokens: "0" })).rejects.toThrow();
    await expect(setAccountLimits(slug, { rateLimitCeiling: "ten" })).rejects.toThrow();
    await expect(setAccountLimits(slug, {})).rejects.toThrow(/Nothing to change/);
    await expect(setAccountLimits("no-such-account", { maxActiveTokens: "3" })).rejects.toThrow(/No account/);
  });
});
