import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { nextMocks, signInAs } from "@/test/next-mocks";
import { getDb } from "@/db";
import { accounts, auditEvents, userInvites, users } from "@/db/tables";
import { getUserById } from "@/lib/auth/queries";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { createTestAccount, withTestDatabase, type TestAccount } from "@/test/database";
import { inviteUser } from "@/lib/team/actions";
import { changePassword, chooseNewPassword, signOutOtherSessions } from "./actions";
import { startTwoFactorSetup } from "./two-factor-actions";

withTestDatabase();

const CURRENT = "current password 1";
const NEW = "a brand new passphrase";
let account: TestAccount;

beforeEach(async () => {
  account = await createTestAccount({ passwordHash: await hashPassword(CURRENT) });
  signInAs(account.admin);
  nextMocks.renewals = [];
  // Each test its own address: the current-password check spends the sign-in budget.
  nextMocks.clientIp = `198.51.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
});

const stored = async () => (await getDb().select().from(users).where(eq(users.id, account.admin.id)))[0]!;
const audited = (action: string) =>
  getDb().select().from(auditEvents).where(and(eq(auditEvents.accountId, account.accountId), eq(auditEvents.action, action)));

describe("changePassword", () => {
  it("refuses a wrong current password on its field and writes nothing", async () => {
    const result = await changePassword({ currentPassword: "not it at all", password: NEW, confirmPassword: NEW });
    expect(result).toEqual({ ok: false, fieldErrors: { currentPassword: "The current password is incorrect" } });
    const row = await stored();
    expect(await verifyPassword(row.passwordHash, CURRENT)).toBe(true);
    expect(row.sessionVersion).toBe(0);
    expect(await audited("user.password_changed")).toHaveLength(0);
  });

  it("applies the password rule and the confirmation", async () => {
    const result = await changePassword({ currentPassword: CURRENT, password: "short", confirmPassword: "other" });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.fieldErrors).toMatchObject({ password: "Use at least 12 characters", confirmPassword: "The passwords do not match" });
  });

  it("changes the password, ends the other sessions, keeps this one and records it", async () => {
    expect(await getUserById(account.admin.id, 0)).not.toBeNull();
    expect(await changePassword({ currentPassword: CURRENT, password: NEW, confirmPassword: NEW })).toEqual({ ok: true, data: undefined });
    const row = await stored();
    expect(await verifyPassword(row.passwordHash, NEW)).toBe(true);
    expect(row.sessionVersion).toBe(1);
    // A session issued under version 0 no longer names a user; this browser's was re-issued under 1.
    expect(await getUserById(account.admin.id, 0)).toBeNull();
    expect(await getUserById(account.admin.id, 1)).toMatchObject({ id: account.admin.id });
    expect(nextMocks.renewals).toEqual([{ userId: account.admin.id, sessionVersion: 1 }]);
    const [event] = await audited("user.password_changed");
    expect(event).toMatchObject({ actorId: account.admin.id, targetId: account.admin.id, ip: nextMocks.clientIp });
    expect(JSON.stringify(event)).not.toContain(NEW);
  });

  it("is throttled like sign-in: after five wrong passwords even the right one is refused", async () => {
    for (let i = 0; i < 5; i++) expect((await changePassword({ currentPassword: `guess ${i}`, password: NEW, confirmPassword: NEW })).ok).toBe(false);
    const result = await changePassword({ currentPassword: CURRENT, password: NEW, confirmPassword: NEW });
    expect(result).toEqual({ ok: false, formError: "Too many failed attempts. Wait 15 minutes, then try again." });
    expect((await stored()).sessionVersion).toBe(0);
  });
});

describe("signOutOtherSessions", () => {
  it("raises the session version without touching the password, and records it", async () => {
    const before = await stored();
    expect(await signOutOtherSessions()).toEqual({ ok: true, data: undefined });
    const after = await stored();
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(await getUserById(account.admin.id, before.sessionVersion)).toBeNull();
    expect(nextMocks.renewals).toEqual([{ userId: account.admin.id, sessionVersion: after.sessionVersion }]);
    expect(await audited("user.sessions_signed_out")).toHaveLength(1);
  });
});

describe("chooseNewPassword (first sign-in)", () => {
  it("only replaces an operator-issued password, then clears the flag", async () => {
    expect(await chooseNewPassword({ password: NEW, confirmPassword: NEW })).toEqual({ ok: false, formError: "Your password has already been chosen." });
    await getDb().update(users).set({ mustChangePassword: true }).where(eq(users.id, account.admin.id));
    await expect(chooseNewPassword({ password: NEW, confirmPassword: NEW })).rejects.toThrow(/NEXT_REDIRECT/);
    const row = await stored();
    expect(row.mustChangePassword).toBe(false);
    expect(await verifyPassword(row.passwordHash, NEW)).toBe(true);
  });
});

describe("a user with a sign-in step to take", () => {
  it("must choose a password first: every other action is refused and writes nothing", async () => {
    await getDb().update(users).set({ mustChangePassword: true }).where(eq(users.id, account.admin.id));
    const refused = { ok: false, formError: "Choose a new password before you continue." };
    expect(await changePassword({ currentPassword: CURRENT, password: NEW, confirmPassword: NEW })).toEqual(refused);
    expect(await signOutOtherSessions()).toEqual(refused);
    expect(await startTwoFactorSetup()).toEqual(refused);
    expect(await inviteUser({ email: "new@example.com", role: "marketer" })).toEqual(refused);
    const row = await stored();
    expect([row.sessionVersion, row.totpSecretEncrypted, await verifyPassword(row.passwordHash, CURRENT)]).toEqual([0, null, true]);
    expect(await getDb().select().from(userInvites).where(eq(userInvites.accountId, account.accountId))).toEqual([]);
    await expect(chooseNewPassword({ password: NEW, confirmPassword: NEW })).rejects.toThrow(/NEXT_REDIRECT/);
  });

  it("must set up the two-factor the account requires of admins: only the set-up runs", async () => {
    await getDb().update(accounts).set({ requireAdminTwoFactor: true }).where(eq(accounts.id, account.accountId));
    const refused = { ok: false, formError: "Your account requires two-factor authentication. Set it up to continue." };
    expect(await signOutOtherSessions()).toEqual(refused);
    expect(await inviteUser({ email: "new@example.com", role: "marketer" })).toEqual(refused);
    expect(await startTwoFactorSetup()).toMatchObject({ ok: true });
    signInAs(account.marketer);
    expect(await signOutOtherSessions()).toEqual({ ok: true, data: undefined });
  });
});
