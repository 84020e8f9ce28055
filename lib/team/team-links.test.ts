import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { signInAs } from "@/test/next-mocks";
import { getDb } from "@/db";
import { passwordResets, userInvites, users } from "@/db/tables";
import { verifyPassword } from "@/lib/auth/password";
import { createTestAccount, withTestDatabase, type TestAccount } from "@/test/database";
import { auditOf, codeOf } from "@/test/team-fixtures";
import { createPasswordResetLink, inviteUser } from "./actions";
import { hashLinkCode } from "./link-code";
import { joinWithInvite, resetPasswordWithLink } from "./link-actions";
import { INVITE_INVALID, RESET_INVALID } from "./messages";
import { findUsableInvite, isUsablePasswordReset } from "./queries";
import { acceptInvite } from "./write/invites";

// Joining signs the new user in through Auth.js: here only that edge is replaced.
const signIn = vi.hoisted(() => vi.fn(async () => undefined));
vi.mock("@/lib/auth", () => ({ signIn }));

withTestDatabase();

const PASSWORD = "a long enough team password";
let account: TestAccount;
beforeEach(async () => {
  account = await createTestAccount();
  signInAs(account.admin);
  signIn.mockClear();
});

async function inviteCode(role: "admin" | "marketer" = "marketer") {
  const email = `joiner-${Math.random().toString(36).slice(2)}@team.test`;
  const result = await inviteUser({ email, role });
  if (!result.ok) throw new Error(JSON.stringify(result));
  signInAs(null);
  return { email, code: codeOf(result.data.link) };
}

const redirectTo = (error: unknown) => String((error as { digest?: string }).digest ?? error).split(";")[2];

describe("joining with an invite", () => {
  it("creates the user with the invite's role and email, marks it used, signs in and opens Integrations", async () => {
    const { email, code } = await inviteCode();
    const error = await joinWithInvite(code, { name: "Mia Marketer", password: PASSWORD, confirmPassword: PASSWORD }).catch((e: unknown) => e);
    expect(redirectTo(error)).toBe("/manage/integrations");
    expect(signIn).toHaveBeenCalledWith("credentials", { email, password: PASSWORD, redirect: false });
    const [user] = await getDb().select().from(users).where(eq(users.email, email));
    expect(user).toMatchObject({ accountId: account.accountId, name: "Mia Marketer", role: "marketer", removedAt: null });
    expect(await verifyPassword(user!.passwordHash, PASSWORD)).toBe(true);
    const [invite] = await getDb().select().from(userInvites).where(eq(userInvites.codeHash, hashLinkCode(code)));
    expect(invite).toMatchObject({ usedById: user!.id });
    expect(invite!.usedAt).not.toBeNull();
    expect((await auditOf(account.accountId)).at(-1)).toMatchObject({ action: "user.joined", actorId: user!.id, targetLabel: "Mia Marketer", detail: { role: "marketer" } });
    // The same link again.
    expect(await joinWithInvite(code, { name: "Again", password: PASSWORD, confirmPassword: PASSWORD })).toEqual({ ok: false, formError: INVITE_INVALID });
  });

  it("gives field messages for bad input and writes nothing", async () => {
    const { code } = await inviteCode();
    const result = await joinWithInvite(code, { name: " ", password: "password1234", confirmPassword: "other" });
    expect(result).toEqual({
      ok: false,
      fieldErrors: { name: "Enter your name", password: "This password is too common. Choose another one.", confirmPassword: "The passwords do not match" },
    });
    expect(await findUsableInvite(code)).not.toBeNull();
  });

  it("lets only one of two concurrent uses of a link succeed", async () => {
    const { email, code } = await inviteCode();
    const person = (name: string) => ({ name, passwordHash: "not-a-hash", ip: null });
    const outcomes = await Promise.all([acceptInvite(code, person("First")), acceptInvite(code, person("Second")), acceptInvite(code, person("Third"))]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok)).toEqual([
      { ok: false, reason: "invalid" },
      { ok: false, reason: "invalid" },
    ]);
    expect(await getDb().select({ id: users.id }).from(users).where(eq(users.email, email))).toHaveLength(1);
    expect((await auditOf(account.accountId)).filter((a) => a.action === "user.joined")).toHaveLength(1);
  });

  it("refuses expired, cancelled and made-up links", async () => {
    const expired = await inviteCode();
    await getDb().update(userInvites).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(userInvites.codeHash, hashLinkCode(expired.code)));
    signInAs(account.admin);
    const cancelled = await inviteCode();
    await getDb().update(userInvites).set({ cancelledAt: sql`now()` }).where(eq(userInvites.codeHash, hashLinkCode(cancelled.code)));
    for (const code of [expired.code, cancelled.code, "A".repeat(43), "short", "../../etc"]) {
      expect(await findUsableInvite(code)).toBeNull();
      expect(await joinWithInvite(code, { name: "Nobody", password: PASSWORD, confirmPassword: PASSWORD })).toEqual({ ok: false, formError: INVITE_INVALID });
    }
    expect(signIn).not.toHaveBeenCalled();
  });
});

