"use server";

import { AuthError } from "next-auth";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { signIn, signOut } from "./index";
import { issueKnownDevice, knownDeviceCookieSpec } from "./known-device";
import { getSessionVersion } from "./queries";
import { endThisSession } from "./session";
import { safeCallbackUrl, signInSchema, type SignInInput } from "./schema";
import { TwoFactorRequired } from "./signed-in";
import { askForCode } from "./two-factor/ask-for-code";
import { fieldErrorsOf, type ActionResult } from "@/lib/action-result";

export async function signInWithPassword(input: SignInInput): Promise<ActionResult> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  }
  const { email, password, callbackUrl } = parsed.data;
  try {
    await signIn("credentials", { email, password, redirect: false });
  } catch (error) {
    // signIn redirects by throwing; only Auth.js's own errors are answers for the form.
    if (!(error instanceof AuthError)) throw error;
    if (error instanceof TwoFactorRequired) await askForCode(error.userId, callbackUrl);
    if (error.type === "CallbackRouteError") {
      // Not a wrong password: the check itself failed (e.g. the database is down).
      return { ok: false, formError: "The Hub could not sign you in right now. Try again in a moment." };
    }
    if (error.type === "CredentialsSignin" && (error as { code?: string }).code === "throttled") {
      return { ok: false, formError: "Too many failed sign-in attempts. Wait 15 minutes, then try again." };
    }
    return { ok: false, formError: "The email or password is incorrect." };
  }
  // This browser is now known for this email: next time it has a failure budget of its own,
  // which guesses from elsewhere cannot spend (the README's sign-in policy).
  const sessionVersion = await getSessionVersion(email);
  const device = knownDeviceCookieSpec();
  if (sessionVersion !== null) (await cookies()).set(device.name, issueKnownDevice(email, sessionVersion), device.options);
  redirect(safeCallbackUrl(callbackUrl));
}

export async function signOutUser(): Promise<void> {
  // Deleting the cookie alone is not enough: a response still in flight (a prefetch the proxy
  // answered with a re-issued cookie) can put it back after this one. The session's id, ended
  // in the database, keeps it signed out whatever cookie comes back.
  await endThisSession();
  await signOut({ redirectTo: "/login" });
}
