"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { answerUnexpected } from "@/lib/action-guard";
import { fieldErrorsOf, type ActionResult } from "@/lib/action-result";
import { can } from "@/lib/auth/permissions";
import { requireUser, type CurrentUser } from "@/lib/auth/session";
import type { AuditActor } from "@/lib/changes/record-account-change";
import { isUuid } from "@/lib/uuid";
import { requestIp } from "@/lib/request-ip";
import { generateLinkCode, INVITE_PATH, PASSWORD_RESET_PATH } from "./link-code";
import { linkOrigin } from "./link-origin";
import { mailInvite, mailPasswordReset } from "./mail";
import { getMember } from "./queries";
import { changeRoleSchema, inviteUserSchema, roleLabels, type ChangeRoleInput, type InviteUserInput } from "./schema";
import { cancelInvite as cancelInviteRow, createInvite } from "./write/invites";
import { changeMemberRole, LAST_ADMIN, removeMember } from "./write/members";
import { createPasswordReset } from "./write/password-resets";

// Every action is a public POST endpoint: the user first, then "team:manage" (admins), the
// account from the session. The plaintext link exists only in the result of inviteUser and
// createPasswordResetLink (and the mail to its owner): never in a log, the audit row or a cache.

const ADMINS_ONLY = "Only admins can manage the team.";
const NO_USER = "This user does not exist or has been removed.";
const NO_INVITE = "This invite does not exist or is no longer pending.";

async function requireTeamAdmin(): Promise<CurrentUser | null> {
  const user = await requireUser();
  return can(user, "team:manage") ? user : null;
}

async function actorFor(user: CurrentUser): Promise<AuditActor & { kind: "user" }> {
  return { kind: "user", id: user.id, name: user.name, ip: requestIp(await headers()) };
}

const refresh = () => revalidatePath("/manage/team");

export async function inviteUser(input: InviteUserInput): Promise<ActionResult<{ link: string; mailed: boolean }>> {
  const user = await requireTeamAdmin();
  if (!user) return { ok: false, formError: ADMINS_ONLY };
  return answerUnexpected("inviteUser", async () => {
    const parsed = inviteUserSchema.safeParse(input);
    if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
    const code = generateLinkCode();
    const outcome = await createInvite(user.accountId, await actorFor(user), parsed.data, code);
    if (!outcome.ok) return { ok: false, fieldErrors: { email: "This email already signs in to the Hub." } };
    const link = `${await linkOrigin()}${INVITE_PATH}${code.code}`;
    const mailed = await mailInvite(parsed.data.email, { accountName: user.accountName, inviterName: user.name, roleLabel: roleLabels[parsed.data.role], link });
    refresh();
    return { ok: true, data: { link, mailed } };
  });
}

export async function cancelInvite(inviteId: string): Promise<ActionResult> {
  const user = await requireTeamAdmin();
  if (!user) return { ok: false, formError: ADMINS_ONLY };
  return answerUnexpected("cancelInvite", async () => {
    const id = String(inviteId);
    if (!isUuid(id) || !(await cancelInviteRow(user.accountId, await actorFor(user), id))) return { ok: false, formError: NO_INVITE };
    refresh();
    return { ok: true, data: undefined };
  });
}

export async function changeRole(userId: string, input: ChangeRoleInput): Promise<ActionResult> {
  const user = await requireTeamAdmin();
  if (!user) return { ok: false, formError: ADMINS_ONLY };
  return answerUnexpected("changeRole", async () => {
    const member = await getMember(user.accountId, String(userId));
    if (!member) return { ok: false, formError: NO_USER };
    const parsed = changeRoleSchema.safeParse(input);
    if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
    const outcome = await changeMemberRole(user.accountId, await actorFor(user), member.id, parsed.data.role);
    if (outcome === "missing") return { ok: false, formError: NO_USER };
    if (outcome === "last_admin") return { ok: false, fieldErrors: { role: LAST_ADMIN } };
    refresh();
    return { ok: true, data: undefined };
  });
}

export async function removeUser(userId: string): Promise<ActionResult> {
  const user = await requireTeamAdmin();
  if (!user) return { ok: false, formError: ADMINS_ONLY };
  return answerUnexpected("removeUser", async () => {
    const member = await getMember(user.accountId, String(userId));
    if (!member) return { ok: false, formError: NO_USER };
    // Leaving is for another admin to do: nobody locks themselves out by a slip of the mouse.
    if (member.id === user.id) return { ok: false, formError: "You can't remove yourself. Ask another admin." };
    const outcome = await removeMember(user.accountId, await actorFor(user), member.id);
    if (outcome === "missing") return { ok: false, formError: NO_USER };
    if (outcome === "last_admin") return { ok: false, formError: LAST_ADMIN };
    refresh();
    revalidatePath("/manage/integrations", "layout");
    return { ok: true, data: undefined };
  });
}

export async function createPasswordResetLink(userId: string): Promise<ActionResult<{ link: string; mailed: boolean }>> {
  const user = await requireTeamAdmin();
  if (!user) return { ok: false, formError: ADMINS_ONLY };
  return answerUnexpected("createPasswordResetLink", async () => {
    const member = await getMember(user.accountId, String(userId));
    if (!member) return { ok: false, formError: NO_USER };
    const code = generateLinkCode();
    if (!(await createPasswordReset(user.accountId, await actorFor(user), member.id, code))) return { ok: false, formError: NO_USER };
    const link = `${await linkOrigin()}${PASSWORD_RESET_PATH}${code.code}`;
    const mailed = await mailPasswordReset(member.email, { accountName: user.accountName, link });
    refresh();
    return { ok: true, data: { link, mailed } };
  });
}
