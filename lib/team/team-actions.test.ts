import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { signInAs } from "@/test/next-mocks";
import { getDb } from "@/db";
import { apiTokens, passwordResets, userInvites, users } from "@/db/tables";
import { getUserById } from "@/lib/auth/queries";
import { createToken } from "@/lib/tokens/actions";
import { getToken } from "@/lib/tokens/queries";
import { createTestAccount, withTestDatabase, type TestAccount } from "@/test/database";
import { activityInput } from "@/test/token-fixtures";
import { addAdmin, auditOf, codeOf, teamSnapshot } from "@/test/team-fixtures";
import { cancelInvite, changeRole, createPasswordResetLink, inviteUser, removeUser } from "./actions";
import { hashLinkCode } from "./link-code";
import { findUsableInvite, listMembers, listPendingInvites } from "./queries";
import { changeMemberRole, LAST_ADMIN, removeMember } from "./write/members";

withTestDatabase();

let account: TestAccount;
beforeEach(async () => {
  account = await createTestAccount();
  signInAs(account.admin);
});

async function invited(email = `new-${Math.random().toString(36).slice(2)}@team.test`, role: "admin" | "marketer" = "marketer") {
  const result = await inviteUser({ email, role });
  if (!result.ok) throw new Error(JSON.stringify(result));
  return { email, link: result.data.link, code: codeOf(result.data.link) };
}

describe("inviteUser", () => {
  it("shows a one-time link and stores only its hash; the audit row names the role, not the email", async () => {
    const { email, link, code } = await invited("Person@Team.TEST");
    expect(link).toMatch(/^http:\/\/[^/]+\/invite\/[A-Za-z0-9_-]{43}$/);
    const [row] = await getDb().select().from(userInvites).where(eq(userInvites.accountId, account.accountId));
    expect(row).toMatchObject({ email: email.toLowerCase(), role: "marketer", codeHash: hashLinkCode(code), invitedById: account.admin.id, usedAt: null });
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(7 * 24 * 3600 * 1000);
    expect(JSON.stringify(row)).not.toContain(code);
    const audit = await auditOf(account.accountId);
    expect(audit).toMatchObject([{ action: "user.invited", actorName: account.admin.name, targetKind: "invite", targetLabel: "Invite (Marketer)", detail: { role: "marketer" } }]);
    expect(JSON.stringify(audit)).not.toMatch(new RegExp(`${code}|person@team`, "i"));
    expect(await findUsableInvite(code)).toMatchObject({ accountName: account.admin.accountName, email: "person@team.test", role: "marketer" });
  });

  it("refuses an email that already signs in, and bad input, writing nothing", async () => {
    const before = await teamSnapshot(account.accountId);
    expect(await inviteUser({ email: account.marketer.email.toUpperCase(), role: "marketer" })).toEqual({ ok: false, fieldErrors: { email: "This email already signs in to the Hub." } });
    expect(await inviteUser({ email: "not an email", role: "marketer" })).toMatchObject({ ok: false, fieldErrors: { email: expect.any(String) } });
    expect(await inviteUser({ email: "a@b.test", role: "owner" as "admin" })).toEqual({ ok: false, fieldErrors: { role: "Choose a role" } });
    expect(await teamSnapshot(account.accountId)).toEqual(before);
  });

  it("replaces a pending invite for the same email: the old link stops working", async () => {
    const first = await invited("again@team.test");
    const second = await invited("again@team.test", "admin");
    expect(await findUsableInvite(first.code)).toBeNull();
    expect(await findUsableInvite(second.code)).toMatchObject({ role: "admin" });
    expect(await listPendingInvites(account.accountId)).toMatchObject([{ email: "again@team.test", role: "admin" }]);
  });
});

describe("cancelInvite", () => {
  it("ends the link; a second cancel and another account's invite answer alike", async () => {
    const { code } = await invited();
    const [pending] = await listPendingInvites(account.accountId);
    expect(await cancelInvite(pending!.id)).toEqual({ ok: true, data: undefined });
    expect(await findUsableInvite(code)).toBeNull();
    const refusal = { ok: false, formError: "This invite does not exist or is no longer pending." };
    expect(await cancelInvite(pending!.id)).toEqual(refusal);
    const other = await createTestAccount();
    signInAs(other.admin);
    await invited();
    const [theirs] = await listPendingInvites(other.accountId);
    signInAs(account.admin);
    expect(await cancelInvite(theirs!.id)).toEqual(refusal);
    expect(await cancelInvite("not-a-uuid")).toEqual(refusal);
    expect((await auditOf(account.accountId)).map((a) => a.action)).toEqual(["user.invited", "user.invite_cancelled"]);
  });
});

