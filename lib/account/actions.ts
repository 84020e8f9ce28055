"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { answerUnexpected } from "@/lib/action-guard";
import { fieldErrorsOf, type ActionResult } from "@/lib/action-result";
import { hashPassword } from "@/lib/auth/password";
import { choosePasswordSchema } from "@/lib/auth/password-policy";
import { renewThisSession, requireUser } from "@/lib/auth/session";
import { recordAccountChange } from "@/lib/changes/record-account-change";
import { auditFor } from "./audit";
import { checkCurrentPassword, THROTTLED_MESSAGE } from "./current-password";
import { endSessions, getSignInState } from "./queries";
import { changePasswordSchema, type ChangePasswordInput } from "./schema";

// My account: each action establishes the user first and acts on that user only (no id is
// taken from input). A password change or "Sign out other sessions" raises the session version,
// which ends every session of the user, then re-issues this browser's under the new version.

export async function changePassword(input: ChangePasswordInput): Promise<ActionResult> {
  const user = await requireUser();
  return answerUnexpected("changePassword", async () => {
    const parsed = changePasswordSchema.safeParse(input);
    if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
    const check = await checkCurrentPassword(user, parsed.data.currentPassword);
    if (check === "throttled") return { ok: false, formError: THROTTLED_MESSAGE };
    if (check === "wrong") return { ok: false, fieldErrors: { currentPassword: "The current password is incorrect" } };

    const passwordHash = await hashPassword(parsed.data.password);
    const change = await auditFor(user, "user.password_changed");
    // The new password, the ended sessions and the audit row stand or fall together.
    const version = await getDb().transaction(async (tx) => {
      const next = await endSessions(tx, user.id, passwordHash);
      await recordAccountChange(tx, change);
      return next;
    });
    await renewThisSession(user.id, version);
    return { ok: true, data: undefined };
  });
}

export async function signOutOtherSessions(): Promise<ActionResult> {
  const user = await requireUser();
  return answerUnexpected("signOutOtherSessions", async () => {
    const change = await auditFor(user, "user.sessions_signed_out");
    const version = await getDb().transaction(async (tx) => {
      const next = await endSessions(tx, user.id);
      await recordAccountChange(tx, change);
      return next;
    });
    await renewThisSession(user.id, version);
    return { ok: true, data: undefined };
  });
}

/** First sign-in with an operator-issued password: the user chooses their own, then goes on. */
export async function chooseNewPassword(input: { password: string; confirmPassword: string }): Promise<ActionResult> {
  const user = await requireUser();
  const result = await answerUnexpected("chooseNewPassword", async (): Promise<ActionResult> => {
    const parsed = choosePasswordSchema.safeParse(input);
    if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
    // Only the first-sign-in case: anyone else changes a password knowing the current one.
    if (!(await getSignInState(user.id))?.mustChangePassword) return { ok: false, formError: "Your password has already been chosen." };
    const passwordHash = await hashPassword(parsed.data.password);
    const change = await auditFor(user, "user.password_changed", { first_sign_in: true });
    const version = await getDb().transaction(async (tx) => {
      const next = await endSessions(tx, user.id, passwordHash);
      await recordAccountChange(tx, change);
      return next;
    });
    await renewThisSession(user.id, version);
    return { ok: true, data: undefined };
  });
  if (result.ok) redirect("/manage/integrations");
  return result;
}
