import { randomUUID } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { signInAs } from "@/test/next-mocks";
import { getDb } from "@/db";
import { auditEvents, tokenEvents } from "@/db/tables";
import { authorizeCredentials, SignInThrottled } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";
import { signInPolicy } from "@/lib/auth/sign-in-throttle";
import { createToken, resetToken, revokeToken, stopOldToken, updateToken } from "@/lib/tokens/actions";
import { createTestAccount, withTestDatabase, type TestAccount } from "@/test/database";
import { activityInput } from "@/test/token-fixtures";

// Everything on record through one path: each token change writes exactly one audit row beside
// its History row (recordChange), and every sign-in attempt writes its own.
withTestDatabase();

let account: TestAccount;
beforeEach(async () => {
  account = await createTestAccount({ passwordHash: await hashPassword("correct horse battery") });
  signInAs(account.admin);
});

const auditRows = (accountId: string) =>
  getDb()
    .select({ action: auditEvents.action, actorKind: auditEvents.actorKind, actorId: auditEvents.actorId, actorName: auditEvents.actorName, targetKind: auditEvents.targetKind, targetId: auditEvents.targetId, targetLabel: auditEvents.targetLabel, ip: auditEvents.ip, detail: auditEvents.detail })
    .from(auditEvents)
    .where(eq(auditEvents.accountId, accountId))
    .orderBy(asc(auditEvents.id));

describe("token changes", () => {
  it("write exactly one audit row per change, beside each History row", async () => {
    const created = await createToken(activityInput({ description: "Audit me" }));
    if (!created.ok) throw new Error(JSON.stringify(created));
    const { tokenId } = created.data;
    expect(await updateToken(tokenId, { ...activityInput({ description: "Audit me, renamed" }), rateLimit: 300 })).toEqual({ ok: true, data: undefined });
    expect((await resetToken(tokenId, { keepOldFor: "1h" })).ok).toBe(true);
    expect(await stopOldToken(tokenId)).toEqual({ ok: true, data: undefined });
    expect(await revokeToken(tokenId)).toEqual({ ok: true, data: undefined });

    const rows = await auditRows(account.accountId);
    expect(rows.map((r) => r.action)).toEqual(["token.created", "token.updated", "token.reset", "token.old_token_stopped", "token.revoked"]);
    const history = await getDb().select({ n: sql<number>`count(*)::int` }).from(tokenEvents).where(eq(tokenEvents.tokenId, tokenId));
    expect(history[0]!.n).toBe(rows.length);
    for (const row of rows) {
      expect(row).toMatchObject({ actorKind: "user", actorId: account.admin.id, actorName: account.admin.name, targetKind: "token", targetId: tokenId, ip: "198.51.100.23" });
    }
    // The label is the description as it stood at that change; an edit names its fields, never values.
    expect(rows[0]!.targetLabel).toBe("Audit me");
    expect(rows[4]!.targetLabel).toBe("Audit me, renamed");
    expect(rows[1]!.detail).toEqual({ type: "activity", fields: expect.arrayContaining(["Description"]) });
    expect(JSON.stringify(rows[1]!.detail)).not.toContain("renamed");
  });

  it("writes nothing when a change is refused", async () => {
    const created = await createToken(activityInput());
    if (!created.ok) throw new Error(JSON.stringify(created));
    signInAs(account.marketer);
    expect((await revokeToken(created.data.tokenId)).ok).toBe(false);
    expect((await auditRows(account.accountId)).map((r) => r.action)).toEqual(["token.created"]);
  });
});

describe("sign-ins", () => {
  const ip = () => `203.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

  it("records a success and a wrong password as the user's, from the client IP", async () => {
    const from = ip();
    expect(await authorizeCredentials({ email: account.admin.email, password: "wrong password" }, from)).toBeNull();
    expect(await authorizeCredentials({ email: account.admin.email, password: "correct horse battery" }, from)).toEqual({ id: account.admin.id, sessionVersion: 0 });
    const rows = await auditRows(account.accountId);
    expect(rows.map((r) => r.action)).toEqual(["sign_in.failed", "sign_in.succeeded"]);
    for (const row of rows) {
      expect(row).toMatchObject({ actorKind: "user", actorId: account.admin.id, targetKind: "user", targetId: account.admin.id, targetLabel: account.admin.name, ip: from, detail: {} });
    }
  });

  it("records a throttled attempt", async () => {
    const email = account.marketer.email;
    for (let i = 0; i < signInPolicy.perEmail.points; i++) await authorizeCredentials({ email, password: `guess ${i}` }, ip());
    await expect(authorizeCredentials({ email, password: "correct horse battery" }, ip())).rejects.toBeInstanceOf(SignInThrottled);
    const actions = (await auditRows(account.accountId)).map((r) => r.action);
    expect(actions.filter((a) => a === "sign_in.failed")).toHaveLength(signInPolicy.perEmail.points);
    expect(actions.at(-1)).toBe("sign_in.throttled");
  });

  it("ties an email that names no user to no account, and never writes the email", async () => {
    const email = `nobody-${randomUUID()}@example.test`;
    expect(await authorizeCredentials({ email, password: "whatever it is" }, ip())).toBeNull();
    const [found] = await getDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(and(sql`${auditEvents.detail}::text like ${`%${email}%`}`));
    expect(found!.n).toBe(0);
    expect(await auditRows(account.accountId)).toEqual([]);
  });
});