describe("changeRole", () => {
  it("changes a role and records from and to", async () => {
    expect(await changeRole(account.marketer.id, { role: "admin" })).toEqual({ ok: true, data: undefined });
    expect((await getUserById(account.marketer.id))?.role).toBe("admin");
    expect(await auditOf(account.accountId)).toMatchObject([{ action: "user.role_changed", targetLabel: account.marketer.name, detail: { from: "marketer", to: "admin" } }]);
  });

  it("keeps the last admin", async () => {
    const before = await teamSnapshot(account.accountId);
    expect(await changeRole(account.admin.id, { role: "marketer" })).toEqual({ ok: false, fieldErrors: { role: LAST_ADMIN } });
    expect(await teamSnapshot(account.accountId)).toEqual(before);
  });

  it("answers another account's user like a missing one", async () => {
    const other = await createTestAccount();
    expect(await changeRole(other.marketer.id, { role: "admin" })).toEqual({ ok: false, formError: "This user does not exist or has been removed." });
    expect((await getUserById(other.marketer.id))?.role).toBe("marketer");
  });
});

describe("removeUser", () => {
  it("ends their sessions, deletes their reset links, keeps their tokens with '(removed)'", async () => {
    signInAs(account.marketer);
    const token = await createToken(activityInput({ description: "Made by Max" }));
    if (!token.ok) throw new Error(JSON.stringify(token));
    signInAs(account.admin);
    expect((await createPasswordResetLink(account.marketer.id)).ok).toBe(true);
    const [before] = await getDb().select({ v: users.sessionVersion }).from(users).where(eq(users.id, account.marketer.id));

    expect(await removeUser(account.marketer.id)).toEqual({ ok: true, data: undefined });
    expect(await getUserById(account.marketer.id)).toBeNull();
    const [after] = await getDb().select({ v: users.sessionVersion, removedAt: users.removedAt }).from(users).where(eq(users.id, account.marketer.id));
    expect(after!.v).toBe(before!.v + 1);
    expect(after!.removedAt).not.toBeNull();
    expect(await getDb().select().from(passwordResets).where(eq(passwordResets.userId, account.marketer.id))).toEqual([]);
    const [row] = await getDb().select({ status: apiTokens.status }).from(apiTokens).where(eq(apiTokens.id, token.data.tokenId));
    expect(row!.status).toBe("active");
    expect((await getToken(account.accountId, token.data.tokenId))?.createdByName).toBe(`${account.marketer.name} (removed)`);
    expect((await listMembers(account.accountId)).map((m) => m.id)).toEqual([account.admin.id]);
    expect((await auditOf(account.accountId)).at(-1)).toMatchObject({ action: "user.removed", targetLabel: account.marketer.name });
    // Gone means gone: a second removal answers like a missing user.
    expect(await removeUser(account.marketer.id)).toMatchObject({ ok: false });
  });

  it("refuses to remove yourself, and keeps the last admin", async () => {
    expect(await removeUser(account.admin.id)).toEqual({ ok: false, formError: "You can't remove yourself. Ask another admin." });
    const second = await addAdmin(account.accountId, account.admin.accountName);
    signInAs(second);
    // With two admins one may go; the one left is the last and keeps the role.
    expect(await removeUser(account.admin.id)).toEqual({ ok: true, data: undefined });
    expect(await changeRole(second.id, { role: "marketer" })).toEqual({ ok: false, fieldErrors: { role: LAST_ADMIN } });
  });
});

describe("the last-admin rule under concurrency", () => {
  it("lets only one of two admins demoting or removing each other at once succeed", async () => {
    const second = await addAdmin(account.accountId, account.admin.accountName);
    const by = (u: { id: string; name: string }) => ({ kind: "user" as const, id: u.id, name: u.name, ip: null });
    const outcomes = await Promise.all([
      changeMemberRole(account.accountId, by(second), account.admin.id, "marketer"),
      removeMember(account.accountId, by(account.admin), second.id),
    ]);
    expect(outcomes.sort()).toEqual(["done", "last_admin"]);
    const admins = (await listMembers(account.accountId)).filter((m) => m.role === "admin");
    expect(admins).toHaveLength(1);
  });
});

describe("a marketer", () => {
  it("is refused every team action, and nothing is written", async () => {
    const { code } = await invited();
    const [pending] = await listPendingInvites(account.accountId);
    const before = await teamSnapshot(account.accountId);
    signInAs(account.marketer);
    const refused = { ok: false, formError: "Only admins can manage the team." };
    expect(await inviteUser({ email: "sneaky@team.test", role: "admin" })).toEqual(refused);
    expect(await cancelInvite(pending!.id)).toEqual(refused);
    expect(await changeRole(account.marketer.id, { role: "admin" })).toEqual(refused);
    expect(await changeRole(account.admin.id, { role: "marketer" })).toEqual(refused);
    expect(await removeUser(account.admin.id)).toEqual(refused);
    expect(await createPasswordResetLink(account.admin.id)).toEqual(refused);
    expect(await teamSnapshot(account.accountId)).toEqual(before);
    expect(await findUsableInvite(code)).not.toBeNull();
  });
});
