import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { signInAs } from "@/test/next-mocks";
import { getDb } from "@/db";
import { accounts, auditEvents, tokenEvents } from "@/db/tables";
import { clock } from "@/lib/clock";
import { createToken, resumeToken } from "@/lib/tokens/actions";
import { getToken } from "@/lib/tokens/queries";
import { pauseUnusedTokens } from "@/lib/tokens/write/pause";
import { createTestAccount, withTestDatabase } from "@/test/database";
import { activityInput } from "@/test/token-fixtures";

// The token policy's pause for disuse (PRODUCT.md §12), with the clock moved instead of waiting.
// The job sweeps the whole database, which other files share: only accounts with a policy are
// touched, and only this file's accounts set one.

withTestDatabase();

const DAY = 86_400_000;
afterEach(() => {
  clock.now = () => Date.now();
});

async function accountWithPolicy(days: number | null) {
  const account = await createTestAccount();
  await getDb().update(accounts).set({ pauseUnusedAfterDays: days }).where(eq(accounts.id, account.accountId));
  signInAs(account.admin);
  const created = await createToken(activityInput({ description: `idle ${Math.random()}` }));
  if (!created.ok) throw new Error(JSON.stringify(created));
  return { account, tokenId: created.data.tokenId };
}

const pausedRows = (tokenId: string) =>
  getDb().select({ actorName: tokenEvents.actorName, changes: tokenEvents.changes, ip: tokenEvents.ip }).from(tokenEvents).where(and(eq(tokenEvents.tokenId, tokenId), eq(tokenEvents.action, "paused")));

describe("pausing tokens not used for N days", () => {
  it("leaves a token alone on day 30 of a 30-day policy", async () => {
    const { account, tokenId } = await accountWithPolicy(30);
    clock.now = () => Date.now() + 30 * DAY - 60_000;
    await pauseUnusedTokens(new Date(clock.now()));
    expect(await getToken(account.accountId, tokenId)).toMatchObject({ pausedAt: null });
  });

  it("pauses a token unused for 31 days once, when two instances run the job at the same moment", async () => {
    const { account, tokenId } = await accountWithPolicy(30);
    const now = new Date(Date.now() + 31 * DAY);
    // Two runs on two connections of the pool, as two instances would.
    await Promise.all([pauseUnusedTokens(now), pauseUnusedTokens(now)]);
    expect(await getToken(account.accountId, tokenId)).toMatchObject({ pausedAt: now, pausedReason: "Not used for 30 days" });
    expect(await pausedRows(tokenId)).toEqual([
      { actorName: "Hub (token policy)", ip: "—", changes: [{ field: "Status", from: "Active", to: "Paused: Not used for 30 days" }] },
    ]);
    const audit = await getDb()
      .select({ actorKind: auditEvents.actorKind, detail: auditEvents.detail })
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, tokenId), eq(auditEvents.action, "token.paused")));
    expect(audit).toEqual([{ actorKind: "system", detail: { type: "activity", reason: "Not used for 30 days" } }]);
  });

  it("counts from the last resume, so a resumed token is not paused again at the next run", async () => {
    const { account, tokenId } = await accountWithPolicy(30);
    const later = Date.now() + 31 * DAY;
    await pauseUnusedTokens(new Date(later));
    clock.now = () => later + 60_000;
    expect(await resumeToken(tokenId)).toEqual({ ok: true });
    await pauseUnusedTokens(new Date(later + 2 * DAY));
    expect(await getToken(account.accountId, tokenId)).toMatchObject({ pausedAt: null });
    expect(await pausedRows(tokenId)).toHaveLength(1);
  });

  it("never pauses without a policy", async () => {
    const { account, tokenId } = await accountWithPolicy(null);
    await pauseUnusedTokens(new Date(Date.now() + 400 * DAY));
    expect(await getToken(account.accountId, tokenId)).toMatchObject({ pausedAt: null });
  });
});
