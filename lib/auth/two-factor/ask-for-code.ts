import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { currentMode } from "@/lib/mode";
import { PENDING_SIGN_IN_COOKIE, PENDING_SIGN_IN_MAX_AGE_SECONDS, pendingSignIn } from "./pending-sign-in";

/** The password was right and two-factor is on: remember who (not the password) and ask for the code. */
export async function askForCode(userId: string, callbackUrl: string | undefined): Promise<never> {
  (await cookies()).set(PENDING_SIGN_IN_COOKIE, pendingSignIn(userId), {
    httpOnly: true,
    sameSite: "lax",
    secure: currentMode() === "production",
    path: "/",
    maxAge: PENDING_SIGN_IN_MAX_AGE_SECONDS,
  });
  redirect(callbackUrl ? `/login/two-factor?${new URLSearchParams({ callbackUrl })}` : "/login/two-factor");
}
