"use server";

import { AuthError } from "next-auth";
import { signIn, signOut } from "./index";
import { safeCallbackUrl, signInSchema, type SignInInput } from "./schema";
import { fieldErrorsOf, type ActionResult } from "@/lib/action-result";

export async function signInWithPassword(input: SignInInput): Promise<ActionResult> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  }
  const { email, password, callbackUrl } = parsed.data;
  try {
    await signIn("credentials", { email, password, redirectTo: safeCallbackUrl(callbackUrl) });
  } catch (error) {
    // signIn redirects by throwing; only Auth.js's own errors are answers for the form.
    if (!(error instanceof AuthError)) throw error;
    if (error.type === "CallbackRouteError") {
      // Not a wrong password: the check itself failed (e.g. the database is down).
      return { ok: false, formError: "The Hub could not sign you in right now. Try again in a moment." };
    }
    if (error.type === "CredentialsSignin" && (error as { code?: string }).code === "throttled") {
      return { ok: false, formError: "Too many failed sign-in attempts. Wait 15 minutes, then try again." };
    }
    return { ok: false, formError: "The email or password is incorrect." };
  }
  return { ok: true, data: undefined };
}

export async function signOutUser(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}