describe("password reset links", () => {
  async function resetCode(userId = account.marketer.id) {
    signInAs(account.admin);
    const result = await createPasswordResetLink(userId);
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.data.link).toMatch(/\/reset-password\/[A-Za-z0-9_-]{43}$/);
    signInAs(null);
    return codeOf(result.data.link);
  }

  it("work once: new password, sessions ended, first-sign-in change satisfied, then /login", async () => {
    await getDb().update(users).set({ mustChangePassword: true }).where(eq(users.id, account.marketer.id));
    const code = await resetCode();
    const [row] = await getDb().select().from(passwordResets).where(eq(passwordResets.userId, account.marketer.id));
    expect(row).toMatchObject({ codeHash: hashLinkCode(code), createdById: account.admin.id });
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(3600 * 1000);

    const error = await resetPasswordWithLink(code, { password: PASSWORD, confirmPassword: PASSWORD }).catch((e: unknown) => e);
    expect(redirectTo(error)).toBe("/login?reset=done");
    const [user] = await getDb().select().from(users).where(eq(users.id, account.marketer.id));
    expect(user).toMatchObject({ sessionVersion: 1, mustChangePassword: false });
    expect(await verifyPassword(user!.passwordHash, PASSWORD)).toBe(true);
    expect(await resetPasswordWithLink(code, { password: PASSWORD, confirmPassword: PASSWORD })).toEqual({ ok: false, formError: RESET_INVALID });
    const actions = (await auditOf(account.accountId)).map((a) => [a.action, a.actorName, a.targetLabel]);
    expect(actions).toEqual([
      ["user.password_reset_link_created", account.admin.name, account.marketer.name],
      ["user.password_reset", account.marketer.name, account.marketer.name],
    ]);
    expect(JSON.stringify(await auditOf(account.accountId))).not.toContain(code);
  });

  it("a newer link replaces an older one; an expired link is refused; bad input writes nothing", async () => {
    const older = await resetCode();
    const newer = await resetCode();
    expect(await isUsablePasswordReset(older)).toBe(false);
    expect(await isUsablePasswordReset(newer)).toBe(true);
    expect(await resetPasswordWithLink(newer, { password: "short", confirmPassword: "short" })).toMatchObject({ ok: false, fieldErrors: { password: "Use at least 12 characters" } });
    expect(await isUsablePasswordReset(newer)).toBe(true);
    await getDb().update(passwordResets).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(passwordResets.codeHash, hashLinkCode(newer)));
    expect(await isUsablePasswordReset(newer)).toBe(false);
    expect(await resetPasswordWithLink(newer, { password: PASSWORD, confirmPassword: PASSWORD })).toEqual({ ok: false, formError: RESET_INVALID });
  });

  it("answers another account's user like a missing one", async () => {
    const other = await createTestAccount();
    signInAs(account.admin);
    expect(await createPasswordResetLink(other.admin.id)).toEqual({ ok: false, formError: "This user does not exist or has been removed." });
    expect(await getDb().select().from(passwordResets).where(eq(passwordResets.userId, other.admin.id))).toEqual([]);
  });
});
