"use server";

import { AuthError } from "next-auth";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import type { ActionResult } from "@/lib/action-result";
import { signIn } from "../index";
import { safeCallbackUrl } from "../schema";
import { WRONG_CODE } from "./messages";
import { PENDING_SIGN_IN_COOKIE } from "./pending-sign-in";

/**
 * The code step of sign-in, posted by the browser itself (it works without JavaScript): the
 * user named by the pending sign-in cookie gets a session once the code is right.
 */
export async function signInWithCode(_previous: ActionResult | undefined, form: FormData): Promise<ActionResult> {
  const code = form.get("code");
  const callbackUrl = form.get("callbackUrl");
  if (typeof code !== "string" || !code.trim()) {
    return { ok: false, fieldErrors: { code: "Enter the code from your authenticator app, or a recovery code" } };
  }
  try {
    await signIn("two-factor", { code: code.trim(), redirect: false });
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    if (error.type === "CallbackRouteError") return { ok: false, formError: "The Hub could not sign you in right now. Try again in a moment." };
    const why = (error as { code?: string }).code;
    if (why === "throttled") return { ok: false, formError: "Too many failed sign-in attempts. Wait 15 minutes, then try again." };
    if (why === "expired") return { ok: false, formError: "This sign-in has expired. Go back and sign in again." };
    return { ok: false, fieldErrors: { code: WRONG_CODE } };
  }
  (await cookies()).delete(PENDING_SIGN_IN_COOKIE);
  redirect(safeCallbackUrl(typeof callbackUrl === "string" ? callbackUrl : undefined));
}
