import "server-only";
import { headers } from "next/headers";
import { knownDeviceCookie, knownDeviceId } from "@/lib/auth/known-device";
import { getSessionVersion } from "@/lib/auth/queries";
import { PasswordChecksBusy, verifyPassword } from "@/lib/auth/password";
import { chargeSignInAttempt } from "@/lib/auth/sign-in-throttle";
import { requestIp } from "@/lib/request-ip";
import { getPasswordHash } from "./queries";

/**
 * Re-checks the signed-in user's password before a sensitive change. Charged to the same
 * budgets as sign-in: a stolen session must not become an unlimited password oracle.
 */
export async function checkCurrentPassword(user: { id: string; email: string }, password: string): Promise<"ok" | "wrong" | "throttled"> {
  const requestHeaders = await headers();
  const ip = requestIp(requestHeaders) ?? "unknown";
  const deviceId = knownDeviceId(knownDeviceCookie(requestHeaders), user.email, (await getSessionVersion(user.email)) ?? undefined);
  const attempt = await chargeSignInAttempt({ email: user.email, ip, deviceId });
  if (!attempt) return "throttled";
  let valid: boolean;
  try {
    valid = await verifyPassword(await getPasswordHash(user.id), password);
  } catch (error) {
    if (error instanceof PasswordChecksBusy) return "throttled";
    throw error;
  }
  if (!valid) return "wrong";
  await attempt.succeeded();
  return "ok";
}

export const THROTTLED_MESSAGE = "Too many failed attempts. Wait 15 minutes, then try again.";
