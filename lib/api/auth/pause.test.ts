import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { signInAs } from "@/test/next-mocks";
import { getDb } from "@/db";
import { auditEvents, tokenEvents } from "@/db/tables";
import { capMessage } from "@/lib/tokens/cap";
import { createToken, pauseToken, resetToken, resumeToken, revokeToken, updateToken } from "@/lib/tokens/actions";
import { getToken, getTokenAllowance, listLiveTokenFacts, listTokens } from "@/lib/tokens/queries";
import { withTestDatabase } from "@/test/database";
import { withSignedInAdmin, within1s } from "@/test/signed-in-admin";
import { activityInput, tokenSnapshot } from "@/test/token-fixtures";

// Pause and resume (PRODUCT.md §12), end to end: the console's actions and the real HTTP API.

withTestDatabase();

const admin = withSignedInAdmin("pause");
const { forms, issued } = admin;

const history = async (tokenId: string) =>
  getDb().select({ action: tokenEvents.action, actorName: tokenEvents.actorName, changes: tokenEvents.changes }).from(tokenEvents).where(eq(tokenEvents.tokenId, tokenId)).orderBy(tokenEvents.id);

describe("pausing a token", () => {
  it("is refused by the API like a revoked token (401 invalid_token) within 1 s, and works again once resumed", async () => {
    const { tokenId, token } = await issued();
    expect((await forms(token)).status).toBe(200); // cached now: the pause must reach the cache
    expect(await pauseToken(tokenId)).toEqual({ ok: true });
    await within1s(async () => expect(await forms(token)).toMatchObject({ status: 401, body: { error: { code: "invalid_token" } } }));
    expect(await getToken(admin.account.accountId, tokenId)).toMatchObject({ status: "active", pausedReason: null, pausedAt: expect.any(Date) });

    expect(await resumeToken(tokenId)).toEqual({ ok: true });
    await within1s(async () => expect((await forms(token)).status).toBe(200));
    expect(await getToken(admin.account.accountId, tokenId)).toMatchObject({ pausedAt: null });
  });

  it("is recorded in History and the audit log, with who did it", async () => {
    const { tokenId } = await issued();
    await pauseToken(tokenId);
    await resumeToken(tokenId);
    const name = admin.account.admin.name;
    expect(await history(tokenId)).toEqual([
      { action: "created", actorName: name, changes: [] },
      { action: "paused", actorName: name, changes: [{ field: "Status", from: "Active", to: "Paused" }] },
      { action: "resumed", actorName: name, changes: [{ field: "Status", from: "Paused", to: "Active" }] },
    ]);
    const audit = await getDb()
      .select({ action: auditEvents.action, actorName: auditEvents.actorName })
      .from(auditEvents)
      .where(and(eq(auditEvents.accountId, admin.account.accountId), eq(auditEvents.targetId, tokenId)))
      .orderBy(auditEvents.id);
    expect(audit.map((row) => row.action)).toEqual(["token.created", "token.paused", "token.resumed"]);
    expect(audit[1]!.actorName).toBe(name);
  });

  it("keeps its settings: a paused token can still be edited, and revoked", async () => {
    const { tokenId } = await issued("paused but edited");
    await pauseToken(tokenId);
    const edit = await updateToken(tokenId, { type: "activity", description: "renamed while paused", exposedAttributes: [], linkingAttribute: "", ipAllowList: [], rateLimit: 600 });
    expect(edit).toEqual({ ok: true });
    expect(await getToken(admin.account.accountId, tokenId)).toMatchObject({ description: "renamed while paused", pausedAt: expect.any(Date) });
    expect(await revokeToken(tokenId)).toEqual({ ok: true });
    expect(await resumeToken(tokenId)).toEqual({ ok: false, formError: "This API token has been revoked and can no longer be changed." });
  });

  it("twice is refused with a message, and resuming an active token too", async () => {
    const { tokenId } = await issued();
    expect(await resumeToken(tokenId)).toEqual({ ok: false, formError: "This API token is not paused." });
    await pauseToken(tokenId);
    expect(await pauseToken(tokenId)).toEqual({ ok: false, formError: "This API token is already paused." });
  });

  it("is for admins only: a marketer is refused and nothing is written", async () => {
    const { tokenId, token } = await issued();
    signInAs(admin.account.marketer);
    const before = await tokenSnapshot(admin.account.accountId);
    expect(await pauseToken(tokenId)).toEqual({ ok: false, formError: "Only admins can pause API tokens." });
    expect(await tokenSnapshot(admin.account.accountId)).toEqual(before);
    expect((await forms(token)).status).toBe(200);
  });

  it("another account's token answers like a missing one", async () => {
    const { tokenId } = await issued();
    const { createTestAccount } = await import("@/test/database");
    signInAs((await createTestAccount()).admin);
    expect(await pauseToken(tokenId)).toEqual({ ok: false, formError: "This API token does not exist or has been removed." });
  });

  it("is listed as paused, and still judged by Needs attention (reset counted from History)", async () => {
    const { tokenId } = await issued("listed while paused");
    await pauseToken(tokenId);
    const { rows } = await listTokens(admin.account.accountId);
    expect(rows.find((r) => r.id === tokenId)).toMatchObject({ pausedAt: expect.any(Date), lastResetAt: null });
    expect(await listLiveTokenFacts(admin.account.accountId, new Date())).toHaveLength(1);
    expect((await resetToken(tokenId)).ok).toBe(true);
    const [facts] = await listLiveTokenFacts(admin.account.accountId, new Date());
    expect(facts!.lastResetAt).toBeInstanceOf(Date);
  });

  it("still counts towards the cap: a paused token holds its slot", async () => {
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await issued());
    await pauseToken(made[0]!.tokenId);
    expect(await getTokenAllowance(admin.account.accountId)).toMatchObject({ active: 5, max: 5 });
    expect(await createToken(activityInput({ description: "a sixth" }))).toEqual({ ok: false, formError: capMessage(5) });
  });
});
