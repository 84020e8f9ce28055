import { CredentialsSignin } from "next-auth";
import { auditSignIn } from "@/lib/audit/sign-in";
import { knownDeviceId } from "./known-device";
import { getSessionVersion, getUserCredentials } from "./queries";
import { PasswordChecksBusy, verifyPassword } from "./password";
import { signInSchema } from "./schema";
import { chargeSignInAttempt } from "./sign-in-throttle";
import { signedIn, TwoFactorRequired } from "./signed-in";

export class SignInThrottled extends CredentialsSignin {
  override code = "throttled";
}

/**
 * Auth.js `authorize`: returns the user id on success, null on any wrong credential (one generic
 * answer), and throws SignInThrottled when a counter of the sign-in policy is spent or too many
 * password checks are already waiting. `deviceCookie` is the browser's known-device cookie.
 */
export async function authorizeCredentials(input: unknown, clientIp: string | null, deviceCookie?: string | null): Promise<{ id: string; sessionVersion: number } | null> {
  // Every attempt's outcome on the audit log (lib/audit/sign-in.ts).
  return auditSignIn(input, clientIp, () => checkCredentials(input, clientIp, deviceCookie));
}

async function checkCredentials(input: unknown, clientIp: string | null, deviceCookie?: string | null): Promise<{ id: string; sessionVersion: number } | null> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  // Callers whose address the server did not learn share one per-IP budget: never unthrottled.
  const ip = clientIp ?? "unknown";

  // A known-device cookie only counts at the user's current session version (read only when one is shown).
  const deviceId = deviceCookie ? knownDeviceId(deviceCookie, email, (await getSessionVersion(email)) ?? undefined) : null;
  const attempt = await chargeSignInAttempt({ email, ip, deviceId });
  if (!attempt) throw new SignInThrottled();

  const user = await getUserCredentials(email);

  let valid: boolean;
  try {
    valid = await verifyPassword(user?.passwordHash ?? null, password);
  } catch (error) {
    if (error instanceof PasswordChecksBusy) throw new SignInThrottled();
    throw error;
  }
  if (!user || !valid) return null;
  // Two-factor on: the password was right, the code is still to come (lib/auth/two-factor/sign-in.ts).
  if (user.twoFactorOn) throw new TwoFactorRequired(user.id);
  await attempt.succeeded();
  return signedIn(user);
}
