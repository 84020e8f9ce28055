import { and, eq, isNull } from "drizzle-orm";
import { CredentialsSignin } from "next-auth";
import { getDb } from "@/db";
import { auditSecondFactor } from "@/lib/audit/sign-in";
import { users } from "@/db/tables";
import { SignInThrottled } from "../credentials";
import { knownDeviceId } from "../known-device";
import { signedIn } from "../signed-in";
import { chargeSignInAttempt } from "../sign-in-throttle";
import { pendingUserId } from "./pending-sign-in";
import { verifySecondFactor } from "./verify";

/** The pending sign-in cookie is missing, forged or older than 5 minutes: start again. */
export class SignInExpired extends CredentialsSignin {
  override code = "expired";
}

async function pendingUser(userId: string) {
  const [row] = await getDb()
    .select({ id: users.id, email: users.email, name: users.name, accountId: users.accountId, sessionVersion: users.sessionVersion })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.removedAt)));
  return row ?? null;
}

/**
 * Auth.js `authorize` of the code step: the user named by the pending sign-in cookie, once their
 * code is right. Every code is charged to the same atomic budget as passwords.
 */
export async function authorizeSecondFactor(input: unknown, pendingCookie: string | null, clientIp: string | null, deviceCookie?: string | null) {
  const userId = pendingUserId(pendingCookie);
  const user = userId ? await pendingUser(userId) : null;
  if (!user) throw new SignInExpired();
  const raw = (input as { code?: unknown } | null)?.code;
  const code = typeof raw === "string" ? raw.slice(0, 64) : "";

  // Every code's outcome on the audit log, as a password's (lib/audit/sign-in.ts).
  return auditSecondFactor(user.email, clientIp, async () => {
    const attempt = await chargeSignInAttempt({ email: user.email, ip: clientIp ?? "unknown", deviceId: knownDeviceId(deviceCookie, user.email, user.sessionVersion) });
    if (!attempt) throw new SignInThrottled();
    if (!(await verifySecondFactor(user, code, clientIp))) return null;
    await attempt.succeeded();
    return signedIn(user);
  });
}
