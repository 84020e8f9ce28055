"use server";

import type { ActionResult } from "@/lib/action-result";
import { can } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/session";
import { byUser } from "@/lib/changes/record-change";
import { serverAction } from "@/lib/server-action";
import { isUuid } from "@/lib/uuid";
import { generateLinkCode, INVITE_PATH, PASSWORD_RESET_PATH } from "./link-code";
import { linkOrigin } from "./link-origin";
import { mailInvite, mailPasswordReset } from "./mail";
import { getMember } from "./queries";
import { changeRoleSchema, inviteUserSchema, roleLabels, type ChangeRoleInput, type InviteUserInput } from "./schema";
import { cancelInvite as cancelInviteRow, createInvite } from "./write/invites";
import { changeMemberRole, LAST_ADMIN, removeMember } from "./write/members";
import { createPasswordReset } from "./write/password-resets";

// Every action is a public POST endpoint, run by serverAction: the user first, then
// "team:manage" (admins), the account from the session. The plaintext link exists only in the
// result of inviteUser and createPasswordResetLink (and the mail to its owner): never in a log,
// the audit row or a cache.

const NO_USER = "This user does not exist or has been removed.";
const NO_INVITE = "This invite does not exist or is no longer pending.";
const TEAM_PAGE = "/manage/team";

const teamAdmin = (user: CurrentUser) => (can(user, "team:manage") ? null : "Only admins can manage the team.");

/** The user named by the caller, within the admin's account only. */
const memberOf = (userId: string) => (user: CurrentUser) => getMember(user.accountId, String(userId));

export async function inviteUser(input: InviteUserInput): Promise<ActionResult<{ link: string; mailed: boolean }>> {
  return serverAction("inviteUser", {
    permission: teamAdmin,
    parse: () => inviteUserSchema.safeParse(input),
    run: async ({ user, input: invite, actor }) => {
      const code = generateLinkCode();
      const outcome = await createInvite(user.accountId, byUser(await actor()), invite, code);
      if (!outcome.ok) return { ok: false, fieldErrors: { email: "This email already signs in to the Hub." } };
      const link = `${await linkOrigin()}${INVITE_PATH}${code.code}`;
      const mailed = await mailInvite(invite.email, { accountName: user.accountName, inviterName: user.name, roleLabel: roleLabels[invite.role], link });
      return { ok: true, data: { link, mailed } };
    },
    refresh: TEAM_PAGE,
  });
}

export async function cancelInvite(inviteId: string): Promise<ActionResult> {
  return serverAction("cancelInvite", {
    permission: teamAdmin,
    run: async ({ user, actor }) => {
      const id = String(inviteId);
      if (!isUuid(id) || !(await cancelInviteRow(user.accountId, byUser(await actor()), id))) return { ok: false, formError: NO_INVITE };
      return { ok: true, data: undefined };
    },
    refresh: TEAM_PAGE,
  });
}

export async function changeRole(userId: string, input: ChangeRoleInput): Promise<ActionResult> {
  return serverAction("changeRole", {
    permission: teamAdmin,
    load: memberOf(userId),
    missing: NO_USER,
    parse: () => changeRoleSchema.safeParse(input),
    run: async ({ user, loaded: member, input: { role }, actor }) => {
      const outcome = await changeMemberRole(user.accountId, byUser(await actor()), member.id, role);
      if (outcome === "missing") return { ok: false, formError: NO_USER };
      if (outcome === "last_admin") return { ok: false, fieldErrors: { role: LAST_ADMIN } };
      return { ok: true, data: undefined };
    },
    refresh: TEAM_PAGE,
  });
}

export async function removeUser(userId: string): Promise<ActionResult> {
  return serverAction("removeUser", {
    permission: teamAdmin,
    load: memberOf(userId),
    missing: NO_USER,
    // Leaving is for another admin to do: nobody locks themselves out by a slip of the mouse.
    check: (member, user) => (member.id === user.id ? "You can't remove yourself. Ask another admin." : null),
    run: async ({ user, loaded: member, actor }) => {
      const outcome = await removeMember(user.accountId, byUser(await actor()), member.id);
      if (outcome === "missing") return { ok: false, formError: NO_USER };
      if (outcome === "last_admin") return { ok: false, formError: LAST_ADMIN };
      return { ok: true, data: undefined };
    },
    // The team and the tokens' "Created by" ("<name> (removed)") both change.
    refresh: "/manage",
  });
}

export async function createPasswordResetLink(userId: string): Promise<ActionResult<{ link: string; mailed: boolean }>> {
  return serverAction("createPasswordResetLink", {
    permission: teamAdmin,
    load: memberOf(userId),
    missing: NO_USER,
    run: async ({ user, loaded: member, actor }) => {
      const code = generateLinkCode();
      if (!(await createPasswordReset(user.accountId, byUser(await actor()), member.id, code))) return { ok: false, formError: NO_USER };
      const link = `${await linkOrigin()}${PASSWORD_RESET_PATH}${code.code}`;
      const mailed = await mailPasswordReset(member.email, { accountName: user.accountName, link });
      return { ok: true, data: { link, mailed } };
    },
    refresh: TEAM_PAGE,
  });
}
