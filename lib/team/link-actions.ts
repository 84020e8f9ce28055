"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { answerUnexpected } from "@/lib/action-guard";
import { fieldErrorsOf, type ActionResult } from "@/lib/action-result";
import { signIn } from "@/lib/auth";
import { hashPassword } from "@/lib/auth/password";
import { requestIp } from "@/lib/request-ip";
import { INVITE_INVALID, RESET_INVALID } from "./messages";
import { joinSchema, resetPasswordSchema, type JoinInput, type ResetPasswordInput } from "./schema";
import { acceptInvite } from "./write/invites";
import { usePasswordReset } from "./write/password-resets";

// The two actions a signed-out person may call: the link's code is their only credential, and
// it is checked (and spent) inside the write's guarded UPDATE. Like the sign-in actions they
// stay outside serverAction, whose first step is a signed-in user: there is none here, only the
// same guard (answerUnexpected) around the work. The code arrives as an argument,
// never in a URL the server logs, and goes nowhere but the hash lookup.

export async function joinWithInvite(code: string, input: JoinInput): Promise<ActionResult> {
  const result = await answerUnexpected<{ email: string; password: string }>("joinWithInvite", async () => {
    const parsed = joinSchema.safeParse(input);
    if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
    const { name, password } = parsed.data;
    const outcome = await acceptInvite(String(code), { name, passwordHash: await hashPassword(password), ip: requestIp(await headers()) });
    if (!outcome.ok) {
      return { ok: false, formError: outcome.reason === "email_taken" ? "This email already signs in to the Hub. Sign in instead." : INVITE_INVALID };
    }
    return { ok: true, data: { email: outcome.email, password } };
  });
  if (!result.ok) return result;
  try {
    await signIn("credentials", { ...result.data, redirect: false });
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    // The account exists; only the automatic sign-in failed (e.g. throttled): sign in by hand.
    redirect("/login");
  }
  redirect("/manage/integrations");
}

export async function resetPasswordWithLink(code: string, input: ResetPasswordInput): Promise<ActionResult> {
  const result = await answerUnexpected("resetPasswordWithLink", async () => {
    const parsed = resetPasswordSchema.safeParse(input);
    if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
    const passwordHash = await hashPassword(parsed.data.password);
    if (!(await usePasswordReset(String(code), passwordHash, requestIp(await headers())))) return { ok: false, formError: RESET_INVALID };
    return { ok: true, data: undefined };
  });
  if (!result.ok) return result;
  redirect("/login?reset=done");
}
