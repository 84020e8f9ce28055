"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/db";
import type { ActionResult } from "@/lib/action-result";
import { hashPassword } from "@/lib/auth/password";
import { choosePasswordSchema } from "@/lib/auth/password-policy";
import { renewThisSession, type CurrentUser } from "@/lib/auth/session";
import { getSignInState } from "@/lib/auth/sign-in-step";
import { recordAccountChange, type AccountChange } from "@/lib/changes/record-account-change";
import { serverAction } from "@/lib/server-action";
import { auditFor } from "./audit";
import { checkCurrentPassword, THROTTLED_MESSAGE } from "./current-password";
import { endSessions } from "./queries";
import { changePasswordSchema, type ChangePasswordInput } from "./schema";

// My account, run by serverAction: each action establishes the user first and acts on that
// user only (no id is taken from input). A password change or "Sign out other sessions" raises
// the session version, which ends every session of the user, then re-issues this browser's
// under the new version.

/** Ends every session of the user (with a new password, if given) and keeps this browser's. */
async function endOtherSessions(user: CurrentUser, change: AccountChange, passwordHash?: string): Promise<ActionResult> {
  // The new password, the ended sessions and the audit row stand or fall together.
  const version = await getDb().transaction(async (tx) => {
    const next = await endSessions(tx, user.id, passwordHash);
    await recordAccountChange(tx, change);
    return next;
  });
  await renewThisSession(user.id, version);
  return { ok: true, data: undefined };
}

export async function changePassword(input: ChangePasswordInput): Promise<ActionResult> {
  return serverAction("changePassword", {
    parse: () => changePasswordSchema.safeParse(input),
    run: async ({ user, input: { currentPassword, password } }) => {
      const check = await checkCurrentPassword(user, currentPassword);
      if (check === "throttled") return { ok: false, formError: THROTTLED_MESSAGE };
      if (check === "wrong") return { ok: false, fieldErrors: { currentPassword: "The current password is incorrect" } };
      const passwordHash = await hashPassword(password);
      return endOtherSessions(user, await auditFor(user, "user.password_changed"), passwordHash);
    },
  });
}

export async function signOutOtherSessions(): Promise<ActionResult> {
  return serverAction("signOutOtherSessions", {
    run: async ({ user }) => endOtherSessions(user, await auditFor(user, "user.sessions_signed_out")),
  });
}

/** First sign-in with an operator-issued password: the user chooses their own, then goes on. */
export async function chooseNewPassword(input: { password: string; confirmPassword: string }): Promise<ActionResult> {
  const result = await serverAction("chooseNewPassword", {
    completes: "choose-password",
    parse: () => choosePasswordSchema.safeParse(input),
    run: async ({ user, input: { password } }) => {
      // Only the first-sign-in case: anyone else changes a password knowing the current one.
      if (!(await getSignInState(user.id))?.mustChangePassword) return { ok: false, formError: "Your password has already been chosen." };
      const passwordHash = await hashPassword(password);
      return endOtherSessions(user, await auditFor(user, "user.password_changed", { first_sign_in: true }), passwordHash);
    },
  });
  // Outside the guard: Next's redirect travels as an error.
  if (result.ok) redirect("/manage/integrations");
  return result;
}
