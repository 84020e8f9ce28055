import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { signInAs } from "@/test/next-mocks";
import { getDb } from "@/db";
import { accounts, apiTokens, tokenEvents } from "@/db/tables";
import { createTestAccount, withTestDatabase, type TestAccount } from "@/test/database";
import { issueToken } from "@/test/api-fixtures";
import { setAccountLimits } from "@/lib/accounts/limits";
import { reviewSuspiciousToken, searchAccessLog } from "./actions";
import { markTokenSuspicious } from "@/lib/tokens/write/suspicious";
import { addRefusedIps, insertAccessRows, listAccessLog, topRefusedIps } from "./queries";
import { purgeExpiredAccessLog } from "./retention";
import { whitelistCandidate } from "./whitelist";

// The console's governance actions: who may call them, what they write, and retention.
withTestDatabase();

let account: TestAccount;
let tokenId: string;
beforeEach(async () => {
  account = await createTestAccount();
  signInAs(account.admin);
  const actor = { id: account.admin.id, name: account.admin.name, accountId: account.accountId, ip: "127.0.0.1" };
  ({ id: tokenId } = await issueToken(actor, { type: "profile_read", description: "Governed", exposedAttributes: ["email"], linkingAttribute: "email", ipAllowList: [{ value: "127.0.0.1" }] }));
});

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};
/** Next's redirect() and notFound() travel as errors carrying a digest. */
const digestOf = (run: Promise<unknown>) => run.then(() => "no error", (e: { digest?: string }) => e.digest ?? String(e));

describe("Was this customer read?", () => {
  it("answers 404 to a marketer and for another account's token", async () => {
    signInAs(account.marketer);
    expect(await digestOf(searchAccessLog(tokenId, null, form({ value: "a@b.test" })))).toMatch(/404/);
    signInAs((await createTestAccount()).admin);
    expect(await digestOf(searchAccessLog(tokenId, null, form({ value: "a@b.test" })))).toMatch(/404/);
  });
});

describe("Mark as reviewed", () => {
  it("clears the mark with a History row; marketers are refused and nothing changes", async () => {
    expect(await markTokenSuspicious(tokenId, "60 % of 100 different values looked up in 10 minutes found no profile", "192.0.2.7", new Date())).not.toBeNull();
    // Only one instance wins: a second mark is a no-op.
    expect(await markTokenSuspicious(tokenId, "again", "192.0.2.7", new Date())).toBeNull();

    signInAs(account.marketer);
    expect(await reviewSuspiciousToken(tokenId)).toEqual({ ok: false, formError: "Only admins can mark a token as reviewed." });
    const [still] = await getDb().select().from(apiTokens).where(eq(apiTokens.id, tokenId));
    expect(still!.suspiciousAt).not.toBeNull();

    signInAs(account.admin);
    expect(await reviewSuspiciousToken(tokenId)).toEqual({ ok: true, data: undefined });
    expect(await reviewSuspiciousToken(tokenId)).toEqual({ ok: false, formError: "This token is no longer marked as suspicious." });
    const events = await getDb().select().from(tokenEvents).where(eq(tokenEvents.tokenId, tokenId)).orderBy(tokenEvents.id);
    expect(events.map((e) => [e.action, e.actorName])).toEqual([
      ["created", account.admin.name],
      ["marked_suspicious", "Hub (enumeration alarm)"],
      ["reviewed", account.admin.name],
    ]);
    expect(events[1]!.ip).toBe("192.0.2.7");
  });
});

describe("retention", () => {
  it("deletes rows older than the account's setting, keeps the rest", async () => {
    const day = 86_400_000;
    const row = (ageDays: number) => ({
      tokenId,
      accountId: account.accountId,
      at: new Date(Date.now() - ageDays * day),
      ip: "127.0.0.1",
      linkingAttribute: "email",
      valueHash: "0".repeat(64),
      outcome: "found" as const,
      attributes: ["email"],
    });
    await insertAccessRows([row(1), row(89), row(91), row(200)]);
    await purgeExpiredAccessLog();
    expect((await listAccessLog(account.accountId, tokenId, {}, null, 10)).length).toBe(2);

    // The operator's setting: shorter keeps less.
    await setAccountLimits(account.slug, { accessLogRetentionDays: "30" });
    await insertAccessRows([row(40)]);
    await purgeExpiredAccessLog();
    const [settings] = await getDb().select({ days: accounts.accessLogRetentionDays }).from(accounts).where(eq(accounts.id, account.accountId));
    expect(settings!.days).toBe(30);
    expect((await listAccessLog(account.accountId, tokenId, {}, null, 10)).length).toBe(1);
    await expect(setAccountLimits(account.slug, { accessLogRetentionDays: "0" })).rejects.toThrow("The access-log retention is at least 1 day");
  });
});

describe("refused-IP retention", () => {
  it("the daily job deletes refused-IP counts older than 30 days, keeps the rest", async () => {
    const dayMs = 86_400_000;
    const row = (ageDays: number, ip: string) => ({
      tokenId,
      accountId: account.accountId,
      day: new Date(Date.now() - ageDays * dayMs).toISOString().slice(0, 10),
      ip,
      count: 1,
      lastSeenAt: new Date(Date.now() - ageDays * dayMs),
    });
    await addRefusedIps([row(0, "192.0.2.1"), row(29, "192.0.2.29"), row(31, "192.0.2.31"), row(400, "192.0.2.200")]);
    await purgeExpiredAccessLog();
    const kept = await topRefusedIps(account.accountId, tokenId, "2000-01-01");
    expect(kept.map((r) => r.ip).sort()).toEqual(["192.0.2.1", "192.0.2.29"]);
  });
});

describe("Add to whitelist", () => {
  it("pre-fills only a valid client address, normalised", () => {
    expect(whitelistCandidate("203.0.113.9")).toBe("203.0.113.9");
    expect(whitelistCandidate("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(whitelistCandidate("2001:DB8::1")).toBe("2001:db8::1");
    expect(whitelistCandidate("not-an-ip")).toBeUndefined();
    expect(whitelistCandidate("0.0.0.0/0")).toBeUndefined();
    expect(whitelistCandidate(undefined)).toBeUndefined();
  });
});
